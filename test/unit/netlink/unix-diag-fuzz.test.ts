/**
 * unix_diag parsing never throws and always ends, whatever the bytes (the cases are in
 * test/helpers/sock-diag-fuzz.ts, run over a real capture).
 */
import { UNIX_DIAG_MESSAGE_BYTES, parseUnixDiagMessage } from '../../../src/protocol/netlink/unix-diag.js';
import { readCapture } from '../../helpers/netlink-capture.js';
import { diagFuzzSuite } from '../../helpers/sock-diag-fuzz.js';

diagFuzzSuite({
  family: 'unix_diag',
  capture: readCapture('unix-diag-all'),
  parse: parseUnixDiagMessage,
  messageBytes: UNIX_DIAG_MESSAGE_BYTES,
  messageCount: 13,
  attributeCount: 72,
  seed: 0x756e6978,
});
