/**
 * protocol/reading-types.ts re-declares the Reading types of sources/source.ts (protocol
 * may not import sources). This file fails to COMPILE (and so `npm test` fails) if the two
 * ever differ in either direction.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as S from '../../../src/sources/source.js';
import type * as P from '../../../src/protocol/reading-types.js';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const SAME: [
  Same<S.SourceKind, P.SourceKind>,
  Same<S.SourceInfo, P.SourceInfo>,
  Same<S.Unavailable, P.Unavailable>,
  Same<S.Reading<{ a: bigint }[]>, P.Reading<{ a: bigint }[]>>,
] = [true, true, true, true];

test('the protocol Reading types are the sources Reading types', () => {
  assert.deepEqual(SAME, [true, true, true, true]);
});
