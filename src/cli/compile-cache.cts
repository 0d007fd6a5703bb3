/**
 * Starts a command (knetstat, kstat) from its one-file CommonJS bundle through V8's code
 * cache, so that a run after the first does not parse and compile the command again.
 *
 * Why: Node's own start-up is ~50 ms here and loading the command another ~30 ms, most of it
 * compiling; `knetstat -tan` competes with `ss -tan`, which starts in ~1 ms. With the cache,
 * the command's load was ~15 ms (measured in an empty network namespace, medians of 21), and
 * `knetstat -tan` at 100k sockets went from 1.09× to 1.00× `ss -tan` side by side.
 * Node 20 has no code cache for ES modules (module.enableCompileCache is Node 22), hence a
 * CommonJS bundle compiled by vm.Script with `cachedData`, the mechanism such caches use.
 *
 * The cache is the first run's compiled bytecode, written when the process exits, to
 * $XDG_CACHE_HOME/kstat (default ~/.cache/kstat), one file per command, bundle contents and
 * Node version; older ones of the same command are removed. V8 checks that a cache belongs to
 * its version and flags and rejects it otherwise; the file name carries a hash of the bundle,
 * which V8 does not check. Bytecode is code, so a cache is read only from a regular file
 * owned by the running user, and written only under a directory that user owns (never, say,
 * by root into another user's home under sudo). Any failure means no cache, never a failed
 * command. KSTAT_NO_COMPILE_CACHE=1 turns it off.
 */
import { closeSync, constants as fs, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** Runs the bundle at `program` (absolute path) whose contents hash to `bundleHash`. */
export function runCached(program: string, bundleHash: string): void {
  const source = readFileSync(program, 'utf8');
  const file = cacheFile(program, bundleHash);
  const cached = file === undefined ? undefined : readOwnFile(file);
  // A #! line is valid only at the very start of a script: inside the wrapper it becomes a comment.
  const body = source.startsWith('#!') ? `//${source.slice(2)}` : source;
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${body}\n})`;
  const script = new Script(wrapped, { filename: program, cachedData: cached });
  if (file !== undefined && (cached === undefined || script.cachedDataRejected === true)) {
    process.once('exit', () => save(script, file));
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(program), module, program, dirname(program));
}

function cacheFile(program: string, bundleHash: string): string | undefined {
  if (process.env['KSTAT_NO_COMPILE_CACHE'] === '1') return undefined;
  const base = process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache');
  return join(base, 'kstat', `node-${process.version}-${process.arch}`, `${basename(program, '.cjs')}-${bundleHash}.v8`);
}

function readOwnFile(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, fs.O_RDONLY | fs.O_NOFOLLOW);
    const st = fstatSync(fd);
    return st.isFile() && st.uid === process.geteuid?.() ? readFileSync(fd) : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function save(script: Script, file: string): void {
  const dir = dirname(file);
  const uid = process.geteuid?.();
  try {
    // The nearest existing ancestor must be the user's own (~/.cache may not exist yet).
    let ancestor = dirname(dirname(dir));
    let st = statSync(ancestor, { throwIfNoEntry: false });
    while (st === undefined) st = statSync((ancestor = dirname(ancestor)), { throwIfNoEntry: false });
    if (st.uid !== uid) return;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    st = statSync(dir);
    if (st.uid !== uid || (st.mode & 0o022) !== 0) return;
    const temporary = `${file}.${process.pid}`;
    writeFileSync(temporary, script.createCachedData(), { mode: 0o600, flag: 'wx' });
    renameSync(temporary, file);
    const command = basename(file).replace(/-[0-9a-f]+\.v8$/, '-');
    for (const name of readdirSync(dir)) {
      if (name.startsWith(command) && name !== basename(file)) rmSync(join(dir, name), { force: true });
    }
  } catch {
    // No cache: the next run compiles again, and tries again to save one.
  }
}
