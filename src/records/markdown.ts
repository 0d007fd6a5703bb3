/**
 * Renders the record schemas as the Markdown of docs/records.md, so the documented list of
 * record kinds and fields is the schema itself and cannot drift (a test compares them).
 */
import type { FieldSpec, RecordSchema } from './field.js';

const KIND_TEXT: Record<FieldSpec['kind'], string> = {
  u64: 'u64 (bigint)',
  i64: 'i64 (bigint)',
  u32: 'u32',
  i32: 'i32',
  string: 'string',
  bool: 'boolean',
  strings: 'string[]',
  records: 'records',
  counters: 'counters (name → bigint)',
};

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function typeText(spec: FieldSpec): string {
  if (spec.kind === 'records' && spec.of !== undefined) return `[${spec.of.kind}](#${spec.of.kind})[]`;
  if (spec.values !== undefined) return spec.values.map((v) => `\`${v}\``).join(' \\| ');
  return KIND_TEXT[spec.kind];
}

export function renderRecordsMarkdown(schemas: readonly RecordSchema[]): string {
  const out: string[] = [
    '# Record kinds and fields',
    '',
    'Generated from `src/records/*.ts` by `npm run docs`; do not edit by hand.',
    'Optional fields are `undefined` when the source does not give them — never zero.',
    '',
  ];
  for (const schema of schemas) {
    out.push(`## ${schema.kind}`, '', cell(schema.doc), '', '| field | type | optional | unit | kernel name | since | meaning |', '|---|---|---|---|---|---|---|');
    for (const [name, spec] of Object.entries(schema.fields)) {
      out.push(
        `| \`${name}\` | ${typeText(spec)} | ${spec.optional ? 'yes' : ''} | ${spec.unit ?? ''} | ${cell(spec.kernel ?? '')} | ${spec.since ?? ''} | ${cell(spec.doc)} |`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}
