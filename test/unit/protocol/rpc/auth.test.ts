import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authSysCredential, checkCredentials, decodeAuthSys, encodeAuthSys } from '../../../../src/protocol/rpc/auth.js';
import { XdrError } from '../../../../src/protocol/xdr/types.js';
import { KstatError } from '../../../../src/errors.js';
import { Bytes } from '../../../helpers/bytes.js';

const NONE = { flavor: 0, body: new Uint8Array(0) };
const PARMS = { stamp: 0x5f5e100, machinename: 'host-a', uid: 1000, gid: 100, gids: [4, 24, 27] };
/** authsys_parms of PARMS (RFC 5531 appendix A), by hand. */
const PARMS_BYTES = new Bytes().u32(0x5f5e100).str('host-a').u32(1000).u32(100).u32(3).u32(4).u32(24).u32(27).build();

test('authsys_parms has the RFC 5531 layout, both ways', () => {
  assert.deepEqual(encodeAuthSys(PARMS), PARMS_BYTES);
  assert.deepEqual(decodeAuthSys(PARMS_BYTES), PARMS);
  assert.deepEqual(authSysCredential(PARMS), { flavor: 1, body: PARMS_BYTES });
});

test('authsys_parms limits: machinename<255>, gids<16>, nothing after', () => {
  const parms = (name: string, gids: number) => new Bytes().u32(0).str(name).u32(0).u32(0).u32(gids).raw(new Array<number>(gids * 4).fill(0));
  assert.equal(decodeAuthSys(parms('x'.repeat(255), 16).build()).machinename.length, 255);
  assert.equal(decodeAuthSys(parms('x', 16).build()).gids.length, 16);
  assert.throws(() => decodeAuthSys(parms('x'.repeat(256), 0).build()), (e: unknown) => e instanceof XdrError && e.reason === 'limit');
  assert.throws(() => decodeAuthSys(parms('x', 17).build()), (e: unknown) => e instanceof XdrError && e.reason === 'limit');
  assert.throws(() => decodeAuthSys(parms('x', 0).u32(0).build()), (e: unknown) => e instanceof XdrError && e.reason === 'trailing');
  assert.throws(() => decodeAuthSys(new Bytes().u32(0).str('x').u32(0).build()), (e: unknown) => e instanceof XdrError && e.reason === 'truncated');
  assert.throws(() => encodeAuthSys({ ...PARMS, gids: new Array(17).fill(0) }), (e: unknown) => KstatError.is(e) && e.code === 'E_ARGUMENT');
  assert.throws(() => encodeAuthSys({ ...PARMS, machinename: 'x'.repeat(256) }), (e: unknown) => KstatError.is(e) && e.code === 'E_ARGUMENT');
});

test('checkCredentials: AUTH_NONE and AUTH_SYS accepted with an empty AUTH_NONE verifier', () => {
  assert.deepEqual(checkCredentials(NONE, NONE), { ok: true, credentials: { flavor: 'AUTH_NONE' } });
  assert.deepEqual(checkCredentials({ flavor: 1, body: PARMS_BYTES }, NONE), { ok: true, credentials: { flavor: 'AUTH_SYS', parms: PARMS } });
});

test('checkCredentials answers each refusal with the auth_stat servers use', () => {
  const stat = (cred: { flavor: number; body: Uint8Array }, verf = NONE, accept?: ('AUTH_NONE' | 'AUTH_SYS')[]) => {
    const r = checkCredentials(cred, verf, accept);
    return r.ok ? 'ok' : r.stat;
  };
  assert.equal(stat({ flavor: 0, body: Uint8Array.of(0, 0, 0, 0) }), 'AUTH_BADCRED'); // AUTH_NONE has no body
  assert.equal(stat({ flavor: 1, body: PARMS_BYTES.subarray(0, 12) }), 'AUTH_BADCRED');
  assert.equal(stat({ flavor: 1, body: new Bytes().raw(PARMS_BYTES).u32(0).build() }), 'AUTH_BADCRED');
  assert.equal(stat(NONE, { flavor: 1, body: new Uint8Array(0) }), 'AUTH_BADVERF');
  assert.equal(stat({ flavor: 1, body: PARMS_BYTES }, { flavor: 0, body: Uint8Array.of(1, 2, 3, 4) }), 'AUTH_BADVERF');
  for (const flavor of [2, 3, 6, 7, 390003]) assert.equal(stat({ flavor, body: new Uint8Array(0) }), 'AUTH_REJECTEDCRED', `flavor ${flavor}`);
  assert.equal(stat(NONE, NONE, ['AUTH_SYS']), 'AUTH_TOOWEAK');
  assert.equal(stat({ flavor: 1, body: PARMS_BYTES }, NONE, ['AUTH_SYS']), 'ok');
});
