/**
 * One rtnetlink dump, parsed: send the request, parse each reply message of the expected
 * type into a protocol object, collect the parser's issues.
 *
 * A dump the kernel marks interrupted (NLM_F_DUMP_INTR: the table changed while it was
 * being walked, so an entry may be missing or doubled) is taken again, a bounded number
 * of times; if every attempt is interrupted the last one is kept and an issue says so.
 * Kernel errors are thrown by the socket (KstatError): the caller decides what they mean.
 */
import { issue, type Issue } from '../../errors.js';
import type { NetlinkSocket } from './netlink-socket.js';

/** Attempts at a dump that keeps being interrupted; a busy routing daemon can change a table between two walks. */
const DUMP_ATTEMPTS = 3;

export type MessageParser<T> = (bytes: Uint8Array, view: DataView, start: number, end: number, issues: Issue[]) => T | undefined;

export interface ParsedDump<T> {
  items: T[];
  issues: Issue[];
}

export async function dumpParsed<T>(socket: NetlinkSocket, request: number, reply: number, payload: Uint8Array, parse: MessageParser<T>, file: string): Promise<ParsedDump<T>> {
  let last: ParsedDump<T> = { items: [], issues: [] };
  for (let attempt = 1; attempt <= DUMP_ATTEMPTS; attempt++) {
    const items: T[] = [];
    const issues: Issue[] = [];
    const result = await socket.dump(request, payload, (bytes, view, type, start, end) => {
      if (type !== reply) {
        issues.push(issue(file, undefined, 'unknown-format', `message type ${type} at byte ${start}, expected ${reply}; skipped`));
        return;
      }
      const item = parse(bytes, view, start, end, issues);
      if (item !== undefined) items.push(item);
    });
    last = { items, issues };
    if (!result.interrupted) return last;
  }
  last.issues.push(
    issue(file, undefined, 'read-error', `the kernel marked the dump interrupted (NLM_F_DUMP_INTR) on all ${DUMP_ATTEMPTS} attempts: the table kept changing, so an entry may be missing or listed twice`),
  );
  return last;
}
