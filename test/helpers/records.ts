/**
 * Records compare equal whether an absent optional field is a missing key or a key set
 * to `undefined` (the API treats both as "absent"); codecs make one of the two choices.
 * `withoutUndefined` removes undefined-valued keys recursively, keeping bigint, Date and
 * Uint8Array values as they are, so deepEqual compares what matters.
 */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => withoutUndefined(v)) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date || value instanceof Uint8Array) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    Object.defineProperty(out, k, { value: withoutUndefined(v), enumerable: true, writable: true, configurable: true });
  }
  return out as T;
}
