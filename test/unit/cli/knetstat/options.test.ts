import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs, UsageError } from '../../../../src/cli/args.js';
import { KNETSTAT_OPTIONS } from '../../../../src/cli/knetstat/option-specs.js';
import { resolveOptions } from '../../../../src/cli/knetstat/options.js';

const resolve = (...argv: string[]) => resolveOptions(parseArgs(argv, KNETSTAT_OPTIONS));

function usage(argv: string[], message: RegExp): void {
  assert.throws(() => resolve(...argv), (e: unknown) => e instanceof UsageError && message.test(e.message), argv.join(' '));
}

test('default: every protocol, both families, unix, non-listening, live source', () => {
  const o = resolve();
  assert.equal(o.mode, 'sockets');
  assert.deepEqual(o.sockets, { protocols: ['tcp', 'udp', 'udplite', 'raw', 'icmp'], families: ['inet', 'inet6'], unix: true, show: 'connected' });
  assert.deepEqual(o.source, {});
  assert.equal(o.json, false);
});

test('-tanp: tcp, all, program column; -l listening; -4 alone: inet protocols, no unix', () => {
  const o = resolve('-tanp');
  assert.deepEqual(o.sockets, { protocols: ['tcp'], families: ['inet', 'inet6'], unix: false, show: 'all' });
  assert.equal(o.columns.program, true);
  assert.equal(resolve('-l').sockets.show, 'listening');
  assert.deepEqual(resolve('-4').sockets, { protocols: ['tcp', 'udp', 'udplite', 'raw', 'icmp'], families: ['inet'], unix: false, show: 'connected' });
  assert.deepEqual(resolve('-x').sockets, { protocols: [], families: ['inet', 'inet6'], unix: true, show: 'connected' });
  assert.deepEqual(resolve('-ux6').sockets, { protocols: ['udp'], families: ['inet6'], unix: true, show: 'connected' });
});

test('-w: raw sockets in the socket list, an interval with -i/-s', () => {
  assert.deepEqual(resolve('-wa').sockets.protocols, ['raw']);
  assert.deepEqual(resolve('--raw').sockets.protocols, ['raw']);
  assert.deepEqual(resolve('-i', '-w', '2', '-c', '3').interval, { seconds: 2, count: 3 });
  assert.deepEqual(resolve('-s', '--interval', '0.5').interval, { seconds: 0.5, count: undefined });
  assert.deepEqual(resolve('-w', '1', '-I', 'eth0').interval, { seconds: 1, count: undefined });
  assert.equal(resolve('-I', 'eth0').interfaceName, 'eth0');
  usage(['-w', '2'], /an interval \(-w SECS\) applies to -i, -I and -s/);
  usage(['-i', '-w'], /-w needs SECS/);
  usage(['-i', '-c', '3'], /-c COUNT needs an interval/);
  usage(['-i', '-w', '1', '-c', '0'], /expected a count/);
  usage(['-s', '--interval', 'x'], /expected seconds/);
});

test('modes: one per run, -rs is routing statistics', () => {
  assert.equal(resolve('-L').mode, 'listen-queues');
  assert.equal(resolve('-B').mode, 'packet-sockets');
  assert.equal(resolve('--packet').mode, 'packet-sockets');
  assert.equal(resolve('-m').mode, 'memory');
  assert.equal(resolve('-sz').mode, 'protocol-stats');
  assert.equal(resolve('-rn').mode, 'routes');
  assert.equal(resolve('-rs').mode, 'route-stats');
  assert.equal(resolve('-g').mode, 'multicast');
  usage(['-i', '-r'], /choose one report: -i and -r/);
  usage(['-rsg'], /choose one report/);
});

test('options that do not apply to the mode are usage errors', () => {
  usage(['-i', '-t'], /-t does not apply to -i\/-I \(interfaces\)/);
  usage(['-L', '-p'], /-p does not apply to -L/);
  usage(['-z'], /-z does not apply to the socket list/);
  usage(['--table', 'all'], /--table does not apply/);
  usage(['extra'], /unexpected argument "extra"/);
});

test('--table values', () => {
  assert.equal(resolve('-r').table, 'main');
  assert.equal(resolve('-r', '--table', 'all').table, 'all');
  assert.equal(resolve('-r', '--table=local').table, 'local');
  assert.equal(resolve('-r', '--table', '100').table, 100);
  usage(['-r', '--table', 'blue'], /expected all, main, local or a table number/);
});

test('sources: -R DIR, -N PID, -N /proc/PID/ns/net, -N NAME, -N PATH, -H HOST[:PORT], -M FILE', () => {
  assert.deepEqual(resolve('-R', '/tmp/x', '-tan').source, { root: '/tmp/x' });
  assert.deepEqual(resolve('-N', '42').source, { pid: 42 });
  assert.deepEqual(resolve('--netns=/proc/42/ns/net').source, { pid: 42 });
  assert.deepEqual(resolve('-N', 'blue').source, { netns: 'blue' });
  assert.deepEqual(resolve('-N', '/run/netns/blue').source, { netnsPath: '/run/netns/blue' });
  usage(['-N', '..'], /-N needs a namespace name, pid or path/);
  assert.deepEqual(resolve('-M', 'x.kss', '-L').source, { snapshot: 'x.kss' });
  assert.equal(resolve('-R', '/tmp/x', '--save', 'y.kss').action, 'save');
  usage(['-M', 'x.kss', '-R', 'y'], /one source per run/);
  assert.deepEqual(resolve('-H', 'db1', '-tan').source, { host: 'db1' });
  assert.deepEqual(resolve('--host', '[::1]:4000').source, { host: '[::1]:4000' });
  usage(['-H', 'db1:x'], /-H host "db1:x": port "x"/);
  usage(['-H', 'a', '-H', 'b'], /-H given twice/);
  usage(['-H', 'a', '-R', 'b'], /one source per run/);
  usage(['-R', 'a', '-N', '1'], /one source per run/);
  usage(['-R', 'a', '-R', 'b'], /-R given twice/);
});

test('help and version', () => {
  assert.equal(resolve('-h').action, 'help');
  assert.equal(resolve('--version').action, 'version');
});
