/**
 * The dump contract streaming readers rely on: `onBatch` follows every buffer whose messages
 * were visited, the last one included. RTM_GETNEIGH on a small cache puts its entries and
 * NLMSG_DONE in one buffer (sock_diag sends DONE alone), so it shows the case; a namespace
 * made by the test gives it entries.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AF_UNSPEC, NETLINK_ROUTE, RTM_GETNEIGH } from '../../src/protocol/netlink/constants.js';
import { buildNeighbourDumpRequest } from '../../src/protocol/netlink/rtnl-neigh.js';
import { NetlinkSocket } from '../../src/sources/netlink/netlink-socket.js';
import { netnsUnavailable, TestNetns } from '../helpers/netns.js';
import { skipOrFail } from '../helpers/skip.js';

test('onBatch follows every visited buffer, also the one that carries NLMSG_DONE', async (t) => {
  const why = netnsUnavailable();
  if (why !== undefined) return skipOrFail(t, why);
  const ns = new TestNetns('batches');
  try {
    ns.exec('ip', ['link', 'add', 'kst-b0', 'type', 'veth', 'peer', 'name', 'kst-b1']);
    ns.exec('ip', ['link', 'set', 'kst-b0', 'up']);
    for (let i = 1; i <= 5; i++) ns.exec('ip', ['neigh', 'add', `10.234.0.${i}`, 'lladdr', `02:00:5e:10:01:0${i}`, 'dev', 'kst-b0', 'nud', 'permanent']);
    const socket = await NetlinkSocket.open(NETLINK_ROUTE, 'rtnetlink', `/run/netns/${ns.name}`);
    try {
      let visited = 0;
      let sinceBatch = 0;
      let batches = 0;
      const result = await socket.dump(RTM_GETNEIGH, buildNeighbourDumpRequest(AF_UNSPEC), () => {
        visited++;
        sinceBatch++;
      }, {
        onBatch: () => {
          batches++;
          sinceBatch = 0;
        },
      });
      assert.ok(visited >= 5, `${visited} entries visited`);
      assert.equal(result.messages, visited);
      assert.ok(batches >= 1);
      assert.equal(sinceBatch, 0, 'every visited message was followed by onBatch');
    } finally {
      await socket.close();
    }
  } finally {
    await ns.remove();
  }
});
