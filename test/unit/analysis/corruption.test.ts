// Truncated or corrupted files never throw anything but the one AnalysisError of a file with no
// readable matrix, and never lose an intact record that comes before the damage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeBytes } from '../../../src/analysis/engine';
import { AnalysisError } from '../../../src/analysis/errors';
import type { AnalysisResult } from '../../../src/shared/analysis';

const FIXTURES = join(__dirname, '../../fixtures');
const read = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));

/** The analysis, or undefined when the bytes hold no readable matrix (the only allowed throw). */
function analyze(bytes: Uint8Array, name: string): AnalysisResult | undefined {
  try {
    return analyzeBytes(bytes, name, { chunkSize: 4096 });
  } catch (error) {
    assert.ok(error instanceof AnalysisError, `only AnalysisError may escape, got ${String(error)}`);
    return undefined;
  }
}

/** Valid matrices whose text ends on a line before the one holding byte `at` (untouched by damage there). */
function validBefore(full: AnalysisResult, bytes: Uint8Array, at: number): number {
  let damagedLine = 1;
  for (let i = 0; i < at; i++) if (bytes[i] === 10) damagedLine++;
  let count = 0;
  for (const record of full.perMatrix ?? []) {
    const r = record as unknown as { endLine: number; s?: (number | null)[]; gs: { kappa: number | null } };
    if (r.endLine < damagedLine && r.s?.[0] !== null) count++;
  }
  return count;
}

for (const name of ['run.jsonl', 'run.csv', 'printed.log']) {
  const bytes = read(name);
  const full = analyzeBytes(bytes, name, { perMatrix: true });

  test(`${name}: any truncation keeps every complete record before the cut`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length }), (cut) => {
        const result = analyze(bytes.subarray(0, cut), name);
        const intact = validBefore(full, bytes, cut);
        assert.ok((result?.matrices ?? 0) >= intact, `cut at ${cut}: ${result?.matrices} < ${intact}`);
      }),
      { numRuns: 150 },
    );
  });

  test(`${name}: a corrupted byte loses no intact record before it`, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: bytes.length - 1 }),
        fc.integer({ min: 0, max: 255 }),
        (at, value) => {
          const damaged = Uint8Array.from(bytes);
          damaged[at] = value;
          const result = analyze(damaged, name);
          const intact = validBefore(full, bytes, at);
          assert.ok(
            (result?.matrices ?? 0) >= intact,
            `byte ${at} = ${value}: ${result?.matrices} < ${intact}`,
          );
        },
      ),
      { numRuns: 150 },
    );
  });
}

for (const name of ['pred_9d_f32.npy', 'pred_9d_bigendian.npy', 'pred_6d.npy', 'run.npz']) {
  const bytes = read(name);
  const full = analyzeBytes(bytes, name);

  test(`${name}: truncation and corruption never throw past the engine`, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: bytes.length }),
        fc.integer({ min: 0, max: bytes.length - 1 }),
        fc.integer({ min: 0, max: 255 }),
        (cut, at, value) => {
          analyze(bytes.subarray(0, cut), name);
          const damaged = Uint8Array.from(bytes);
          damaged[at] = value;
          analyze(damaged, name);
        },
      ),
      { numRuns: 150 },
    );
  });

  if (name.endsWith('.npy')) {
    test(`${name}: a truncated file keeps every whole matrix, a corrupted data byte changes no count`, () => {
      const dataOffset = 128;
      const matrixBytes = (bytes.length - dataOffset) / (full.matrices + full.invalid);
      fc.assert(
        fc.property(fc.integer({ min: dataOffset, max: bytes.length }), (cut) => {
          const result = analyze(bytes.subarray(0, cut), name);
          const whole = Math.floor((cut - dataOffset) / matrixBytes);
          assert.ok((result?.matrices ?? 0) + (result?.invalid ?? 0) >= whole, `cut at ${cut}`);
        }),
        { numRuns: 100 },
      );
      fc.assert(
        fc.property(
          fc.integer({ min: dataOffset, max: bytes.length - 1 }),
          fc.integer({ min: 0, max: 255 }),
          (at, value) => {
            const damaged = Uint8Array.from(bytes);
            damaged[at] = value;
            const result = analyze(damaged, name);
            assert.equal((result?.matrices ?? 0) + (result?.invalid ?? 0), full.matrices + full.invalid);
          },
        ),
        { numRuns: 100 },
      );
    });
  }
}

test('a file that cannot be read at all is one AnalysisError naming it', () => {
  const cases: Array<[string, Uint8Array, RegExp]> = [
    ['empty.jsonl', new Uint8Array(0), /empty\.jsonl/],
    ['garbage.bin', Uint8Array.from([0, 1, 2, 3, 250, 251]), /garbage\.bin: unknown format/],
    ['bad.npy', read('pred_9d_f32.npy').subarray(0, 20), /bad\.npy/],
    ['notes.txt', new TextEncoder().encode('hello\nno matrices here\n'), /notes\.txt: no/],
  ];
  for (const [name, bytes, message] of cases) {
    assert.throws(
      () => analyzeBytes(bytes, name),
      (error: unknown) => error instanceof AnalysisError && message.test(error.message),
      name,
    );
  }
});
