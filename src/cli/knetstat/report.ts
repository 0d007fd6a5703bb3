/**
 * What every knetstat mode hands back to main: the reading it took (for the JSON
 * document and the warnings), the data it shows (the reading's data after the mode's
 * selection), the text lines, and whether the report is empty (exit status 1).
 */
import type { Reading, Unavailable } from '../../sources/source.js';
import type { Session } from '../../netstat/session.js';
import type { KnetstatOptions, Mode } from './options.js';

export interface Report {
  readonly reading: Reading<unknown>;
  readonly data: unknown;
  /** True when a list report matched nothing (exit 1); never true for -s, -m, -rs. */
  readonly empty: boolean;
  /** Extra stderr lines (e.g. "no interface named X"), printed with the warnings. */
  readonly notes?: readonly string[];
  /** Unavailable parts that do not concern this report's text (kept in JSON, not warned about). */
  readonly irrelevant?: (u: Unavailable) => boolean;
  /** The text lines (no trailing newline), made only when text output is wanted. */
  text(): string[];
  /** The mode already wrote its text to the `out` it was given, while reading (text() is then empty). */
  readonly streamed?: boolean;
}

/**
 * `out`, given for text output only: where a mode that can print while it reads (the socket
 * list) writes its text; other modes ignore it and return text().
 */
export type ModeReport = (session: Session, options: KnetstatOptions, out?: TextOut) => Promise<Report>;

export interface TextOut {
  write(chunk: string | Uint8Array): unknown;
}

/** Version of the JSON document layout (docs/knetstat.schema.json); changes only compatibly. */
export const JSON_FORMAT = 'knetstat/1';

/** One JSON document: the report's data with where and when it was read. */
export function reportDocument(mode: Mode, reading: Reading<unknown>, data: unknown): Record<string, unknown> {
  return {
    format: JSON_FORMAT,
    mode,
    source: { kind: reading.source.kind, label: reading.source.label },
    takenAt: reading.takenAt,
    via: reading.via,
    ...(reading.fallback === undefined ? {} : { fallback: reading.fallback }),
    data,
    issues: reading.issues,
    unavailable: reading.unavailable,
  };
}
