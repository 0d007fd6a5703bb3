/**
 * attachOwners with a scan started before the sockets were read (the kernel source starts it
 * before its netlink dump): owners are picked by inode from a scan that kept every socket, and
 * what the scan met is reported only when the reading has sockets a process can hold.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { issue } from '../../../../src/errors.js';
import type { ProcessOwner } from '../../../../src/records/process-owner.js';
import type { Socket } from '../../../../src/records/socket.js';
import type { Part } from '../../../../src/sources/tree/assemble/part.js';
import { capturedTreeLayout } from '../../../../src/sources/tree/layouts.js';
import { TreeReader } from '../../../../src/sources/tree/reader.js';
import { TreeSource } from '../../../../src/sources/tree/tree-source.js';
import { withTree } from '../../../helpers/fixture.js';

const DENIED = { what: 'owning processes of 3 processes', reason: 'permission denied' };
const READ_ERROR = issue('proc/<pid>/fd', undefined, 'read-error', '1 fd or comm reads failed while scanning owning processes');

function scanned(owners: [number, ProcessOwner[]][]): Promise<Part<Map<number, ProcessOwner[]>>> {
  return Promise.resolve({ data: new Map(owners), issues: [READ_ERROR], unavailable: [DENIED] });
}

/** Just the fields attachOwners looks at. */
function socket(inode: number): Socket {
  return { protocol: 'unix', family: 'unix', type: 'STREAM', state: 'LISTEN', flags: 0x10000, inode } as Socket;
}

async function withSource(body: (source: TreeSource) => Promise<void>): Promise<void> {
  await withTree({ 'proc/net/unix': '' }, async (root) => {
    const setup = capturedTreeLayout(root);
    await body(new TreeSource(new TreeReader(setup.layout), setup.info));
  });
}

test('a started scan: each socket gets its own inode\'s owners, [] when none; the scan\'s findings are reported', async () => {
  await withSource(async (source) => {
    const owner: ProcessOwner = { pid: 42, command: 'server', fd: 7 };
    const part: Part<Socket[]> = { data: [socket(1001), socket(1002)], issues: [], unavailable: [] };
    await source.attachOwners(part, scanned([[1001, [owner]], [5555, [{ pid: 9, command: 'other', fd: 3 }]]]));
    assert.deepEqual(part.data.map((s) => s.processes), [[owner], []]);
    assert.deepEqual([part.issues, part.unavailable], [[READ_ERROR], [DENIED]]);
  });
});

test('a started scan, and no socket a process could hold: nothing it met is reported', async () => {
  await withSource(async (source) => {
    const part: Part<Socket[]> = { data: [socket(0)], issues: [], unavailable: [] };
    await source.attachOwners(part, scanned([[5555, [{ pid: 9, command: 'other', fd: 3 }]]]));
    assert.deepEqual([part.issues, part.unavailable], [[], []]);
    assert.deepEqual(part.data.map((s) => s.processes), [[]]);
  });
});
