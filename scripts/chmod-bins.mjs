// Makes the commands named in package.json "bin" executable after tsc wrote them (tsc writes
// 0644). npm links bins at install time, before `prepare` builds them, so without this
// `npx knetstat` in a fresh clone finds the file but cannot run it.
import { chmodSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { bin } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
for (const file of Object.values(bin)) chmodSync(join(root, file), 0o755);
