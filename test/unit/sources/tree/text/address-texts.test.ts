import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AddressTexts, hexWord, ipv4FromWord, ipv6FromWords } from '../../../../../src/sources/tree/text/hex-address.js';

test('IPv4 and IPv6 texts as the uncached functions give them, in both byte orders', () => {
  for (const order of ['little', 'big'] as const) {
    const cache = new AddressTexts(order);
    assert.equal(cache.ipv4(hexWord('0100007F', 0)), order === 'little' ? '127.0.0.1' : '1.0.0.127');
    assert.equal(cache.ipv4(0), '0.0.0.0');
    assert.equal(cache.ipv4(0xffffffff), '255.255.255.255');
    const w = ['00000000', '00000000', '00000000', '01000000'].map((x) => hexWord(x, 0)) as [number, number, number, number];
    assert.equal(cache.ipv6(...w), order === 'little' ? '::1' : '::100:0');
    assert.equal(cache.ipv6(0, 0, 0, 0), '::');
    const mapped = ['00000000', '00000000', 'FFFF0000', '0100007F'].map((x) => hexWord(x, 0)) as [number, number, number, number];
    assert.equal(cache.ipv6(...mapped), order === 'little' ? '::ffff:127.0.0.1' : ipv6FromWords(...mapped, 'big'));
  }
});

test('one string per distinct address; many addresses in few slots stay right (the newest takes the slot)', () => {
  const cache = new AddressTexts();
  assert.equal(cache.ipv4(0x0200007f), cache.ipv4(0x0200007f));
  assert.ok(Object.is(cache.ipv4(0x0200007f), cache.ipv4(0x0200007f)));
  // 20,000 distinct words, twice, interleaved: more than the slots, so slots are taken over.
  for (let round = 0; round < 2; round++) {
    for (let k = 0; k < 20000; k++) {
      const word = (k * 2654435761) >>> 0;
      assert.equal(cache.ipv4(word), ipv4FromWord(word), `word ${word}`);
      const w = [k, word, k ^ 0x5555, (word ^ k) >>> 0] as const;
      if (k % 7 === 0) assert.equal(cache.ipv6(w[0], w[1], w[2], w[3]), ipv6FromWords(w[0], w[1], w[2], w[3]), `words ${w.join()}`);
    }
  }
});
