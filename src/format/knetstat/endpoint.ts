/**
 * Address text shared by the knetstat tables: "address:port" as netstat prints it, with
 * IPv6 addresses in brackets ("[::1]:631", as ss prints them) so the port cannot be read
 * as part of the address, and port 0 (not bound / not connected) as "*".
 */
import type { ProcessOwner } from '../../records/process-owner.js';

export function endpoint(address: string, port: number, service?: string): string {
  const host = address.includes(':') ? `[${address}]` : address;
  return `${host}:${port === 0 ? '*' : (service ?? String(port))}`;
}

/** netstat -p's "PID/Program name": the first owner, "-" when none is known. */
export function ownerText(processes: readonly ProcessOwner[] | undefined): string {
  const first = processes?.[0];
  return first === undefined ? '-' : `${first.pid}/${first.command}`;
}

/** A number or "-" for a value the source does not give. */
export function orDash(value: number | bigint | string | undefined): string {
  return value === undefined ? '-' : String(value);
}
