/**
 * Service and user names for a text report (knetstat without -n), from the source's own
 * etc/services and etc/passwd (Session.names). Reports import this module only when they
 * show names (text output without -n), so a numeric run (-n, --json) loads none of it. They
 * start it before their own reading and await it after, so the two reads overlap.
 *
 * Names are a convenience: a source without them (a tree without etc/, a snapshot, a remote
 * host) prints numbers, and nothing is said about it; malformed lines of those files are
 * left out of the tables without a warning (the reading's issues are for library callers).
 */
import { KstatError } from '../../errors.js';
import type { Session } from '../../netstat/session.js';
import type { NamesQuery } from '../../records/system-names.js';
import type { NameLookup } from '../../format/knetstat/names.js';

export async function loadNames(session: Session, query: NamesQuery): Promise<NameLookup | undefined> {
  let names;
  try {
    names = (await session.names(query)).data;
  } catch (err) {
    if (KstatError.is(err)) return undefined;
    throw err;
  }
  return (await import('../../format/knetstat/names.js')).nameLookup(names);
}
