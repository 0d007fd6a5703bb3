/**
 * JSON Schema (draft 2020-12) for records, derived from their record schemas: the JSON that
 * `toJson` writes for a record validates against it. One $defs entry per record kind;
 * nested records refer to theirs with $ref. Records are closed (additionalProperties: false)
 * so that a field added without its schema line fails validation in tests.
 *
 * 64-bit fields are JSON integers written as exact digits: a reader that parses them into
 * doubles loses precision above 2^53 (see format/json.ts).
 */
import type { FieldSpec, RecordSchema } from '../records/field.js';

export type JsonSchema = Record<string, unknown>;

const U32_MAX = 4294967295;
const I32_MIN = -2147483648;
const I32_MAX = 2147483647;

export function defName(kind: string): string {
  return kind;
}

export function refTo(kind: string): JsonSchema {
  return { $ref: `#/$defs/${defName(kind)}` };
}

function fieldSchema(spec: FieldSpec): JsonSchema {
  const description = spec.unit === undefined ? spec.doc : `${spec.doc} Unit: ${spec.unit}.`;
  switch (spec.kind) {
    case 'u64':
      return { type: 'integer', minimum: 0, description };
    case 'i64':
      return { type: 'integer', description };
    case 'u32':
      return { type: 'integer', minimum: 0, maximum: U32_MAX, description };
    case 'i32':
      return { type: 'integer', minimum: I32_MIN, maximum: I32_MAX, description };
    case 'string':
      return spec.values === undefined ? { type: 'string', description } : { type: 'string', enum: [...spec.values], description };
    case 'bool':
      return { type: 'boolean', description };
    case 'strings':
      return { type: 'array', items: { type: 'string' }, description };
    case 'counters':
      return { type: 'object', additionalProperties: { type: 'integer' }, description };
    case 'records':
      return { type: 'array', items: refTo(spec.of!.kind), description };
  }
}

/** The JSON Schema of one record kind (not of the kinds it nests). */
export function recordJsonSchema(schema: RecordSchema): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, spec] of Object.entries(schema.fields)) {
    properties[name] = fieldSchema(spec);
    if (!spec.optional) required.push(name);
  }
  return { type: 'object', description: schema.doc, properties, required, additionalProperties: false };
}

/** $defs for the given record kinds and every kind they nest. */
export function recordDefs(schemas: readonly RecordSchema[]): Record<string, JsonSchema> {
  const defs: Record<string, JsonSchema> = {};
  const visit = (s: RecordSchema) => {
    if (defs[defName(s.kind)] !== undefined) return;
    defs[defName(s.kind)] = recordJsonSchema(s);
    for (const spec of Object.values(s.fields)) if (spec.of !== undefined) visit(spec.of);
  };
  schemas.forEach(visit);
  return defs;
}
