import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeAddrResult,
  decodeBool,
  decodeMapping,
  decodePmapList,
  decodePort,
  decodeRpcb,
  decodeRpcbList,
  encodeAddrResult,
  encodeBool,
  encodeMapping,
  encodePmapList,
  encodePort,
  encodeRpcb,
  encodeRpcbList,
  BINDING_LIST_MAX,
} from '../../../../src/protocol/rpcbind/messages.js';
import { XdrError } from '../../../../src/protocol/xdr/types.js';
import { KstatError } from '../../../../src/errors.js';
import { Bytes } from '../../../helpers/bytes.js';

const TCP_MAP = { prog: 100149, vers: 2, prot: 6, port: 32771 };
const UDP_MAP = { prog: 100149, vers: 1, prot: 17, port: 40000 };
const RPCB = { prog: 100149, vers: 2, netid: 'tcp6', addr: '::.128.3', owner: 'superuser' };

test('PMAP v2: mapping, GETPORT and SET/UNSET results, DUMP list, as RFC 1833 lays them out', () => {
  const mapping = new Bytes().u32(100149).u32(2).u32(6).u32(32771).build();
  assert.deepEqual(encodeMapping(TCP_MAP), mapping);
  assert.deepEqual(decodeMapping(mapping), TCP_MAP);
  assert.deepEqual(encodePort(111), new Bytes().u32(111).build());
  assert.equal(decodePort(new Bytes().u32(0).build()), 0);
  assert.equal(decodePort(new Bytes().u32(65535).build()), 65535);
  assert.deepEqual(encodeBool(true), new Bytes().u32(1).build());
  assert.equal(decodeBool(new Bytes().u32(0).build()), false);
  const list = new Bytes().bool(true).u32(100149).u32(2).u32(6).u32(32771).bool(true).u32(100149).u32(1).u32(17).u32(40000).bool(false).build();
  assert.deepEqual(encodePmapList([TCP_MAP, UDP_MAP]), list);
  assert.deepEqual(decodePmapList(list), [TCP_MAP, UDP_MAP]);
  assert.deepEqual(decodePmapList(new Bytes().bool(false).build()), []);
});

test('RPCBIND v3/v4: rpcb, GETADDR result and DUMP list', () => {
  const rpcb = new Bytes().u32(100149).u32(2).str('tcp6').str('::.128.3').str('superuser').build();
  assert.deepEqual(encodeRpcb(RPCB), rpcb);
  assert.deepEqual(decodeRpcb(rpcb), RPCB);
  assert.deepEqual(encodeAddrResult('127.0.0.1.128.3'), new Bytes().str('127.0.0.1.128.3').build());
  assert.equal(decodeAddrResult(new Bytes().str('').build()), '');
  const list = new Bytes().bool(true).raw(rpcb).bool(true).u32(1).u32(2).str('udp').str('0.0.0.0.0.111').str('').bool(false).build();
  const second = { prog: 1, vers: 2, netid: 'udp', addr: '0.0.0.0.0.111', owner: '' };
  assert.deepEqual(encodeRpcbList([RPCB, second]), list);
  assert.deepEqual(decodeRpcbList(list), [RPCB, second]);
});

test('decoders refuse trailing bytes, truncation, ports above 65535, unbounded strings and lists', () => {
  const isXdr = (reason: string) => (e: unknown) => e instanceof XdrError && e.reason === reason;
  assert.throws(() => decodeMapping(new Bytes().u32(1).u32(2).u32(6).u32(3).u32(0).build()), isXdr('trailing'));
  assert.throws(() => decodeMapping(new Bytes().u32(1).u32(2).u32(6).build()), isXdr('truncated'));
  assert.throws(() => decodePort(new Bytes().u32(65536).build()), isXdr('value'));
  assert.throws(() => decodeBool(new Bytes().u32(2).build()), isXdr('value'));
  assert.throws(() => decodeAddrResult(new Bytes().str('x'.repeat(1025)).build()), isXdr('limit'));
  assert.throws(() => decodePmapList(new Bytes().bool(true).u32(1).u32(2).u32(6).u32(3).build()), isXdr('truncated'));
  const long = new Bytes();
  for (let i = 0; i <= BINDING_LIST_MAX; i++) long.bool(true).u32(1).u32(1).u32(6).u32(1);
  assert.throws(() => decodePmapList(long.bool(false).build()), isXdr('limit'));
  assert.throws(() => encodeRpcb({ ...RPCB, owner: 'o'.repeat(1025) }), (e: unknown) => KstatError.is(e) && e.code === 'E_ARGUMENT');
});
