// Appending: a log read in slices (each analysis continuing the previous result, partial last lines
// held back) ends with exactly the result of one analysis of the whole file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeBytes, analyzeFile } from '../../../src/analysis/engine';
import type { AnalysisResult } from '../../../src/shared/analysis';
import { csvText, jsonlText, tempDir } from './generate';

const FIXTURES = join(__dirname, '../../fixtures');
const dir = tempDir();
test.after(() => rmSync(dir, { recursive: true, force: true }));

const run = readFileSync(join(FIXTURES, 'run.jsonl'));
const steps7 = new TextEncoder().encode(
  jsonlText({ lines: 60, linesPerStep: 7, batch: 2, seed: 11, nanEvery: 9, brokenEvery: 13 }),
);
const csv = new TextEncoder().encode(csvText(120, 4, 12));

/** Everything but the bookkeeping of how the bytes arrived. */
function comparable(result: AnalysisResult): unknown {
  const { resume, ...rest } = result;
  return { ...rest, offset: resume.offset, openStep: resume.openStep, parser: resume.parser };
}

function inSlices(bytes: Uint8Array, name: string, cuts: number[]): AnalysisResult {
  let previous: AnalysisResult | undefined;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    if (cut === 0) continue;
    try {
      previous = analyzeBytes(bytes.subarray(0, cut), name, { live: true, chunkSize: 997 }, previous);
    } catch {
      // A slice before the first complete record has no matrix yet: nothing to continue from.
    }
  }
  return analyzeBytes(bytes, name, { live: true }, previous);
}

for (const [name, bytes] of [
  ['run.jsonl', run],
  ['steps7.jsonl', steps7],
  ['rows.csv', csv],
] as const) {
  test(`${name}: analysis continued over random slices equals one full analysis`, () => {
    const full = analyzeBytes(bytes, name, { live: true });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 6 }), (cuts) => {
        assert.deepEqual(comparable(inSlices(bytes, name, cuts)), comparable(full));
      }),
      { numRuns: 40 },
    );
  });
}

test('a held-back partial last line is not an issue, and is read once complete', () => {
  const cut = run.indexOf(10) + 200; // inside line 2
  const partial = analyzeBytes(run.subarray(0, cut), 'run.jsonl', { live: true });
  assert.equal(partial.issuesTotal, 0);
  assert.equal(partial.steps.length, 1);
  assert.equal(partial.resume.offset, run.indexOf(10) + 1, 'resume stops before the partial line');
  const finished = analyzeBytes(run, 'run.jsonl', { live: true }, partial);
  assert.deepEqual(comparable(finished), comparable(analyzeBytes(run, 'run.jsonl', { live: true })));
  const final = analyzeBytes(run.subarray(0, cut), 'run.jsonl', { live: false });
  assert.equal(final.issues.at(-1)?.line, 2, 'a finished file reports its truncated last line');
});

test('analyzeFile continues a growing file and re-reads a replaced one', async () => {
  const path = join(dir, 'growing.jsonl');
  const lines = run.toString('utf8').split(/(?<=\n)/);
  writeFileSync(path, lines.slice(0, 5).join('') + lines[5]!.slice(0, 300));
  let result = await analyzeFile(path, { live: true, workers: 1 });
  assert.equal(result.steps.length, 5);
  appendFileSync(path, lines[5]!.slice(300) + lines.slice(6, 15).join(''));
  result = await analyzeFile(path, { live: true, workers: 1 }, { previous: result });
  assert.equal(result.steps.length, 14, 'line 11 is the truncated record');
  appendFileSync(path, lines.slice(15).join(''));
  const before = result.resume.offset;
  let read = 0;
  result = await analyzeFile(
    path,
    { live: true, workers: 3, parallelThreshold: 0 },
    { previous: result, onProgress: (done) => (read = done) },
  );
  assert.equal(read, run.length - before, 'only the appended bytes are read');
  const fresh = await analyzeFile(path, { live: true, workers: 1 });
  assert.deepEqual(comparable(result), comparable(fresh));

  // Replaced by a shorter file, then by a same-size file whose first bytes differ.
  writeFileSync(path, lines.slice(0, 3).join(''));
  const shorter = await analyzeFile(path, { live: true, workers: 1 }, { previous: result });
  assert.equal(shorter.steps.length, 3);
  const firstLine = run.subarray(0, run.indexOf(10) + 1);
  const changed = Buffer.from(firstLine);
  changed.write('{"step": 7, ', 0);
  writeFileSync(path, changed);
  const base = await analyzeFile(path, { live: true, workers: 1 });
  assert.equal(base.steps.step[0], 7);
  writeFileSync(path, firstLine);
  const again = await analyzeFile(path, { live: true, workers: 1 }, { previous: base });
  assert.equal(again.steps.step[0], 0, 'the changed first bytes forced a fresh analysis');
  assert.equal(again.steps.length, 1);
});

test('changed thresholds force a fresh analysis instead of mixing settings', () => {
  const first = analyzeBytes(run.subarray(0, 8000), 'run.jsonl', { live: true });
  const next = analyzeBytes(run, 'run.jsonl', { live: true, analysis: { kappa: 3 } }, first);
  assert.deepEqual(
    comparable(next),
    comparable(analyzeBytes(run, 'run.jsonl', { live: true, analysis: { kappa: 3 } })),
  );
});

test('a continued analysis reads only the bytes after the resume offset', () => {
  const cut = run.indexOf(10, 9000) + 1;
  const previous = analyzeBytes(run.subarray(0, cut), 'run.jsonl', { live: true });
  assert.ok(previous.resume.headBytes < previous.resume.offset);
  const blanked = Uint8Array.from(run);
  blanked.fill(0x78, previous.resume.headBytes, previous.resume.offset); // 'xxxx…': not JSON
  const continued = analyzeBytes(blanked, 'run.jsonl', { live: true }, previous);
  assert.deepEqual(comparable(continued), comparable(analyzeBytes(run, 'run.jsonl', { live: true })));
});

test('a watched whole-file format (one JSON array) is still read as complete', () => {
  const records = run
    .toString('utf8')
    .split('\n')
    .filter((line, i) => line !== '' && i !== 10)
    .map((line) => line.replace('NaN', '0.5'));
  const bytes = new TextEncoder().encode(`[${records.join(',\n')}]`);
  const result = analyzeBytes(bytes, 'run.json', { live: true });
  assert.equal(result.format, 'json');
  assert.equal(result.matrices, 192);
});
