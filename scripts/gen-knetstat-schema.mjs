// Writes docs/knetstat.schema.json from the compiled record schemas (after `npm run build`).
// test/unit/cli/knetstat/json-schema.test.ts fails when the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { knetstatJsonSchema } from '../dist/cli/knetstat/json-schema.js';

writeFileSync(new URL('../docs/knetstat.schema.json', import.meta.url), `${JSON.stringify(knetstatJsonSchema(), null, 2)}\n`);
console.log('docs/knetstat.schema.json written');
