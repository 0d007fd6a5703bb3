/**
 * The one public error type and the located "issue" value that parsers return.
 *
 * Callers branch on `code`, never on message text (the undici model). Parsers never
 * throw on bad input: they return `Issue`s, each naming the source-relative file and
 * the line (or byte offset) where the problem is.
 */

/** Stable error codes. Documented in docs/errors.md; add, never rename. */
export type ErrorCode =
  | 'E_UNAVAILABLE' // the source has no such data (file absent, kernel too old, not captured)
  | 'E_SOURCE_IO' // reading the source failed for another reason (EACCES, EIO, ...)
  | 'E_PARSE' // the data is present but could not be understood at all
  | 'E_LIMIT' // a size or count bound was hit
  | 'E_ARGUMENT' // the caller passed something invalid
  | 'E_CLOSED' // the session was closed
  | 'E_READ_ONLY'; // a write was asked of a read-only source (kstat_write: every source here is)

const BRAND = Symbol.for('kstat.error');

export class KstatError extends Error {
  readonly code: ErrorCode;
  /** Source-relative file the error concerns, when there is one. */
  readonly file: string | undefined;
  readonly [BRAND] = true;

  constructor(code: ErrorCode, message: string, options: { file?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KstatError';
    this.code = code;
    this.file = options.file;
  }

  /** Works across two loaded copies of the library, unlike instanceof. */
  static is(value: unknown): value is KstatError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}

/** What kind of problem a parser met; stable, documented in docs/errors.md. */
export type IssueCode =
  | 'short-line' // fewer fields than the header (or format) requires
  | 'bad-number' // a numeric field is not a number of the expected base
  | 'bad-address' // an address field does not decode
  | 'bad-header' // the header line is missing or not understood
  | 'width-mismatch' // a value line and its header line differ in width
  | 'unknown-format' // the file does not look like the format the parser reads
  | 'read-error' // a file that should be there could not be read
  | 'truncated' // a binary message or attribute ends before its fixed part does
  | 'bad-length'; // a binary length field is too small or runs past its container

/** A located problem in source data. `line` is 1-based. */
export interface Issue {
  readonly file: string;
  readonly line?: number;
  readonly offset?: number;
  readonly code: IssueCode;
  /** What went wrong, in words. */
  readonly message: string;
  /** The offending text, clipped to a readable length. */
  readonly text?: string;
}

const MAX_ISSUE_TEXT = 120;

export function issue(file: string, line: number | undefined, code: IssueCode, message: string, text?: string): Issue {
  const out: { file: string; line?: number; code: IssueCode; message: string; text?: string } = { file, code, message };
  if (line !== undefined) out.line = line;
  if (text !== undefined) out.text = text.length > MAX_ISSUE_TEXT ? `${text.slice(0, MAX_ISSUE_TEXT)}…` : text;
  return out;
}

/** "proc/net/tcp:12: short-line: ..." — the form the CLIs print. */
export function formatIssue(i: Issue): string {
  const where = i.line !== undefined ? `${i.file}:${i.line}` : i.offset !== undefined ? `${i.file}@${i.offset}` : i.file;
  return `${where}: ${i.code}: ${i.message}${i.text !== undefined ? ` [${i.text}]` : ''}`;
}
