import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { createJsonlParser } from '../../../src/parsers/jsonl';
import { collect, decode, det3, encode, gather, type Collected } from './jsonlCollect';

const runBytes = new Uint8Array(readFileSync('test/fixtures/run.jsonl'));
const expected = JSON.parse(readFileSync('test/fixtures/expected.json', 'utf8')) as {
  pred_9d: { per_matrix: { det: number }[][] };
  'run.jsonl': {
    steps_valid: number;
    matrices_valid: number;
    invalid_matrices: { step: number; index: number }[];
    malformed_lines: number[];
  };
};
const full = collect(createJsonlParser(), runBytes);

test('run.jsonl: every intact record, the NaN passed through, line 11 reported as truncated', () => {
  const info = expected['run.jsonl'];
  const steps = [...new Set(full.matrices.map((m) => m.step))];
  assert.equal(steps.length, info.steps_valid);
  assert.deepEqual(
    steps,
    Array.from({ length: 24 }, (_, i) => i * 100),
  );
  const finite = full.matrices.filter((m) => m.values.every(Number.isFinite));
  assert.equal(finite.length, info.matrices_valid);
  const nonFinite = full.matrices
    .map((m, i) => ({ m, index: i % 8 }))
    .filter(({ m }) => !m.values.every(Number.isFinite))
    .map(({ m, index }) => ({ step: m.step, index }));
  assert.deepEqual(
    nonFinite,
    info.invalid_matrices.map(({ step, index }) => ({ step, index })),
  );
  assert.deepEqual(
    full.issues.map((i) => i.line),
    info.malformed_lines,
  );
  assert.equal(
    full.issues[0]!.message,
    'expected a complete JSON record, found end of line after 50 characters (truncated?)',
  );
  assert.equal(full.issues[0]!.severity, 'error');
});

test('run.jsonl: the values are the logged trajectory (det agrees with NumPy)', () => {
  full.matrices.forEach((m, i) => {
    if (!m.values.every(Number.isFinite)) return;
    const want = expected.pred_9d.per_matrix[m.step / 100]![i % 8]!.det;
    assert.ok(
      Math.abs(det3(m.values) - want) <= 1e-12 * Math.max(1, Math.abs(want)),
      `step ${m.step} #${i % 8}`,
    );
  });
});

test('run.jsonl: each matrix points at its own JSON text on its record line', () => {
  const lines = decode(runBytes).split('\n');
  for (const m of full.matrices) {
    assert.equal(m.line, m.endLine);
    const text = decode(runBytes.subarray(m.offset, m.endOffset));
    assert.match(text, /^\[\[.*\]\]$/);
    assert.ok(lines[m.line - 1]!.includes(text));
    const numbers = JSON.parse(text.replace(/NaN/g, 'null')) as (number | null)[][];
    assert.deepEqual(
      numbers.flat().map((x) => x ?? NaN),
      m.values,
    );
  }
  const parser = createJsonlParser();
  parser.push(runBytes);
  assert.equal(parser.representation, '9d');
  assert.equal(parser.stepSource, 'logged');
  assert.deepEqual(parser.resume.state, { matrixKey: ['pred'], stepKey: ['step'], width: 9 });
});

test('every chunk size gives the same matrices and issues', () => {
  for (const size of [1, 3, 17, 4096, runBytes.length]) {
    assert.deepEqual(collect(createJsonlParser(), runBytes, size), full, `chunk size ${size}`);
  }
});

test('resuming at any line boundary gives the tail of a full parse', () => {
  const starts = [0];
  for (let i = 0; i < runBytes.length; i++) if (runBytes[i] === 10) starts.push(i + 1);
  // Parse once, recording the resume point after each line.
  const points = starts.map((offset) => {
    const parser = createJsonlParser();
    parser.push(runBytes.subarray(0, offset));
    return parser.resume;
  });
  points.forEach((resume, k) => {
    assert.equal(resume.offset, starts[k]);
    assert.equal(resume.line, k + 1);
    const tail = collect(createJsonlParser({}, resume), runBytes.subarray(resume.offset));
    const want: Collected = {
      matrices: full.matrices.filter((m) => m.line > k),
      issues: full.issues.filter((i) => i.line! > k),
    };
    assert.deepEqual(tail, want, `resume at line ${k + 1}`);
  });
});

test('a last line without a newline: held back by flush(false), read by flush(true) when complete', () => {
  const text = decode(runBytes);
  const withoutNewline = encode(text.slice(0, -1));
  const held = createJsonlParser();
  const partial = collect(held, withoutNewline, withoutNewline.length, false);
  assert.equal(partial.matrices.length, full.matrices.length - 8);
  assert.deepEqual(partial.issues, full.issues);
  const lastLineStart = text.lastIndexOf('\n', text.length - 2) + 1;
  assert.equal(held.resume.offset, lastLineStart);
  assert.equal(held.resume.line, 25);
  assert.deepEqual(collect(createJsonlParser(), withoutNewline), full);

  const cut = encode(text.slice(0, text.length - 40));
  const truncated = collect(createJsonlParser(), cut);
  assert.equal(truncated.matrices.length, full.matrices.length - 8);
  const last = truncated.issues[truncated.issues.length - 1]!;
  assert.equal(last.line, 25);
  assert.match(
    last.message,
    /^expected a complete JSON record, found end of file after \d+ characters \(truncated\?\)$/,
  );
  const parser = createJsonlParser();
  collect(parser, cut);
  assert.equal(parser.resume.offset, lastLineStart, 'an unfinished record is not consumed');
});

test('truncation at every byte never throws and keeps every intact record', () => {
  // Four records, one of them the truncated line 11: every cut of these ~5 KB is parsed.
  const lines = decode(runBytes).split('\n');
  const sample = encode([lines[0], lines[10], lines[1], lines[2], ''].join('\n'));
  const whole = collect(createJsonlParser(), sample);
  assert.equal(whole.matrices.length, 24);
  for (let cut = 0; cut <= sample.length; cut++) {
    const got = collect(createJsonlParser(), sample.subarray(0, cut));
    const intact = whole.matrices.filter((m) => sample.indexOf(10, m.endOffset) < cut);
    assert.ok(got.matrices.length >= intact.length, `cut at ${cut}`);
    assert.deepEqual(got.matrices.slice(0, intact.length), intact, `cut at ${cut}`);
  }
});

test('random corruption never throws and never loses records before the damage', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: runBytes.length - 1 }),
      fc.uint8Array({ minLength: 1, maxLength: 8 }),
      fc.constantFrom('replace', 'insert', 'delete'),
      (at, junk, how) => {
        const before = runBytes.subarray(0, at);
        const after = runBytes.subarray(how === 'insert' ? at : Math.min(runBytes.length, at + junk.length));
        const middle = how === 'delete' ? new Uint8Array(0) : junk;
        const bytes = new Uint8Array(before.length + middle.length + after.length);
        bytes.set(before);
        bytes.set(middle, before.length);
        bytes.set(after, before.length + middle.length);
        const got = collect(createJsonlParser(), bytes, 1 + (at % 997));
        const firstDamagedLine = decode(before).split('\n').length;
        const kept = got.matrices.filter((m) => m.line < firstDamagedLine);
        assert.deepEqual(
          kept,
          full.matrices.filter((m) => m.line < firstDamagedLine),
        );
        for (const issue of got.issues) assert.ok(issue.line! >= 1 && issue.message.length > 0);
      },
    ),
    { numRuns: 300 },
  );
});

test('CRLF line ends and blank lines read like LF', () => {
  const crlf = encode(decode(runBytes).replace(/\n/g, '\r\n\r\n  \r\n'));
  const got = collect(createJsonlParser(), crlf, 4096);
  assert.equal(got.matrices.length, full.matrices.length);
  assert.deepEqual(
    got.matrices.map((m) => m.values),
    full.matrices.map((m) => m.values),
  );
  assert.deepEqual(
    got.issues.map((i) => i.line),
    [31],
  );
  assert.deepEqual(
    got.matrices.filter((_, i) => i % 8 === 0).map((m) => m.line),
    [1, 4, 7, 10, 13, 16, 19, 22, 25, 28, 34, 37, 40, 43, 46, 49, 52, 55, 58, 61, 64, 67, 70, 73],
  );
  for (const m of got.matrices) assert.match(decode(crlf.subarray(m.offset, m.endOffset)), /^\[\[.*\]\]$/);
});

test('a push returns the records complete in it, as it goes', () => {
  const parser = createJsonlParser();
  const into: Collected = { matrices: [], issues: [] };
  const firstLineEnd = runBytes.indexOf(10) + 1;
  gather(parser.push(runBytes.subarray(0, firstLineEnd - 1)), into);
  assert.equal(into.matrices.length, 0);
  gather(parser.push(runBytes.subarray(firstLineEnd - 1, firstLineEnd)), into);
  assert.equal(into.matrices.length, 8);
});

test('a UTF-8 byte order mark before the first record is skipped, offsets stay file offsets', () => {
  const line = '{"step": 2, "pred": [1, 0, 0, 0, 1, 0, 0, 0, 1]}\n';
  const bytes = encode(`\ufeff${line}`);
  const got = collect(createJsonlParser(), bytes, 2);
  assert.deepEqual(got.issues, []);
  assert.equal(got.matrices.length, 1);
  assert.equal(
    decode(bytes.subarray(got.matrices[0]!.offset, got.matrices[0]!.endOffset)),
    '[1, 0, 0, 0, 1, 0, 0, 0, 1]',
  );
});
