/**
 * `knetstat -L`, FreeBSD netstat's layout: "Current listen queue sizes (qlen/incqlen/maxqlen)",
 * then Proto, Listen as accept-queue/incomplete/maximum, Local Address. The maximum is "-"
 * when the source does not give it (procfs never prints a listener's backlog). Given a
 * `NameLookup`, ports print as the source's tcp service names.
 */
import type { ListenQueue } from '../../records/listen-queue.js';
import { renderTable } from '../table.js';
import { endpoint, orDash } from './endpoint.js';
import type { NameLookup } from './names.js';

export function formatListenQueues(queues: readonly ListenQueue[], names?: NameLookup): string[] {
  const rows = queues.map((q) => [
    q.family === 'inet6' ? 'tcp6' : 'tcp',
    `${q.acceptQueue}/${q.incomplete}/${orDash(q.maxBacklog)}`,
    endpoint(q.localAddress, q.localPort, names?.service(q.localPort, 'tcp')),
  ]);
  return ['Current listen queue sizes (qlen/incqlen/maxqlen)', ...renderTable([{ header: 'Proto' }, { header: 'Listen' }, { header: 'Local Address' }], rows)];
}
