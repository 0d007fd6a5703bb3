/**
 * `knetstat -L`, FreeBSD netstat's layout: "Current listen queue sizes (qlen/incqlen/maxqlen)",
 * then Proto, Listen as accept-queue/incomplete/maximum, Local Address. The maximum is "-"
 * when the source does not give it (procfs never prints a listener's backlog).
 */
import type { ListenQueue } from '../../records/listen-queue.js';
import { renderTable } from '../table.js';
import { endpoint, orDash } from './endpoint.js';

export function formatListenQueues(queues: readonly ListenQueue[]): string[] {
  const rows = queues.map((q) => [
    q.family === 'inet6' ? 'tcp6' : 'tcp',
    `${q.acceptQueue}/${q.incomplete}/${orDash(q.maxBacklog)}`,
    endpoint(q.localAddress, q.localPort),
  ]);
  return ['Current listen queue sizes (qlen/incqlen/maxqlen)', ...renderTable([{ header: 'Proto' }, { header: 'Listen' }, { header: 'Local Address' }], rows)];
}
