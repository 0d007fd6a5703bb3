/**
 * struct tcp_info by name, tolerant of every length: the 280 bytes 6.18 sent for the server
 * side of an accepted connection with 400 bytes unread (inet-tcp4-internals), cut at every
 * length, grown past the known layout, and the two bit-field bytes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INET_DIAG_INFO, INET_DIAG_MSG_BYTES } from '../../../src/protocol/netlink/inet-diag.js';
import { TCP_INFO_FIELDS, TCP_INFO_KNOWN_BYTES, TCP_INFO_NAMES, TCP_INFO_OFFSET, parseTcpInfo, tcpInfoU32, defineLazyTcpInfo } from '../../../src/protocol/netlink/tcp-info.js';
import { readCapture, replay } from '../../helpers/netlink-capture.js';

/** The tcp_info payload of the message whose inode is 5600532, copied out. */
function capturedTcpInfo(): Uint8Array {
  let out: Uint8Array | undefined;
  replay(readCapture('inet-tcp4-internals'), (bytes, view, _t, start, end) => {
    if (view.getUint32(start + 68, true) !== 5600532) return;
    for (let at = start + INET_DIAG_MSG_BYTES; end - at >= 4; at += (view.getUint16(at, true) + 3) & ~3) {
      if (view.getUint16(at + 2, true) === INET_DIAG_INFO) out = bytes.slice(at + 4, at + view.getUint16(at, true));
    }
  });
  return out!;
}

const info = capturedTcpInfo();
const view = new DataView(info.buffer, info.byteOffset, info.byteLength);

test('the layout: 68 names, 276 known bytes of the 280 the kernel sent, offsets by kernel name', () => {
  assert.equal(info.length, 280);
  assert.equal(TCP_INFO_NAMES.length, 68);
  assert.equal(TCP_INFO_KNOWN_BYTES, 276);
  assert.deepEqual(
    ['rto', 'rtt', 'snd_ssthresh', 'snd_cwnd', 'total_retrans', 'pacing_rate', 'delivery_rate', 'bytes_sent', 'total_rto', 'total_rto_time', 'received_ce_bytes'].map((n) => TCP_INFO_OFFSET[n]),
    [8, 68, 76, 80, 100, 104, 160, 200, 240, 244, 272],
  );
  assert.deepEqual(
    ['state', 'rcv_wscale', 'rto', 'pacing_rate', 'total_rto', 'received_ce_bytes'].map((n) => TCP_INFO_FIELDS.find((f) => f.name === n)!.size),
    [1, 1, 4, 8, 2, 4],
  );
});

test('every field of the captured struct, exact', () => {
  const all = parseTcpInfo(view, 0, info.length);
  assert.deepEqual(Object.keys(all), TCP_INFO_NAMES);
  assert.deepEqual(
    Object.fromEntries(Object.entries(all).filter(([, v]) => v !== 0n)),
    {
      state: 1n,
      options: 7n,
      snd_wscale: 10n,
      rcv_wscale: 10n,
      delivery_rate_app_limited: 1n,
      rto: 204000n,
      ato: 40000n,
      snd_mss: 32768n,
      rcv_mss: 536n,
      last_data_sent: 1952n,
      last_data_recv: 1952n,
      last_ack_recv: 1952n,
      pmtu: 65535n,
      rcv_ssthresh: 65483n,
      rtt: 27n,
      rttvar: 13n,
      snd_ssthresh: 2147483647n,
      snd_cwnd: 10n,
      advmss: 65483n,
      reordering: 3n,
      rcv_space: 65483n,
      pacing_rate: 34683729405n,
      max_pacing_rate: 18446744073709551615n,
      bytes_received: 500n,
      segs_out: 1n,
      segs_in: 3n,
      min_rtt: 27n,
      data_segs_in: 1n,
      delivered: 1n,
      snd_wnd: 65536n,
      rcv_wnd: 65536n,
    },
  );
});

test('truncated at every length 0..280: exactly the fields that fit, with the full struct\'s values', () => {
  const full = parseTcpInfo(view, 0, info.length);
  for (let n = 0; n <= info.length; n++) {
    const part = parseTcpInfo(view, 0, n);
    for (const [name, value] of Object.entries(part)) assert.equal(value, full[name], `${name} at length ${n}`);
    const expected = TCP_INFO_FIELDS.filter((f) => f.offset + f.size <= n).map((f) => f.name);
    assert.deepEqual(Object.keys(part), expected, `length ${n}`);
  }
  assert.equal(tcpInfoU32(view, 0, 71, TCP_INFO_OFFSET.rtt!), undefined);
  assert.equal(tcpInfoU32(view, 0, 72, TCP_INFO_OFFSET.rtt!), 27);
});

test('a longer struct from a newer kernel reads the same named fields', () => {
  const longer = new Uint8Array(320);
  longer.set(info);
  longer.fill(0xee, 280);
  const grown = parseTcpInfo(new DataView(longer.buffer), 0, longer.length);
  assert.deepEqual(grown, parseTcpInfo(view, 0, info.length));
});

test('the bit-field bytes split into their fields (little-endian bit order)', () => {
  const bytes = new Uint8Array(8);
  bytes[6] = 0xa5; // snd_wscale 5 (low nibble), rcv_wscale 10
  bytes[7] = 0x07; // app_limited 1 (bit 0), fastopen_client_fail 3 (bits 1-2)
  const f = parseTcpInfo(new DataView(bytes.buffer), 0, 8);
  assert.deepEqual([f.snd_wscale, f.rcv_wscale, f.delivery_rate_app_limited, f.fastopen_client_fail], [5n, 10n, 1n, 3n]);
  assert.equal(f.rto, undefined);
});

test('a range that starts inside a larger buffer is read at its own offset', () => {
  const padded = new Uint8Array(info.length + 12);
  padded.set(info, 12);
  assert.deepEqual(parseTcpInfo(new DataView(padded.buffer), 12, padded.length), parseTcpInfo(view, 0, info.length));
});

test('defineLazyTcpInfo: decoded on first read, equal to parseTcpInfo, seen by Object.entries and replaceable', () => {
  const bytes = new Uint8Array(300);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 13) & 0xff;
  const record: Record<string, unknown> = { protocol: 'tcp' };
  defineLazyTcpInfo(record, bytes, 10, 290);
  assert.deepEqual(Object.keys(record), ['protocol', 'tcpInfo']);
  const expected = parseTcpInfo(new DataView(bytes.buffer), 10, 290);
  assert.deepEqual(record.tcpInfo, expected);
  assert.equal(record.tcpInfo, record.tcpInfo, 'kept after the first read');
  assert.deepEqual(Object.entries(record).find(([k]) => k === 'tcpInfo')?.[1], expected);
  record.tcpInfo = { rtt: 1n };
  assert.deepEqual(record.tcpInfo, { rtt: 1n });
  assert.equal(Object.getOwnPropertySymbols(record).length, 0, 'the raw bytes are let go');
});
