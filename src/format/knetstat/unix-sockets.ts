/**
 * The unix-socket table of `knetstat -x` (netstat's "Active UNIX domain sockets"):
 * Proto RefCnt Flags Type State I-Node [PID/Program name] Path.
 */
import type { UnixSocket } from '../../records/socket.js';
import { renderTable, type Column } from '../table.js';
import { orDash, ownerText } from './endpoint.js';

/** __SO_ACCEPTCON: the listening flag netstat shows as "ACC". */
const SO_ACCEPTCON = 0x10000;

const STATE_TEXT: Readonly<Record<UnixSocket['state'], string>> = {
  LISTEN: 'LISTENING',
  CONNECTED: 'CONNECTED',
  CONNECTING: 'CONNECTING',
  DISCONNECTING: 'DISCONNECTING',
  UNCONNECTED: '',
};

export function formatUnixSockets(sockets: readonly UnixSocket[], program: boolean): string[] {
  const cols: Column[] = [
    { header: 'Proto' },
    { header: 'RefCnt', align: 'right' },
    { header: 'Flags' },
    { header: 'Type' },
    { header: 'State' },
    { header: 'I-Node', align: 'right' },
  ];
  if (program) cols.push({ header: 'PID/Program name' });
  cols.push({ header: 'Path' });
  const rows = sockets.map((s) => {
    const row = ['unix', orDash(s.refcount), (s.flags & SO_ACCEPTCON) !== 0 ? '[ ACC ]' : '[ ]', s.type, STATE_TEXT[s.state], orDash(s.inode)];
    if (program) row.push(ownerText(s.processes));
    row.push(s.path ?? '');
    return row;
  });
  return renderTable(cols, rows, { gap: 1 });
}
