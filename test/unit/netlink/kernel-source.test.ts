/**
 * The live source's choice of path, without a kernel: a channel that cannot open a netlink
 * socket (as when koffi is missing or seccomp refuses AF_NETLINK) and a captured tree as the
 * procfs side. 'auto' falls back and says why, once per kind; 'netlink' refuses; 'procfs'
 * never asks the channel.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KstatError } from '../../../src/errors.js';
import { KernelSource } from '../../../src/sources/netlink/kernel-source.js';
import type { ReadPath } from '../../../src/sources/netlink/read-path.js';
import { TreeSource } from '../../../src/sources/tree/tree-source.js';
import { TreeReader } from '../../../src/sources/tree/reader.js';
import { capturedTreeLayout } from '../../../src/sources/tree/layouts.js';
import { tree } from '../../helpers/fixture.js';

function source(path: ReadPath) {
  const setup = capturedTreeLayout(tree('linux-6.18.44-fc-v595-live'));
  let asked = 0;
  const channel = {
    socket: async () => {
      asked++;
      throw new KstatError('E_UNAVAILABLE', 'netlink needs the koffi package, which did not load');
    },
    close: async () => {},
  };
  return { source: new KernelSource(new TreeSource(new TreeReader(setup.layout), setup.info), channel, path), asked: () => asked };
}

test("auto: procfs serves when netlink cannot, the reading says why, and the kind is not retried", async () => {
  const { source: s, asked } = source('auto');
  const first = await s.sockets({ protocol: 'tcp' });
  assert.equal(first.via, 'procfs');
  assert.match(first.fallback ?? '', /koffi/);
  assert.ok(first.data.length > 0);
  const again = await s.sockets({ protocol: 'tcp' });
  assert.equal(again.via, 'procfs');
  assert.equal(asked(), 1, 'a kind that failed is not tried again');
  assert.equal((await s.routes()).via, 'procfs');
  assert.equal((await s.memory()).via, 'procfs');
  await s.close();
});

test("netlink: a kind netlink cannot serve rejects with E_UNAVAILABLE", async () => {
  const { source: s } = source('netlink');
  await assert.rejects(s.sockets({ protocol: 'tcp' }), (e: unknown) => KstatError.is(e) && e.code === 'E_UNAVAILABLE');
  await assert.rejects(s.listenQueues(), (e: unknown) => KstatError.is(e) && e.code === 'E_UNAVAILABLE');
});

test("procfs: the channel is never asked", async () => {
  const { source: s, asked } = source('procfs');
  const r = await s.interfaces();
  assert.equal(r.via, 'procfs');
  assert.equal(r.fallback, undefined);
  assert.equal(asked(), 0);
});
