/**
 * kstatd's log: one line per event on stderr, prefixed with its syslog priority in the
 * form journald and sd-daemon(3) read (`<3>` error, `<4>` warning, `<5>` notice, `<6>`
 * info, `<7>` debug), so under systemd each line gets its priority; on a terminal the
 * prefix is still readable. Lines never contain a newline from the outside world
 * (peer-controlled text is escaped), so one event is one line.
 */

export const PRIORITY = { err: 3, warning: 4, notice: 5, info: 6, debug: 7 } as const;
export type Priority = keyof typeof PRIORITY;

export interface Log {
  err(message: string): void;
  warning(message: string): void;
  notice(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

/** Control characters (and DEL) as \xNN: a peer cannot forge a second log line. */
export function escapeForLog(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** One formatted line, newline included. */
export function logLine(priority: Priority, message: string): string {
  return `<${PRIORITY[priority]}>${escapeForLog(message)}\n`;
}

/** A log writing to `write` (stderr by default), dropping lines above `verbosity`. */
export function createLog(verbosity: Priority = 'info', write: (line: string) => void = (l) => process.stderr.write(l)): Log {
  const limit = PRIORITY[verbosity];
  const at = (p: Priority) => (message: string) => {
    if (PRIORITY[p] <= limit) write(logLine(p, message));
  };
  return { err: at('err'), warning: at('warning'), notice: at('notice'), info: at('info'), debug: at('debug') };
}
