/**
 * `readInto` (part.ts) for a file read in chunks: feeds every chunk of one logical file to
 * a consumer, and records why a file could not be read the way readInto does (absent or
 * denied → an `Unavailable` entry; anything else, also a failure half-way, → a `read-error`
 * issue). A file that fails half-way counts as not read: the caller drops what its
 * consumer made of the first chunks, as if the file had been read whole and failed.
 *
 * A read is started (`startChunks`) before it is consumed, so that an assembler can start
 * the reads of all its files at once and the kernel prints their first pages meanwhile.
 */
import { issue } from '../../../errors.js';
import type { ChunkOutcome, TreeReader } from '../reader.js';
import type { Part } from './part.js';

/** A chunked read under way: its first step is being read already. */
export interface StartedRead {
  readonly file: string;
  readonly chunks: AsyncGenerator<ChunkOutcome, void, undefined>;
  readonly first: Promise<IteratorResult<ChunkOutcome, void>>;
}

export function startChunks(reader: TreeReader, file: string): StartedRead {
  const chunks = reader.readChunks(file);
  return { file, chunks, first: chunks.next() };
}

/** True when the whole file went to `each` (awaited when it returns a promise); false after recording why not. Ends the read in any case. */
export async function streamInto(part: Part<unknown>, read: StartedRead, what: string, each: (bytes: Uint8Array) => void | Promise<void>): Promise<boolean> {
  const { file, chunks } = read;
  try {
    for (let step = await read.first; step.done !== true; step = await chunks.next()) {
      const chunk = step.value;
      if (chunk.ok) {
        const handed = each(chunk.bytes);
        if (handed !== undefined) await handed;
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
  } finally {
    await chunks.return();
  }
}

/** Ends reads that were started and not consumed (their descriptors are closed). */
export async function endReads(reads: readonly (StartedRead | undefined)[]): Promise<void> {
  for (const read of reads) await read?.chunks.return();
}
