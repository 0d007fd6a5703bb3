import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RECORD_SCHEMAS } from '../../../src/records/catalog.js';
import { renderRecordsMarkdown } from '../../../src/records/markdown.js';
import { REPO_ROOT } from '../../helpers/fixture.js';

test('docs/records.md is the rendering of the schemas (run `npm run docs` after changing a schema)', () => {
  assert.equal(readFileSync(join(REPO_ROOT, 'docs', 'records.md'), 'utf8'), renderRecordsMarkdown(RECORD_SCHEMAS));
});

test('every schema field has a meaning and every record kind is unique', () => {
  const kinds = RECORD_SCHEMAS.map((s) => s.kind);
  assert.equal(new Set(kinds).size, kinds.length);
  for (const s of RECORD_SCHEMAS) for (const [name, spec] of Object.entries(s.fields)) assert.ok(spec.doc.length > 5, `${s.kind}.${name} is documented`);
});

test('every nested schema is listed too', () => {
  const kinds = new Set(RECORD_SCHEMAS.map((s) => s.kind));
  for (const s of RECORD_SCHEMAS) for (const spec of Object.values(s.fields)) if (spec.of !== undefined) assert.ok(kinds.has(spec.of.kind), spec.of.kind);
});
