import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nameLookup } from '../../../../src/format/knetstat/names.js';
import { endpoint } from '../../../../src/format/knetstat/endpoint.js';
import { formatInetSockets } from '../../../../src/format/knetstat/inet-sockets.js';
import { formatListenQueues } from '../../../../src/format/knetstat/listen-queues.js';
import { formatPacketSockets } from '../../../../src/format/knetstat/packet-sockets.js';
import { parseEtcServices } from '../../../../src/sources/tree/etc/etc-services.js';
import { parseEtcPasswd } from '../../../../src/sources/tree/etc/etc-passwd.js';
import type { InetSocket } from '../../../../src/records/socket.js';
import type { PacketSocket } from '../../../../src/records/packet-socket.js';
import { REPO_ROOT } from '../../../helpers/fixture.js';

const etc = (name: string) => readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'etc', name), 'utf8');
const names = nameLookup({ services: parseEtcServices(etc('services'), 'etc/services').rows, users: parseEtcPasswd(etc('passwd'), 'etc/passwd').rows });

test('service names by protocol: tcp entries for tcp, udp entries for udp and udplite, raw and icmp never', () => {
  assert.equal(names.service(22, 'tcp'), 'ssh');
  assert.equal(names.service(22, 'udp'), undefined); // only 22/tcp in the file
  assert.equal(names.service(123, 'udp'), 'ntp');
  assert.equal(names.service(123, 'udplite'), 'ntp');
  assert.equal(names.service(123, 'tcp'), undefined);
  assert.equal(names.service(1, 'tcp'), 'tcpmux');
  assert.equal(names.service(1, 'raw'), undefined); // a raw socket's "port" is its IP protocol
  assert.equal(names.service(7, 'icmp'), undefined); // a ping socket's "port" is its ICMP id
  assert.equal(names.service(9899, 'tcp'), undefined); // 9899/sctp only
  assert.equal(names.service(8080, 'tcp'), 'http-alt'); // listed twice: the first name wins
  assert.equal(names.service(88, 'tcp'), 'kerberos');
  assert.equal(names.service(8081, 'tcp'), undefined); // its line is malformed
});

test('user names by uid: the first entry of a uid wins, unknown uids have none', () => {
  assert.equal(names.user(0), 'root'); // not toor
  assert.equal(names.user(981), 'systemd-resolve');
  assert.equal(names.user(1000), 'alice');
  assert.equal(names.user(1001), undefined); // malformed line
  assert.equal(names.user(4242), undefined);
  const none = nameLookup({});
  assert.equal(none.service(22, 'tcp'), undefined);
  assert.equal(none.user(0), undefined);
});

test('endpoints: a service name replaces the port; port 0 stays *; addresses stay numeric', () => {
  assert.equal(endpoint('0.0.0.0', 22, 'ssh'), '0.0.0.0:ssh');
  assert.equal(endpoint('::', 22, 'ssh'), '[::]:ssh');
  assert.equal(endpoint('0.0.0.0', 0, 'whatever'), '0.0.0.0:*');
  assert.equal(endpoint('127.0.0.1', 5432, undefined), '127.0.0.1:5432');
});

const sock = (over: Partial<InetSocket>): InetSocket => ({
  protocol: 'tcp', family: 'inet', localAddress: '0.0.0.0', localPort: 22, remoteAddress: '0.0.0.0', remotePort: 0,
  state: 'LISTEN', sendQueue: 0, recvQueue: 0, timer: 'off', timerExpires: 0n, retransmits: 0, uid: 0, timeout: 0, inode: 100, ...over,
} as InetSocket);

test('the socket table with names: both endpoints named, -e users by name, unknown uid numeric; netstat\'s fixed widths', () => {
  const sockets = [
    sock({}),
    sock({ family: 'inet6', localAddress: '::1', localPort: 5432, remoteAddress: '::1', remotePort: 40000, state: 'ESTABLISHED', uid: 104, inode: 101 }),
    sock({ localAddress: '10.0.0.1', localPort: 40001, remoteAddress: '10.0.0.2', remotePort: 443, state: 'ESTABLISHED', uid: 4242, inode: 102 }),
    sock({ protocol: 'udplite', localPort: 123, state: 'CLOSE', uid: 1000, inode: 103 }),
    sock({ protocol: 'raw', localPort: 1, state: 'CLOSE', inode: 104 }),
  ];
  const columns = { program: false, extend: true, timers: false };
  assert.deepEqual(formatInetSockets(sockets, columns, names), [
    'Proto Recv-Q Send-Q Local Address           Foreign Address         State       User       Inode',
    'tcp        0      0 0.0.0.0:ssh             0.0.0.0:*               LISTEN      root       100',
    'tcp6       0      0 [::1]:postgresql        [::1]:40000             ESTABLISHED postgres   101',
    'tcp        0      0 10.0.0.1:40001          10.0.0.2:https          ESTABLISHED 4242       102',
    // A protocol name longer than netstat's 4 columns pushes the rest of its line right, as in netstat.
    'udplite       0      0 0.0.0.0:ntp             0.0.0.0:*                           alice      103',
    'raw        0      0 0.0.0.0:1               0.0.0.0:*                           root       104',
  ]);
  // Without a lookup (-n): numbers.
  assert.deepEqual(formatInetSockets(sockets.slice(0, 1), columns), [
    'Proto Recv-Q Send-Q Local Address           Foreign Address         State       User       Inode',
    'tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      0          100',
  ]);
});

test('an address wider than its column pushes the line right; nothing is cut, no line ends in spaces', () => {
  const wide = sock({ family: 'inet6', localAddress: '2001:db8:1234:5678:9abc:def0:1234:5678', localPort: 65535, remoteAddress: '::', remotePort: 0 });
  const lines = formatInetSockets([wide], { program: true, extend: false, timers: false });
  assert.equal(lines[1], 'tcp6       0      0 [2001:db8:1234:5678:9abc:def0:1234:5678]:65535 [::]:*                  LISTEN      -');
  for (const line of lines) assert.doesNotMatch(line, / $/);
});

test('listen queues name tcp ports; packet sockets name their users', () => {
  const queues = [{ protocol: 'tcp', family: 'inet6', localAddress: '::', localPort: 22, acceptQueue: 0, incomplete: 0, inode: 1 }] as never;
  assert.deepEqual(formatListenQueues(queues, names).at(-1), 'tcp6  0/0/-  [::]:ssh');
  const packet = { type: 'raw', protocol: 3, protocolName: 'all', ifindex: 0, running: true, rmem: 0, uid: 0, inode: 7 } as unknown as PacketSocket;
  assert.match(formatPacketSockets([packet], names).at(-1)!, / root +7 -$/);
  assert.match(formatPacketSockets([packet]).at(-1)!, / 0 +7 -$/);
});
