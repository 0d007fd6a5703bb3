/**
 * A session on a captured tree never reads the live /proc or /sys. Every file-system
 * entry point the library could use is wrapped before the library is loaded, and every
 * path it touches must lie under the tree. If any view read /proc directly, this fails.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { REPO_ROOT, tree } from '../../helpers/fixture.js';

const touched: string[] = [];

function wrap(target: Record<string, unknown>, names: string[]): void {
  for (const name of names) {
    const original = target[name];
    if (typeof original !== 'function') continue;
    target[name] = function (this: unknown, path: unknown, ...rest: unknown[]) {
      touched.push(String(path));
      return (original as (...a: unknown[]) => unknown).call(this, path, ...rest);
    };
  }
}

const PATH_FUNCTIONS = ['open', 'readFile', 'readdir', 'readlink', 'stat', 'lstat', 'opendir', 'access', 'realpath'];
wrap(fs.promises as unknown as Record<string, unknown>, PATH_FUNCTIONS);
wrap(fs as unknown as Record<string, unknown>, [...PATH_FUNCTIONS.map((n) => `${n}Sync`), ...PATH_FUNCTIONS]);
syncBuiltinESMExports();

test('every view of a tree session reads only under the tree', async () => {
  const { open } = await import('../../../src/netstat.js');
  const root = tree('linux-6.18.44-fc-v595-live');
  const session = await open({ root });
  const views = [
    () => session.sockets({ processes: true }),
    () => session.listenQueues(),
    () => session.interfaces(),
    () => session.memory(),
    () => session.packetSockets({ processes: true }),
    () => session.routes({ table: 'all' }),
    () => session.routeStats(),
    () => session.multicast(),
    () => session.protocolStats(),
    () => session.names(), // this set has no etc/: unavailable, and never the host's /etc
  ];
  for (const view of views) {
    try {
      await view();
    } catch (err) {
      // A kind the tree lacks may be unavailable; that is not a read of the live system.
      assert.equal((err as { code?: string }).code, 'E_UNAVAILABLE');
    }
  }
  assert.ok(touched.length > 20, `the wrapper saw the library's reads (${touched.length})`);
  // Module loading goes through fs too: the library's own compiled files are not data reads.
  const isModuleLoad = (p: string) => p.startsWith('file:') || p.startsWith(`${REPO_ROOT}/build/`) || p.startsWith(`${REPO_ROOT}/node_modules/`);
  const outside = touched.filter((p) => !p.startsWith(`${root}/`) && p !== root && !isModuleLoad(p));
  assert.deepEqual(outside, []);
  // And the data is the tree's: the capture's own listener on 0.0.0.0:2024 (SOURCE.md).
  const listeners = (await session.sockets({ protocol: 'tcp', state: 'LISTEN' })).data;
  assert.ok(listeners.some((s) => s.protocol === 'tcp' && s.localPort === 2024 && s.localAddress === '0.0.0.0'));
});

test('service and user names of a tree come from DIR/etc only, and without DIR/etc there are none', async () => {
  const { open } = await import('../../../src/netstat.js');
  const root = tree('linux-6.18.44-fc-v595-etc');
  touched.length = 0;
  const session = await open({ root });
  const names = await session.names();
  const isModuleLoad = (p: string) => p.startsWith('file:') || p.startsWith(`${REPO_ROOT}/build/`) || p.startsWith(`${REPO_ROOT}/node_modules/`);
  assert.deepEqual(touched.filter((p) => !p.startsWith(`${root}/`) && p !== root && !isModuleLoad(p)), []);
  assert.ok(touched.includes(`${root}/etc/services`) && touched.includes(`${root}/etc/passwd`), touched.join('\n'));
  // The tree's own names, which no host /etc/services has.
  assert.equal(names.data.services?.find((e) => e.port === 36195 && e.protocol === 'tcp')?.name, 'kstat-fixture');
  assert.equal(names.data.users?.find((u) => u.uid === 0)?.name, 'root');
  assert.equal(names.via, 'files');

  touched.length = 0;
  const bare = await open({ root: tree('linux-6.18.44-fc-v595-live') });
  await assert.rejects(bare.names(), (err: { code?: string }) => err.code === 'E_UNAVAILABLE');
  assert.deepEqual(touched.filter((p) => p.startsWith('/etc')), []);
});
