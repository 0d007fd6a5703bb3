/**
 * JSON with exact 64-bit counters. `JSON.stringify` refuses `bigint`, and turning one
 * into a `number` first loses exactness above 2^53, so this writer prints a bigint as its
 * decimal digits: valid JSON, exact for any reader that keeps big integers (jq 1.7+,
 * Python, Go's json.Number, JS with a reviver over the source text).
 *
 * `undefined` fields are left out (absent is not zero), Dates become ISO strings, Maps
 * become objects.
 */

export function toJson(value: unknown, indent = 0): string {
  return write(value, indent > 0 ? ' '.repeat(indent) : '', '');
}

function write(value: unknown, step: string, pad: string): string {
  switch (typeof value) {
    case 'bigint':
      return value.toString();
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
    case 'function':
    case 'symbol':
      return 'null';
  }
  if (value === null) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const inner = pad + step;
  const nl = step === '' ? '' : '\n';
  const colon = step === '' ? ':' : ': ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${nl}${value.map((v) => inner + write(v, step, inner)).join(`,${nl}`)}${nl}${pad}]`;
  }
  const entries = value instanceof Map ? [...value.entries()].map(([k, v]) => [String(k), v] as const) : Object.entries(value as object);
  const parts: string[] = [];
  for (const [k, v] of entries) {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    parts.push(`${inner}${JSON.stringify(k)}${colon}${write(v, step, inner)}`);
  }
  if (parts.length === 0) return '{}';
  return `{${nl}${parts.join(`,${nl}`)}${nl}${pad}}`;
}
