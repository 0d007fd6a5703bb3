/**
 * A small JSON Schema validator for the subset docs/knetstat.schema.json uses: type
 * (object, array, string, integer, number, boolean, null), properties, required,
 * additionalProperties (false or a schema), items, enum, const, oneOf, minimum, maximum
 * and local $ref (#/$defs/...). Annotations (description, title, $schema) are ignored;
 * any other keyword is an error, so the schema cannot silently use more than this checks.
 */
type Schema = Record<string, unknown>;

const ANNOTATIONS = new Set(['description', 'title', '$schema', '$defs']);
const KEYWORDS = new Set(['type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'oneOf', 'minimum', 'maximum', '$ref']);

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(expected: string, actual: string): boolean {
  return expected === actual || (expected === 'number' && actual === 'integer');
}

/** Error messages (with JSON paths); empty when `value` is valid. */
export function validate(value: unknown, schema: Schema, root: Schema = schema, path = '$'): string[] {
  for (const key of Object.keys(schema)) if (!KEYWORDS.has(key) && !ANNOTATIONS.has(key)) return [`${path}: schema keyword "${key}" not supported by this validator`];
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace(/^#\/\$defs\//, '');
    const target = (root.$defs as Record<string, Schema> | undefined)?.[name];
    if (target === undefined) return [`${path}: unresolved $ref ${schema.$ref}`];
    return validate(value, target, root, path);
  }
  const errors: string[] = [];
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((t) => typeMatches(t, typeOf(value)))) return [`${path}: expected ${types.join('|')}, got ${typeOf(value)}`];
  }
  if ('const' in schema && value !== schema.const) errors.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) errors.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${path}: ${value} < ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${path}: ${value} > ${schema.maximum}`);
  }
  if (Array.isArray(schema.oneOf)) {
    const passing = (schema.oneOf as Schema[]).map((s) => validate(value, s, root, path));
    const ok = passing.filter((e) => e.length === 0).length;
    if (ok !== 1) errors.push(`${path}: matches ${ok} of oneOf (want 1)${ok === 0 ? `; closest: ${closest(passing).join('; ')}` : ''}`);
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    // Stop at the first bad item: a list of 30k sockets checked against the wrong oneOf
    // branch would otherwise collect hundreds of thousands of messages.
    for (let i = 0; i < value.length && errors.length === 0; i++) append(errors, validate(value[i], schema.items as Schema, root, `${path}[${i}]`));
  }
  if (typeOf(value) === 'object') append(errors, validateObject(value as Record<string, unknown>, schema, root, path));
  return errors;
}

function validateObject(value: Record<string, unknown>, schema: Schema, root: Schema, path: string): string[] {
  const errors: string[] = [];
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  for (const key of (schema.required ?? []) as string[]) if (!(key in value)) errors.push(`${path}: missing "${key}"`);
  for (const [key, v] of Object.entries(value)) {
    const p = properties[key];
    if (p !== undefined) append(errors, validate(v, p, root, `${path}.${key}`));
    else if (schema.additionalProperties === false) errors.push(`${path}: unexpected property "${key}"`);
    else if (typeof schema.additionalProperties === 'object') append(errors, validate(v, schema.additionalProperties as Schema, root, `${path}.${key}`));
  }
  return errors;
}

function append(to: string[], from: readonly string[]): void {
  for (const e of from) to.push(e);
}

/** The oneOf branch with the fewest errors, for a readable failure. */
function closest(results: string[][]): string[] {
  return results.reduce((a, b) => (b.length < a.length ? b : a)).slice(0, 5);
}
