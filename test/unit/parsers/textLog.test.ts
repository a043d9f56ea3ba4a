import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createTextLogParser } from '../../../src/parsers/textLog';
import type { ParseIssue, ParserOptions, ResumePoint, StreamParser } from '../../../src/parsers/types';

interface Parsed {
  width: number | undefined;
  values: number[];
  step: number[];
  line: number[];
  endLine: number[];
  offset: number[];
  endOffset: number[];
  issues: ParseIssue[];
}

function empty(): Parsed {
  return {
    width: undefined,
    values: [],
    step: [],
    line: [],
    endLine: [],
    offset: [],
    endOffset: [],
    issues: [],
  };
}

function collect(into: Parsed, result: ReturnType<StreamParser['push']>): void {
  into.issues.push(...result.issues);
  const block = result.block;
  if (!block) return;
  if (into.width !== undefined) assert.equal(block.width, into.width);
  into.width = block.width;
  assert.equal(block.values.length, block.count * block.width);
  into.values.push(...block.values);
  into.step.push(...block.step);
  into.line.push(...block.line);
  into.endLine.push(...block.endLine);
  into.offset.push(...block.offset);
  into.endOffset.push(...block.endOffset);
}

/** Pushes `bytes` in chunks of `size` (all at once when omitted), then a final flush. */
function parse(
  bytes: Uint8Array,
  size = bytes.length,
  options: ParserOptions = {},
  resume?: ResumePoint,
): Parsed {
  const parser = createTextLogParser(options, resume);
  const out = empty();
  for (let at = 0; at < bytes.length; at += Math.max(1, size))
    collect(out, parser.push(bytes.subarray(at, at + size)));
  collect(out, parser.flush(true));
  return out;
}

const printed = readFileSync('test/fixtures/printed.log');
const frameworks = readFileSync('test/fixtures/text/frameworks.log');
const sixD = readFileSync('test/fixtures/text/six_d.log');
const malformed = readFileSync('test/fixtures/text/malformed.log');

function runValues(): Map<string, number[]> {
  const rows = readFileSync('test/fixtures/run.csv', 'utf8').trim().split('\n').slice(1);
  const byKey = new Map<string, number[]>();
  for (const row of rows) {
    const [step, sample, ...values] = row.split(',').map(Number);
    byKey.set(`${step}/${sample}`, values);
  }
  return byKey;
}

test('printed.log: eight matrices under their step markers, at the printed precision', () => {
  const parser = createTextLogParser();
  const out = empty();
  collect(out, parser.push(printed));
  collect(out, parser.flush(true));
  assert.equal(parser.format, 'text');
  assert.equal(parser.representation, '9d');
  assert.equal(parser.stepSource, 'logged');
  assert.deepEqual(out.issues, []);
  assert.deepEqual(out.step, [0, 0, 100, 100, 200, 200, 2300, 2300]);
  assert.deepEqual(out.line, [2, 6, 10, 14, 18, 22, 26, 30]);
  assert.deepEqual(out.endLine, [4, 8, 12, 16, 20, 24, 28, 32]);
  const reference = runValues();
  const text = printed.toString('latin1');
  out.step.forEach((step, k) => {
    const sample = k % 2;
    const expected = reference.get(`${step}/${sample}`)!;
    // Repr (sample 0) prints 8 decimals, str (sample 1) 6.
    const tolerance = sample === 0 ? 5e-9 : 5e-7;
    for (let i = 0; i < 9; i++) assert.ok(Math.abs(out.values[9 * k + i]! - expected[i]!) <= tolerance);
    assert.equal(text[out.offset[k]!], '[');
    assert.equal(text[out.endOffset[k]! - 1], ']');
  });
  // The planted hard cases survive the printing exactly.
  assert.deepEqual(out.values.slice(18, 27), [1, 0, 0, 0, 0.8, 0, 0, 0, 1e-9]);
  assert.deepEqual(out.values.slice(45, 54), [1, 0, 0, 0, 0.5, 0, 0, 0, -0.49]);
  assert.equal(parser.resume.offset, printed.length);
  assert.equal(parser.resume.records, 8);
});

test('PyTorch, JAX, JSON-in-text and MATLAB prints; step markers of every spelling; UTF-8 byte offsets', () => {
  const out = parse(frameworks);
  assert.deepEqual(out.issues, []);
  assert.equal(out.width, 9);
  assert.deepEqual(out.step, [10, 20, 20, 30, 40, 40]);
  assert.deepEqual(out.values.slice(0, 9), [0.995, -0.0998, 0, 0.0998, 0.995, 0, 0, 0, 1]);
  assert.deepEqual(out.values.slice(18, 27), [2, 0, 0, 0, NaN, 0, 0, 0, -Infinity]);
  assert.deepEqual(out.values.slice(36, 45), [0.5, 0, 0, 0, 0.5, 0, 0, 0, 0.5]);
  assert.deepEqual(out.values.slice(45), [1, 2, 3, 4, 5, 6, 7, 8, 10]);
  assert.deepEqual(out.line, [3, 7, 11, 15, 18, 20]);
  assert.deepEqual(out.endLine, [5, 9, 13, 17, 18, 20]);
  // Offsets count bytes: the line with 'é' and '✓' before the JAX print shifts it by 4 bytes.
  const bytes = frameworks;
  for (let k = 0; k < out.offset.length; k++) {
    assert.equal(bytes[out.offset[k]!], 0x5b);
    assert.equal(bytes[out.endOffset[k]! - 1], 0x5d);
  }
  const jaxStart =
    Buffer.from(frameworks.toString('utf8').split('Array(')[0]!, 'utf8').length + 'Array('.length;
  assert.equal(out.offset[3], jaxStart);
});

test('without step markers the step is the ordinal, and stepSource says so', () => {
  const parser = createTextLogParser();
  const out = empty();
  collect(out, parser.push(Buffer.from('a = [1,0,0,0,1,0,0,0,1]\nb = [[1,0,0],[0,1,0],[0,0,1]]\n')));
  collect(out, parser.flush(true));
  assert.deepEqual(out.step, [0, 1]);
  assert.equal(parser.stepSource, 'ordinal');
});

test('marker spellings: step=N, step: N, "global_step": N, iteration N, Step [N/M]; epoch yields to finer markers', () => {
  const cases: Array<[string, number]> = [
    ['step=7 [1,0,0,0,1,0,0,0,1]', 7],
    ['step: 8\n[1,0,0,0,1,0,0,0,1]', 8],
    ['{"global_step": 9, "pred": [1,0,0,0,1,0,0,0,1]}', 9],
    ['iteration 10 of 99\n[1,0,0,0,1,0,0,0,1]', 10],
    ['Epoch [1/5] Step [11/600] [1,0,0,0,1,0,0,0,1]', 11],
    ['ITER 12 [1,0,0,0,1,0,0,0,1]', 12],
    ['epoch 13\n[1,0,0,0,1,0,0,0,1]', 13],
    ['step 14\nepoch 2\n[1,0,0,0,1,0,0,0,1]', 14],
    ['steps 99 num_steps=98 step_size 97 step 15 [1,0,0,0,1,0,0,0,1]', 15],
    ['step 1.5 [1,0,0,0,1,0,0,0,1]', 1.5],
    ['step (17) [1,0,0,0,1,0,0,0,1]', 17],
    ['step 18\nstep [1,0,0,0,1,0,0,0,1]', 18],
  ];
  for (const [text, step] of cases) {
    const out = parse(Buffer.from(text));
    assert.deepEqual(out.step, [step], text);
  }
});

test('6D logs: settled by eight 6-lists or the final flush; a 3x3 settles 9D at once and wins over a config list', () => {
  const predictions = Array.from({ length: 9 }, (_, k) => `step ${k} [1,0,0,0,1,${k}]\n`).join('');
  const sixD = parse(Buffer.from(`${predictions}step 9 [[1,0,0],[0,1,0],[0,0,1]]\n`));
  assert.equal(sixD.width, 6);
  assert.deepEqual(sixD.step, [0, 1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(sixD.values.slice(48), [1, 0, 0, 0, 1, 8]);
  assert.equal(sixD.issues.length, 1);
  assert.equal(sixD.issues[0]!.line, 10);
  assert.equal(sixD.issues[0]!.offset, predictions.length);
  assert.match(sixD.issues[0]!.message, /expected a 6D prediction.*found a 3x3 matrix; skipped/);

  const short = parse(Buffer.from('step 1 [1,0,0,0,1,0]\nstep 2 [[1,0],[0,1],[0,0]]\n'));
  assert.equal(short.width, 6);
  assert.deepEqual(short.values, [1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0]);
  assert.deepEqual(short.step, [1, 2]);

  const config =
    'mean=[0.485, 0.456, 0.406, 0.229, 0.224, 0.225]\nstep 3 [[1,0,0],[0,1,0],[0,0,1]]\n[1,2,3,4,5,6]\n';
  const nineD = parse(Buffer.from(config));
  assert.equal(nineD.width, 9);
  assert.deepEqual(nineD.step, [3]);
  assert.deepEqual(nineD.issues, []);

  const forced = parse(Buffer.from(config), undefined, { representation: '6d' });
  assert.equal(forced.width, 6);
  assert.deepEqual(forced.values, [0.485, 0.456, 0.406, 0.229, 0.224, 0.225, 1, 2, 3, 4, 5, 6]);
  assert.equal(forced.issues.length, 1);

  // Undecided 6-lists are held back by flush(false), and the resume point stays before them.
  const parser = createTextLogParser();
  const text = Buffer.from('step 4\n[1,0,0,0,1,0]\n');
  assert.equal(parser.push(text).block, undefined);
  assert.equal(parser.flush(false).block, undefined);
  assert.equal(parser.representation, undefined);
  assert.deepEqual(parser.resume, {
    offset: 7,
    line: 2,
    records: 0,
    state: { lineStart: 7, step: 4, fineSeen: true, representation: null, stepSource: null },
  });
  assert.equal(parser.flush(true).block?.count, 1);
  assert.equal(parser.representation, '6d');
});

test('six_d.log: a PyTorch Bx6 batch, a 3x2 (columns a1, a2) and a NumPy 2x3 under epoch markers', () => {
  const out = parse(sixD);
  assert.equal(out.width, 6);
  assert.deepEqual(out.issues, []);
  assert.deepEqual(out.step, [0, 0, 1, 2]);
  assert.deepEqual(out.values.slice(0, 6), [0.9211, -0.1022, 0.3301, 0.0503, 1.0374, -0.2117]);
  assert.deepEqual(out.values.slice(12, 18), [0.5, 0.0, 0.2, 0.1, 0.9, -0.1]);
  assert.deepEqual(out.values.slice(18), [1, 0, 0, 0, 1, 0]);
  assert.deepEqual(out.line, [2, 3, 5, 7]);
  assert.deepEqual(out.endLine, [2, 3, 5, 8]);
});

test('a 3x3 with a broken row is reported at its line; the rest of the log is still read', () => {
  const text = malformed.toString('latin1');
  const out = parse(Buffer.from(text));
  assert.deepEqual(out.step, [3, 4]);
  assert.deepEqual(out.values.slice(0, 9), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual(
    out.issues.map((issue) => [issue.line, issue.offset, issue.message]),
    [
      [2, 7, 'expected 3 rows of 3 numbers (a 3x3 matrix), found rows of 3, 3 and 2 numbers'],
      [
        5,
        text.indexOf('step 2'),
        'expected 3 rows of 3 numbers (a 3x3 matrix), found rows of 3 and 3 numbers and a row that is not all numbers',
      ],
      [
        6,
        text.indexOf('step 3'),
        'expected 3 rows of 3 numbers (a 3x3 matrix), found rows of 3, 3 and 4 numbers',
      ],
    ],
  );
  for (let size = 1; size <= 64; size++) assert.deepEqual(parse(Buffer.from(text), size), out);
});

test('any chunk size gives the same result as one push', () => {
  for (const bytes of [printed, frameworks, sixD, malformed]) {
    const whole = parse(bytes);
    for (let size = 1; size <= bytes.length; size++)
      assert.deepEqual(parse(bytes, size), whole, `chunk size ${size}`);
  }
});

test('flush(false) holds an unfinished matrix back; flush(true) reports it with its line', () => {
  const text = Buffer.from('step 5\npred = array([[1., 0., 0.],\n       [0., 1., 0.],\n');
  const parser = createTextLogParser();
  assert.equal(parser.push(text).block, undefined);
  const held = parser.flush(false);
  assert.equal(held.block, undefined);
  assert.deepEqual(held.issues, []);
  assert.equal(parser.resume.offset, text.indexOf('[['));
  assert.equal(parser.resume.line, 2);
  const final = parser.flush(true);
  assert.equal(final.block, undefined);
  assert.equal(final.issues.length, 1);
  // Issues of text formats point at the start of the line.
  assert.deepEqual(
    { line: final.issues[0]!.line, offset: final.issues[0]!.offset },
    { line: 2, offset: text.indexOf('pred') },
  );
  assert.match(
    final.issues[0]!.message,
    /^expected '\]' to close the matrix that starts here, found the end of the file$/,
  );
  // A last line without a line break is still read at the final flush.
  assert.deepEqual(parse(Buffer.from('step 3 [1,0,0,0,1,0,0,0,1]')).step, [3]);
});

test('truncation at every byte never throws and keeps every matrix that ended before the cut', () => {
  for (const bytes of [printed, frameworks, sixD, malformed]) {
    const whole = parse(bytes);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const part = parse(bytes.subarray(0, cut));
      const intact = whole.endOffset.filter((end) => end <= cut).length;
      assert.equal(part.step.length, intact, `cut at ${cut}`);
      assert.deepEqual(part.values, whole.values.slice(0, intact * (whole.width ?? 9)));
      assert.deepEqual(part.line, whole.line.slice(0, intact));
    }
  }
});

test('garbage and corruption never throw', () => {
  const noise = new Uint8Array(20_000);
  let seed = 12345;
  for (let i = 0; i < noise.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    noise[i] = seed >>> 24;
  }
  const parsed = parse(noise, 333);
  assert.equal(Array.isArray(parsed.issues), true);
  const corrupted = Buffer.from(frameworks);
  for (let i = 0; i < corrupted.length; i += 7) corrupted[i] = 0x5b;
  parse(corrupted, 64);
});

test('a parse resumed from any resume point equals a full parse', () => {
  for (const bytes of [printed, frameworks, sixD, malformed]) {
    const whole = parse(bytes);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const first = createTextLogParser();
      const out = empty();
      collect(out, first.push(bytes.subarray(0, cut)));
      collect(out, first.flush(false));
      const resume = structuredClone(first.resume);
      assert.ok(resume.offset <= cut);
      assert.deepEqual(JSON.parse(JSON.stringify(resume)), resume, 'the resume point survives JSON');
      const rest = parse(bytes.subarray(resume.offset), 97, {}, resume);
      out.issues.push(...rest.issues);
      for (const key of ['values', 'step', 'line', 'endLine', 'offset', 'endOffset'] as const)
        out[key].push(...rest[key]);
      out.width ??= rest.width;
      assert.deepEqual(out, whole, `resumed at ${resume.offset} after a cut at ${cut}`);
    }
  }
});
