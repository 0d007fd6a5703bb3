// Writes docs/records.md from the compiled schemas (run through `npm run docs`).
import { writeFileSync } from 'node:fs';
import { RECORD_SCHEMAS } from '../dist/records/catalog.js';
import { renderRecordsMarkdown } from '../dist/records/markdown.js';

writeFileSync(new URL('../docs/records.md', import.meta.url), renderRecordsMarkdown(RECORD_SCHEMAS));
console.log(`docs/records.md: ${RECORD_SCHEMAS.length} record kinds`);
