/** JSON.parse that keeps integers of 16+ digits exact (as strings → bigint), for peer tools' JSON. */
export function parseExactJson(text: string): unknown {
  return JSON.parse(text.replace(/([:[,]\s*)(-?\d{16,})(?=\s*[,\]}])/g, '$1"$2"'));
}

export function toBigInt(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' || typeof v === 'string') return BigInt(v);
  throw new Error(`not an integer: ${String(v)}`);
}
