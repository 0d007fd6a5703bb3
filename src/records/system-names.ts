/**
 * Service and user names of a source, read from its own `etc/services` and `etc/passwd`
 * (never from DNS, NSS modules or the reading host's files). They are presentation aids —
 * `knetstat` prints `0.0.0.0:ssh` and `root` with them — not statistics: no kstat, no wire
 * or JSON mapping, so they are plain declarations here rather than record schemas.
 */

/** One `name port/protocol [aliases...]` line of services(5). */
export interface ServiceEntry {
  /** The official name (first field). */
  readonly name: string;
  readonly port: number;
  /** As written: `tcp`, `udp`, `sctp`, `ddp`, ... */
  readonly protocol: string;
  /** Other names of the same port, in file order. */
  readonly aliases: readonly string[];
  /** 1-based line in the file. */
  readonly line: number;
}

/** One `name:password:uid:gid:gecos:home:shell` line of passwd(5). The password field is not kept. */
export interface UserEntry {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  readonly gecos: string;
  readonly home: string;
  readonly shell: string;
  /** 1-based line in the file. */
  readonly line: number;
}

/** Which name tables to read (both when not said). */
export interface NamesQuery {
  readonly services?: boolean;
  readonly users?: boolean;
}

/**
 * The name tables a source has. A table is present when it was asked for and its file
 * could be read (an empty array for an empty file); when the file is missing the table
 * is absent and the reading's `unavailable` says why. Entries are in file order; where a
 * port/protocol or a uid appears twice the first entry is the one getservbyport(3) and
 * getpwuid(3) would return.
 */
export interface SystemNames {
  readonly services?: ServiceEntry[];
  readonly users?: UserEntry[];
}
