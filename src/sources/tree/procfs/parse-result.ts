import type { Issue } from '../../../errors.js';

/**
 * The parser contract: every parser under procfs/ and sysfs/ is a pure function
 * `(text, file) → ParseResult` — `file` is the logical path used in issues. It never
 * throws on bad input; a line it cannot use becomes an `Issue` and is left out of `rows`.
 */
export interface ParseResult<Row> {
  readonly rows: Row[];
  readonly issues: Issue[];
}
