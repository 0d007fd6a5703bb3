/**
 * The source's own name tables: etc/services and etc/passwd through the tree reader, so a
 * live source reads /etc, a captured tree DIR/etc and a pid source /proc/<pid>/root/etc
 * (layouts.ts). A file that is not there is an `unavailable` entry; when none of the
 * asked-for files is there the kind is unavailable (E_UNAVAILABLE), never empty tables.
 */
import type { NamesQuery, ServiceEntry, SystemNames, UserEntry } from '../../../records/system-names.js';
import type { TreeReader } from '../reader.js';
import { parseEtcServices } from '../etc/etc-services.js';
import { parseEtcPasswd } from '../etc/etc-passwd.js';
import { allInOrder, readInto, requireSome, type Part } from './part.js';

export const SERVICES_FILE = 'etc/services';
export const PASSWD_FILE = 'etc/passwd';

export async function readNames(reader: TreeReader, query: NamesQuery = {}): Promise<Part<SystemNames>> {
  const part: Part<{ services?: ServiceEntry[]; users?: UserEntry[] }> = { data: {}, issues: [], unavailable: [] };
  const [services, passwd] = await allInOrder<[string | undefined, string | undefined]>(part, [
    async (own) => (query.services === false ? undefined : readInto(own, reader, SERVICES_FILE, 'service names')),
    async (own) => (query.users === false ? undefined : readInto(own, reader, PASSWD_FILE, 'user names')),
  ]);
  if (services !== undefined) {
    const parsed = parseEtcServices(services, SERVICES_FILE);
    part.data.services = parsed.rows;
    part.issues.push(...parsed.issues);
  }
  if (passwd !== undefined) {
    const parsed = parseEtcPasswd(passwd, PASSWD_FILE);
    part.data.users = parsed.rows;
    part.issues.push(...parsed.issues);
  }
  if (query.services !== false || query.users !== false) requireSome(part, services !== undefined || passwd !== undefined, 'service and user names');
  return part;
}
