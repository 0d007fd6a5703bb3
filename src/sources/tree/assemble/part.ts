/**
 * What an assembler returns before the source stamps it into a `Reading`: the data,
 * the located issues, and the parts the tree does not have.
 */
import { KstatError, issue, type Issue } from '../../../errors.js';
import type { Unavailable } from '../../source.js';
import type { TreeReader } from '../reader.js';

export interface Part<T> {
  data: T;
  issues: Issue[];
  unavailable: Unavailable[];
}

export function emptyPart<T>(data: T): Part<T> {
  return { data, issues: [], unavailable: [] };
}

/** Appends in a loop: push(...many) passes one argument per item and overflows the stack at ~100k records. */
export function appendAll<T>(to: T[], from: readonly T[]): void {
  for (const item of from) to.push(item);
}

/** One list-valued part (or reading) added to another: data, issues and unavailable entries. */
export function mergePart<T>(into: Part<T[]>, from: { readonly data: readonly T[]; readonly issues: readonly Issue[]; readonly unavailable: readonly Unavailable[] }): void {
  appendAll(into.data, from.data);
  appendAll(into.issues, from.issues);
  appendAll(into.unavailable, from.unavailable);
}

/**
 * Reads one logical file for an assembler. Absent or denied → an `Unavailable` entry
 * (the file is simply not in this source); any other failure → a `read-error` issue.
 * Returns the text, or undefined after recording why there is none.
 */
export async function readInto(part: Part<unknown>, reader: TreeReader, file: string, what: string): Promise<string | undefined> {
  const r = await reader.read(file);
  if (r.ok) return r.text;
  if (r.reason === 'absent' || r.reason === 'denied') {
    const reason = r.reason === 'denied' ? `permission denied (${r.errno})` : r.errno === undefined ? r.message : 'not present in this source';
    part.unavailable.push({ what, file, reason });
  } else {
    part.issues.push(issue(file, undefined, 'read-error', `${r.errno ?? r.reason}: ${r.message}`));
  }
  return undefined;
}

/** When nothing at all of a record kind could be read, the kind is unavailable: an error, not an empty list. */
export function requireSome(part: Part<unknown>, anyRead: boolean, kind: string): void {
  if (anyRead) return;
  const reasons = part.unavailable.map((u) => `${u.file ?? u.what}: ${u.reason}`).join('; ');
  const problems = part.issues.map((i) => `${i.file}: ${i.message}`).join('; ');
  throw new KstatError('E_UNAVAILABLE', `${kind} are not available from this source (${[reasons, problems].filter(Boolean).join('; ')})`);
}

/**
 * Runs `reads` at once, each recording its issues and unavailable parts in a part of its
 * own, then adds those to `part` in the order of `reads`: concurrent reads finish in any
 * order, a reading's issues must not depend on it.
 */
export async function allInOrder<T extends readonly unknown[]>(part: Part<unknown>, reads: { readonly [K in keyof T]: (own: Part<unknown>) => Promise<T[K]> }): Promise<T> {
  const own = reads.map(() => emptyPart<unknown>(undefined));
  const results = await Promise.all(reads.map((read, i) => read(own[i]!)));
  addNotes(part, own);
  return results as unknown as T;
}

/** The issues and unavailable parts of `from`, in order, added to `into`. */
export function addNotes(into: Part<unknown>, from: readonly Part<unknown>[]): void {
  for (const f of from) {
    appendAll(into.issues, f.issues);
    appendAll(into.unavailable, f.unavailable);
  }
}
