/**
 * packet_diag parsing never throws and always ends, whatever the bytes (the cases are in
 * test/helpers/sock-diag-fuzz.ts, run over a real capture).
 */
import { PACKET_DIAG_MESSAGE_BYTES, parsePacketDiagMessage } from '../../../src/protocol/netlink/packet-diag.js';
import { readCapture } from '../../helpers/netlink-capture.js';
import { diagFuzzSuite } from '../../helpers/sock-diag-fuzz.js';

diagFuzzSuite({
  family: 'packet_diag',
  capture: readCapture('packet-diag-all'),
  parse: parsePacketDiagMessage,
  messageBytes: PACKET_DIAG_MESSAGE_BYTES,
  messageCount: 6,
  attributeCount: 29,
  seed: 0x7061636b,
});
