/**
 * The two credential flavors kstatd accepts (RFC 5531 §10, appendix A):
 *
 *   AUTH_NONE (0): empty body; verifier AUTH_NONE.
 *   AUTH_SYS  (1): body authsys_parms; verifier AUTH_NONE.
 *     struct authsys_parms { unsigned int stamp; string machinename<255>;
 *                            unsigned int uid; unsigned int gid; unsigned int gids<16>; };
 *
 * AUTH_SYS proves nothing (anyone can claim uid 0); kstatd is read-only, so it only
 * records who said they asked. The checks follow what servers do: a body that does not
 * decode exactly (trailing bytes, a 256-byte machinename, 17 gids) is AUTH_BADCRED; a
 * non-empty AUTH_NONE body is AUTH_BADCRED and a verifier other than an empty AUTH_NONE is
 * AUTH_BADVERF (the Linux kernel's svcauth_null/svcauth_unix); a flavor we do not serve at
 * all is AUTH_REJECTEDCRED (libtirpc's _authenticate; for AUTH_SHORT it is RFC 5531's
 * "start again with the full credential"); a flavor we know but the server's policy
 * excludes is AUTH_TOOWEAK. Pure: no I/O.
 */
import { KstatError } from '../../errors.js';
import { XdrReader } from '../xdr/reader.js';
import { XdrWriter } from '../xdr/writer.js';
import { AUTH_FLAVOR, OPAQUE_AUTH_MAX, type AuthStat, type OpaqueAuth } from './message.js';

export const AUTH_SYS_MACHINENAME_MAX = 255;
export const AUTH_SYS_GIDS_MAX = 16;

export interface AuthSysParms {
  /** Arbitrary id the client's machine chose. */
  readonly stamp: number;
  readonly machinename: string;
  readonly uid: number;
  readonly gid: number;
  /** Supplementary groups, at most 16. */
  readonly gids: readonly number[];
}

/** Who a call says it comes from, once its credential is accepted. */
export type Credentials = { readonly flavor: 'AUTH_NONE' } | { readonly flavor: 'AUTH_SYS'; readonly parms: AuthSysParms };
export type AcceptedFlavor = Credentials['flavor'];

export type AuthCheck = { readonly ok: true; readonly credentials: Credentials } | { readonly ok: false; readonly stat: AuthStat; readonly message: string };

export function encodeAuthSys(p: AuthSysParms): Uint8Array {
  const w = new XdrWriter(64);
  w.uint(p.stamp).string(p.machinename, AUTH_SYS_MACHINENAME_MAX).uint(p.uid).uint(p.gid);
  w.array(p.gids, AUTH_SYS_GIDS_MAX, (x, g) => x.uint(g));
  const body = w.toBytes();
  if (body.byteLength > OPAQUE_AUTH_MAX) throw new KstatError('E_ARGUMENT', `authsys_parms of ${body.byteLength} bytes exceeds ${OPAQUE_AUTH_MAX}`);
  return body;
}

/** Throws XdrError when `body` is not exactly one authsys_parms within the limits. */
export function decodeAuthSys(body: Uint8Array): AuthSysParms {
  const r = new XdrReader(body);
  const stamp = r.uint();
  const machinename = r.string(AUTH_SYS_MACHINENAME_MAX);
  const uid = r.uint();
  const gid = r.uint();
  const gids = r.array(AUTH_SYS_GIDS_MAX, (x) => x.uint());
  r.end('authsys_parms');
  return { stamp, machinename, uid, gid, gids };
}

/** The credential of an AUTH_SYS call. */
export function authSysCredential(p: AuthSysParms): OpaqueAuth {
  return { flavor: AUTH_FLAVOR.AUTH_SYS, body: encodeAuthSys(p) };
}

const isEmptyNone = (a: OpaqueAuth): boolean => a.flavor === AUTH_FLAVOR.AUTH_NONE && a.body.byteLength === 0;
const fail = (stat: AuthStat, message: string): AuthCheck => ({ ok: false, stat, message });

function readCredentials(cred: OpaqueAuth): Credentials | AuthCheck {
  if (cred.flavor === AUTH_FLAVOR.AUTH_NONE) {
    return cred.body.byteLength === 0 ? { flavor: 'AUTH_NONE' } : fail('AUTH_BADCRED', `AUTH_NONE credential with a ${cred.body.byteLength}-byte body`);
  }
  try {
    return { flavor: 'AUTH_SYS', parms: decodeAuthSys(cred.body) };
  } catch (err) {
    if (!KstatError.is(err)) throw err;
    return fail('AUTH_BADCRED', `AUTH_SYS credential: ${err.message}`);
  }
}

/**
 * Checks a call's credential and verifier. `accept` is the server's policy (default: both
 * flavors); a known flavor outside it is AUTH_TOOWEAK, an unknown one AUTH_REJECTEDCRED.
 */
export function checkCredentials(cred: OpaqueAuth, verf: OpaqueAuth, accept: readonly AcceptedFlavor[] = ['AUTH_NONE', 'AUTH_SYS']): AuthCheck {
  const flavor = cred.flavor === AUTH_FLAVOR.AUTH_NONE ? 'AUTH_NONE' : cred.flavor === AUTH_FLAVOR.AUTH_SYS ? 'AUTH_SYS' : undefined;
  if (flavor === undefined) return fail('AUTH_REJECTEDCRED', `credential flavor ${cred.flavor} is not served (AUTH_NONE, AUTH_SYS are)`);
  if (!accept.includes(flavor)) return fail('AUTH_TOOWEAK', `${flavor} is not accepted here (${accept.join(', ')})`);
  const credentials = readCredentials(cred);
  if ('ok' in credentials) return credentials;
  if (!isEmptyNone(verf)) return fail('AUTH_BADVERF', `the verifier of an ${flavor} call must be an empty AUTH_NONE (flavor ${verf.flavor}, ${verf.body.byteLength} bytes)`);
  return { ok: true, credentials };
}
