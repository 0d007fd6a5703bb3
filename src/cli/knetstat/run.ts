/**
 * One knetstat run: arguments → options → one session → one reading → one formatter →
 * stdout, warnings → stderr, and the exit status (exit-codes.ts).
 */
import { open } from '../../netstat/open.js';
import type { Session } from '../../netstat/session.js';
import { toJson } from '../../format/json.js';
import { UsageError, parseArgs } from '../args.js';
import { sourceLabel } from '../source-option.js';
import { EXIT } from '../exit-codes.js';
import { done, fatal, type Streams } from '../outcome.js';
import { KSTAT_VERSION } from '../version.js';
import { KNETSTAT_OPTIONS } from './option-specs.js';
import { resolveOptions, type KnetstatOptions } from './options.js';
import { KNETSTAT_HELP } from './help.js';
import { loadMode } from './modes.js';
import { reportDocument, type ModeReport } from './report.js';
import { warningLines } from './warnings.js';

export type { Streams };

export async function runKnetstat(argv: readonly string[], io: Streams): Promise<number> {
  let options: KnetstatOptions;
  try {
    options = resolveOptions(parseArgs(argv, KNETSTAT_OPTIONS));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err.write(`knetstat: ${err.message}\nTry 'knetstat --help' for more information.\n`);
    return EXIT.usage;
  }
  if (options.action === 'help') return done(io, KNETSTAT_HELP);
  if (options.action === 'version') return done(io, `knetstat (kstat) ${KSTAT_VERSION}\n`);
  // The report's code loads while the source opens (both wait on files; start-up is most of a short run).
  const mode = options.action === 'report' && options.interval === undefined ? loadMode(options.mode) : undefined;
  mode?.catch(() => undefined); // awaited in report(); must not be left unhandled if opening fails first
  let session: Session;
  try {
    session = await open(options.source);
  } catch (err) {
    return fatal(io, 'knetstat', sourceLabel(options.source), err);
  }
  try {
    if (options.action === 'save') return await save(session, options.savePath!, io);
    return await report(session, options, io, mode);
  } catch (err) {
    return fatal(io, 'knetstat', session.info.label, err);
  } finally {
    await session.close();
  }
}

async function report(session: Session, options: KnetstatOptions, io: Streams, loading: Promise<ModeReport> | undefined): Promise<number> {
  if (options.interval !== undefined) return (await import('./interval.js')).runInterval(session, options, io);
  const mode = await (loading ?? loadMode(options.mode));
  // Text starts with the source's name unless it is the live kernel: written before the first
  // text, so a run that fails before printing anything prints nothing on stdout.
  let header = session.info.kind === 'live' ? '' : `Source: ${session.info.label}\n`;
  const text = (chunk: string | Uint8Array): void => {
    if (header !== '') io.out.write(header);
    header = '';
    io.out.write(chunk);
  };
  const r = await mode(session, options, options.json ? undefined : { write: text });
  if (options.json) io.out.write(`${toJson(reportDocument(options.mode, r.reading, r.data), 2)}\n`);
  else if (r.streamed !== true) text(`${r.text().join('\n')}\n`);
  const warnings = [...(r.notes ?? []), ...warningLines(r.reading, r.irrelevant)];
  if (warnings.length > 0) io.err.write(`${warnings.join('\n')}\n`);
  return r.empty ? EXIT.empty : EXIT.ok;
}

/** --save: every view of the source, as kstats, to one snapshot file (the kstat --save format). */
async function save(session: Session, path: string, io: Streams): Promise<number> {
  const { saveSnapshot } = await import('../../kstat/save-snapshot.js');
  const saved = await saveSnapshot(session, path);
  io.out.write(`saved ${saved.kstats} kstats of ${session.info.label} (chain id ${saved.chainId}, ${saved.bytes} bytes) to ${saved.path}\n`);
  return EXIT.ok;
}
