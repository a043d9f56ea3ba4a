import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Utf8OffsetMap } from '../../../src/util/utf8Offsets';

function expectedCharOffset(text: string, byteOffset: number): number {
  // Reference: walk code points with Buffer, the slow obvious way.
  let bytes = 0;
  let chars = 0;
  for (const ch of text) {
    const width = Buffer.byteLength(ch, 'utf8');
    if (bytes + width > byteOffset) break;
    bytes += width;
    chars += ch.length;
  }
  return chars;
}

test('ASCII text maps byte offsets to themselves', () => {
  const text = '{"step": 1, "pred": [1, 2, 3]}\n';
  const map = new Utf8OffsetMap(text);
  assert.equal(map.charOffset(0), 0);
  assert.equal(map.charOffset(9), 9);
  assert.equal(map.charOffset(1000), text.length);
});

test('non-ASCII text maps every code point start exactly', () => {
  const text = 'κ=1.5 σ₃→0 😀 [[1,0,0],[0,1,0],[0,0,1]]\n'.repeat(200);
  const map = new Utf8OffsetMap(text);
  const total = Buffer.byteLength(text, 'utf8');
  for (let b = 0; b <= total; b += 7)
    assert.equal(map.charOffset(b), expectedCharOffset(text, b), `byte ${b}`);
});

test('a surrogate pair across a table block boundary maps exactly', () => {
  for (const pad of [1021, 1022, 1023, 1024, 2045, 2046, 2047]) {
    const text = 'a'.repeat(pad) + 'é😀😀x'.repeat(3) + 'tail';
    const map = new Utf8OffsetMap(text);
    const total = Buffer.byteLength(text, 'utf8');
    for (let b = pad - 4; b <= total; b++)
      assert.equal(map.charOffset(b), expectedCharOffset(text, b), `pad ${pad} byte ${b}`);
  }
});

test('random strings agree with the reference', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 3000 }), fc.nat(), (text, seed) => {
      const total = Buffer.byteLength(text, 'utf8');
      const byteOffset = total === 0 ? 0 : seed % (total + 1);
      assert.equal(new Utf8OffsetMap(text).charOffset(byteOffset), expectedCharOffset(text, byteOffset));
    }),
    { numRuns: 300 },
  );
});
