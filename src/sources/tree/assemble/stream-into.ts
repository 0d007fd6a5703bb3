/**
 * `readInto` (part.ts) for a file read in chunks: feeds every chunk of one logical file to
 * a consumer, and records why a file could not be read the way readInto does (absent or
 * denied → an `Unavailable` entry; anything else, also a failure half-way, → a `read-error`
 * issue). A file that fails half-way counts as not read: the caller drops what its
 * consumer made of the first chunks, as if the file had been read whole and failed.
 */
import { issue } from '../../../errors.js';
import type { TreeReader } from '../reader.js';
import type { Part } from './part.js';

/** True when the whole file went to `each`; false after recording why not. */
export async function streamInto(part: Part<unknown>, reader: TreeReader, file: string, what: string, each: (bytes: Uint8Array) => void): Promise<boolean> {
  for await (const chunk of reader.readChunks(file)) {
    if (chunk.ok) {
      each(chunk.bytes);
      continue;
    }
    if (chunk.reason === 'absent' || chunk.reason === 'denied') {
      const reason = chunk.reason === 'denied' ? `permission denied (${chunk.errno})` : chunk.errno === undefined ? chunk.message : 'not present in this source';
      part.unavailable.push({ what, file, reason });
    } else {
      part.issues.push(issue(file, undefined, 'read-error', `${chunk.errno ?? chunk.reason}: ${chunk.message}`));
    }
    return false;
  }
  return true;
}
