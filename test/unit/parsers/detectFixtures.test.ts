// Fixture pairs: `case.jsonl` (or .json, .csv, .tsv) + `case.expected.json`, written by Python
// (test/fixtures/jsonl/make_fixtures.py) with the expected matrices taken from Python's own objects.
// Each file goes through detectFormat + createParser, as the engine does, in several chunk sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createParser, detectFormat } from '../../../src/parsers/detect';
import { collect } from './jsonlCollect';

interface Expected {
  representation: '9d' | '6d';
  stepSource: 'logged' | 'ordinal';
  matrices: { step: number; line: number; endLine: number; values: (number | string | null)[] }[];
  issues: { line: number; severity: string; message: string }[];
}

const revive = (v: number | string | null) => (v === null ? NaN : typeof v === 'string' ? Number(v) : v);

for (const dir of ['test/fixtures/jsonl', 'test/fixtures/csv']) {
  for (const name of readdirSync(dir).filter(
    (f) => /\.(jsonl|json|csv|tsv)$/.test(f) && !f.endsWith('.expected.json'),
  )) {
    test(`fixture ${dir}/${name}`, () => {
      const bytes = new Uint8Array(readFileSync(join(dir, name)));
      const want = JSON.parse(
        readFileSync(join(dir, name.replace(/\.\w+$/, '.expected.json')), 'utf8'),
      ) as Expected;
      const format = detectFormat(name, bytes.subarray(0, 4096));
      assert.ok(format, 'format detected');
      for (const size of [bytes.length, 7]) {
        const parser = createParser(format, {});
        const got = collect(parser, bytes, size);
        assert.deepEqual(
          got.matrices.map(({ step, line, endLine, values }) => ({ step, line, endLine, values })),
          want.matrices.map((m) => ({ ...m, values: m.values.map(revive) })),
          `chunk ${size}`,
        );
        assert.deepEqual(
          got.issues.map(({ line, severity, message }) => ({ line, severity, message })),
          want.issues,
          `chunk ${size}`,
        );
        assert.equal(parser.representation, want.representation);
        assert.equal(parser.stepSource, want.stepSource);
      }
    });
  }
}
