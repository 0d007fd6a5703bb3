/**
 * How the kstat commands end a run, the same way for each: the text on stdout and exit 0, or
 * one line on stderr naming the command, the source and the error code, and exit 3.
 */
import { KstatError } from '../errors.js';
import { EXIT } from './exit-codes.js';

export interface Streams {
  readonly out: { write(chunk: string | Uint8Array): unknown };
  readonly err: { write(text: string): unknown };
}

export function done(io: Streams, text: string): number {
  io.out.write(text);
  return EXIT.ok;
}

/** "knetstat: tree ./x: proc/net/tcp: … [E_PARSE]"; an error that is not ours also prints its stack. */
export function fatal(io: Streams, command: string, label: string, err: unknown): number {
  if (KstatError.is(err)) {
    const file = err.file !== undefined && !err.message.includes(err.file) ? ` (${err.file})` : '';
    io.err.write(`${command}: ${label}: ${err.message}${file} [${err.code}]\n`);
  } else {
    io.err.write(`${command}: ${label}: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  return EXIT.fatal;
}
