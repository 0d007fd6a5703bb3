/**
 * `saveSnapshot(ctlOrSession, path)`: reads every kstat of the source — the network
 * NAMED kstats, the RAW `netstat:0:<view>` kstats carrying every netstat view, the other
 * subsystems — and writes them, with the chain id, the source's label and boot time and
 * the save time, as one snapshot file (protocol/snapshot/format.ts), atomically
 * (sources/snapshot/snapshot-file.ts). `open({ snapshot })` and `kstatOpen({ snapshot })`
 * read it back: every view and every kstat as saved.
 *
 * With a ctl, its chain is updated first (so the file holds the current set) and every
 * kstat is read; each provider is asked once. Should a kstat vanish between the update
 * and its read (an interface removed at that moment), the chain is updated and read again,
 * up to three times, so the file never holds a kstat without data. The headers kstat
 * (kid 0) is read last, so its headers carry the snaptimes of the saved data.
 */
import type { Session } from '../netstat/session.js';
import { sourceOfSession } from '../netstat/open.js';
import type { KstatWithData } from '../protocol/kstat-x/codec.js';
import { KstatError } from '../errors.js';
import { KstatCtl } from './kstat-ctl.js';
import type { Kstat } from './chain.js';

export interface SavedSnapshot {
  readonly path: string;
  readonly chainId: number;
  readonly kstats: number;
  readonly bytes: number;
}

const ATTEMPTS = 3;

export async function saveSnapshot(target: KstatCtl | Session, path: string): Promise<SavedSnapshot> {
  const ctl = target instanceof KstatCtl ? target : await KstatCtl.over(sourceOfSession(target));
  // A ctl made here reads the session's source and is not closed: the session owns it.
  const kstats = await readEverything(ctl);
  const { encodeSnapshot } = await import('../protocol/snapshot/format.js');
  const { writeSnapshotFile } = await import('../sources/snapshot/snapshot-file.js');
  const bytes = encodeSnapshot({
    source: ctl.info,
    ...(ctl.bootTimeNs === 0n ? {} : { bootTimeNs: ctl.bootTimeNs }),
    savedAtNs: BigInt(Date.now()) * 1_000_000n,
    chainId: ctl.chainId,
    kstats,
  });
  await writeSnapshotFile(path, bytes);
  return { path, chainId: ctl.chainId, kstats: kstats.length, bytes: bytes.length };
}

async function readEverything(ctl: KstatCtl): Promise<KstatWithData[]> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    await ctl.chainUpdate();
    const gone = await ctl.readAll(ctl.chain.filter((k) => k.kid !== 0));
    if (gone.length > 0) continue;
    await ctl.read(ctl.chain[0]!);
    return ctl.chain.map(withData);
  }
  throw new KstatError('E_UNAVAILABLE', `${ctl.info.label}: the set of kstats kept changing while the snapshot was read (${ATTEMPTS} attempts)`);
}

function withData(k: Kstat): KstatWithData {
  if (k.data === undefined) throw new KstatError('E_UNAVAILABLE', `kstat ${k.module}:${k.instance}:${k.name} has no data to save`);
  const { kid, module, instance, name, type, flags, crtime, snaptime, ndata, dataSize, data } = k;
  return { kid, module, instance, name, class: k.class, type, flags, crtime, snaptime, ndata, dataSize, data };
}
