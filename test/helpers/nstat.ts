/**
 * `nstat -asz` as exact numbers. We read nstat's text output, not `--json`: iproute2 6.1's
 * JSON writer prints counters modulo 2^32 (IpExtInOctets above 4 GiB comes out wrapped),
 * while the text output is exact. -a absolute values, -s leave nstat's history file alone,
 * -z zeros too.
 */
import { spawnSync } from 'node:child_process';

export function nstatAbsolute(): Record<string, bigint> {
  const r = spawnSync('nstat', ['-asz'], { encoding: 'utf8' });
  if (r.error !== undefined) throw r.error;
  if (r.status !== 0) throw new Error(`nstat -asz exited ${r.status}: ${r.stderr}`);
  const out: Record<string, bigint> = {};
  for (const line of r.stdout.split('\n')) {
    const m = /^([A-Za-z0-9_]+)\s+(-?\d+)\s/.exec(line);
    if (m !== null) out[m[1]!] = BigInt(m[2]!);
  }
  return out;
}
