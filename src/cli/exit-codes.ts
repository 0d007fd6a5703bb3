/** Exit statuses of the kstat commands (documented in docs/knetstat.md); add, never renumber. */
export const EXIT = {
  /** The report was printed (warnings on stderr do not change this). */
  ok: 0,
  /** A list report (sockets, -L, -B, -r, -g, -I IF) matched nothing. */
  empty: 1,
  /** The command line is wrong; nothing was read. */
  usage: 2,
  /** The source could not be opened or read (unavailable, denied, I/O error), or an internal error. */
  fatal: 3,
} as const;
