/**
 * An internet socket table (/proc/net/{tcp,udp,udplite,raw,icmp}[6]) read as a stream of
 * byte chunks, straight to `InetSocket` records: the whole text is never held (100k sockets
 * are ~15 MB of it), and a line in the kernel's usual layout becomes its record in one pass
 * over its bytes (inet-socket-bytes.ts). Pure: `push(chunk)` as often as there are chunks,
 * then `end()`; a line split across chunks is carried over, so any split of the same bytes
 * gives the same records and issues.
 *
 * Header-driven as parseInetSocketTable (procfs/inet-socket-table.ts), and the same in every
 * result: its column plan decides whether the fast decoder applies; every other line (another
 * column order, unknown columns, a malformed line, an unknown code) goes through its
 * header-driven decoder and the row → record mapping (inet-socket-record.ts), which write the
 * issues, with the same file and 1-based line numbers.
 */
import { issue, type Issue } from '../../../errors.js';
import type { InetSocket } from '../../../records/socket.js';
import { genericRow, planColumns, type ColumnPlan, type Generic, type InetSocketFile } from '../procfs/inet-socket-table.js';
import { newAddressMemo } from '../procfs/inet-socket-row.js';
import type { ParseResult } from '../procfs/parse-result.js';
import { AddressTexts, type ByteOrder } from '../text/hex-address.js';
import { decodeLine, newLineState, type LineState } from './inet-socket-bytes.js';
import { keepsInetSocket, type InetSocketFilter } from './inet-socket-filter.js';
import { inetSocket } from './inet-socket-record.js';

const NEWLINE = 10;
const EVERYTHING: InetSocketFilter = { states: undefined, localPort: -1, remotePort: -1, port: -1 };
/** Lines the fast decoder declined are decoded as the text parser would see them (it reads UTF-8). */
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

export interface InetSocketStreamOptions {
  /** Byte order of the machine that printed the file (see text/hex-address.ts). Default little. */
  readonly byteOrder?: ByteOrder;
  /** Rows to leave out (a socket query's state and ports); default none. */
  readonly filter?: InetSocketFilter;
}

export class InetSocketStream {
  private readonly file: InetSocketFile;
  private readonly order: ByteOrder;
  private readonly filter: InetSocketFilter;
  private rows: InetSocket[] = [];
  private readonly issues: Issue[] = [];
  /** The unfinished last line of the chunks so far. */
  private carry = new Uint8Array(512);
  private carryLength = 0;
  private line = 0;
  private plan: ColumnPlan | undefined;
  private generic: Generic | undefined;
  /** Set when the header allows the fast decoder. */
  private fast: LineState | undefined;
  /** After a bad header nothing more is read. */
  private stopped = false;

  constructor(file: InetSocketFile, options: InetSocketStreamOptions = {}) {
    this.file = file;
    this.order = options.byteOrder ?? 'little';
    this.filter = options.filter ?? EVERYTHING;
  }

  /** The next bytes of the file; they may end anywhere, even inside a line or a character. */
  push(bytes: Uint8Array): void {
    if (this.stopped) return;
    // A plain view: the decoders then see one kind of array (a Buffer is a subclass), which keeps them fast.
    const chunk = bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    const last = chunk.lastIndexOf(NEWLINE);
    if (last < 0) {
      this.keep(chunk, 0, chunk.length);
      return;
    }
    let pos = 0;
    if (this.carryLength > 0) {
      pos = chunk.indexOf(NEWLINE) + 1; // the carried line ends here: decode it from the carry
      this.keep(chunk, 0, pos);
      this.flushCarry();
    }
    this.lines(chunk, pos, last);
    this.keep(chunk, last + 1, chunk.length);
  }

  /** The records decoded since the last take() (or the start), and a fresh list for the next ones. */
  take(): InetSocket[] {
    const rows = this.rows;
    this.rows = [];
    return rows;
  }

  /** The end of the file: a last line without '\n' still counts. */
  end(): ParseResult<InetSocket> {
    if (this.carryLength > 0 && !this.stopped) {
      this.keep(Uint8Array.of(NEWLINE), 0, 1);
      this.flushCarry();
    }
    if (this.plan === undefined && !this.stopped) this.issues.push(issue(this.file.file, undefined, 'bad-header', 'empty file: no header line'));
    return { rows: this.rows, issues: this.issues };
  }

  /** Decodes the carried line (it ends with '\n') and empties the carry. */
  private flushCarry(): void {
    const length = this.carryLength;
    this.carryLength = 0;
    this.lines(this.carry, 0, length - 1);
  }

  /** Appends bytes[from, to) to the carry. */
  private keep(bytes: Uint8Array, from: number, to: number): void {
    const need = this.carryLength + (to - from);
    if (need > this.carry.length) {
      const grown = new Uint8Array(Math.max(need, this.carry.length * 2));
      grown.set(this.carry.subarray(0, this.carryLength));
      this.carry = grown;
    }
    this.carry.set(bytes.subarray(from, to), this.carryLength);
    this.carryLength = need;
  }

  /** Every line in b[pos, limit], where b[limit] is '\n'. */
  private lines(b: Uint8Array, pos: number, limit: number): void {
    while (pos <= limit && !this.stopped) {
      this.line++;
      const fast = this.fast;
      let end = fast === undefined ? -1 : decodeLine(b, pos, limit, fast);
      if (end >= 0) {
        if (fast!.record !== null) this.rows.push(fast!.record);
      } else {
        end = b.indexOf(NEWLINE, pos);
        this.slowLine(UTF8.decode(b.subarray(pos, end)));
      }
      pos = end + 1;
    }
  }

  /** The header, or a line the fast decoder declined. */
  private slowLine(text: string): void {
    if (this.generic === undefined) {
      if (text.length > 0) this.header(text);
      return;
    }
    const row = genericRow(text, this.line, this.generic);
    if (row === undefined) return;
    const record = inetSocket(row, this.file, this.issues);
    if (record !== undefined && keepsInetSocket(this.filter, row.st, record.localPort, record.remotePort)) this.rows.push(record);
  }

  private header(text: string): void {
    const file = this.file;
    const plan = planColumns(text, file.protocol === 'tcp');
    if (plan === undefined) {
      this.issues.push(issue(file.file, this.line, 'bad-header', 'not a socket table header (sl local_address ... inode)', text));
      this.stopped = true;
      return;
    }
    const width = file.family === 'inet' ? 8 : 32;
    const tail = plan.tail < 0 ? 0 : (plan.tail as 0 | 1 | 2);
    this.plan = plan;
    const state = { order: this.order, width, tail, local: newAddressMemo(), remote: newAddressMemo(), n: 0, port: 0 };
    this.generic = { plan, state, file: file.file, issues: this.issues, reported: new Set() };
    if (plan.tail >= 0) {
      this.fast = newLineState({ protocol: file.protocol, family: file.family, width, tail, addresses: new AddressTexts(this.order), filter: this.filter });
    }
  }
}
