import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { findMatrices, matrixAt, parseMatrixText } from '../../../src/parsers/matrixText';

const I = [1, 0, 0, 0, 1, 0, 0, 0, 1];
const c30 = Math.cos(Math.PI / 6);
const s30 = Math.sin(Math.PI / 6);

interface Accepted {
  text: string;
  values: number[];
  representation: '9d' | '6d';
  form: RegExp;
}

const accepted: Accepted[] = [
  { text: '[[1, 0, 0], [0, 1, 0], [0, 0, 1]]', values: I, representation: '9d', form: /^list, 3x3/ },
  { text: '((1, 0, 0), (0, 1, 0), (0, 0, 1))', values: I, representation: '9d', form: /3x3/ },
  { text: '[1, 0, 0, 0, 1, 0, 0, 0, 1]', values: I, representation: '9d', form: /flat list of 9/ },
  { text: 'R = [1, 0, 0, 0, 1, 0, 0, 0, 1]', values: I, representation: '9d', form: /flat list of 9/ },
  {
    text: 'pred[3] = [1, 2, 3, 4, 5, 6]',
    values: [1, 2, 3, 4, 5, 6],
    representation: '6d',
    form: /flat list of 6/,
  },
  { text: '1 0 0 0 1 0 0 0 1', values: I, representation: '9d', form: /^bare numbers/ },
  { text: '  1, 2, 3, 4, 5, 6\n', values: [1, 2, 3, 4, 5, 6], representation: '6d', form: /bare numbers/ },
  {
    text: 'array([[1.e+00, 0.e+00, 0.e+00],\n       [0.e+00, 8.e-01, 0.e+00],\n       [0.e+00, 0.e+00, 1.e-09]])',
    values: [1, 0, 0, 0, 0.8, 0, 0, 0, 1e-9],
    representation: '9d',
    form: /^NumPy array\(\.\.\.\) repr, 3x3/,
  },
  {
    text: 'array([[ 2.3842e-07, -1.5E+00,  3.],\n       [ .5, +1, -0.],\n       [1, 2, 3]], dtype=float32)',
    values: [2.3842e-7, -1.5, 3, 0.5, 1, -0, 1, 2, 3],
    representation: '9d',
    form: /NumPy/,
  },
  {
    text: 'pred[0] = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1]])',
    values: I,
    representation: '9d',
    form: /NumPy np\.array/,
  },
  {
    text: '[[ 1.    0.    0.  ]\n [ 0.    0.5   0.  ]\n [ 0.    0.   -0.49]]',
    values: [1, 0, 0, 0, 0.5, 0, 0, 0, -0.49],
    representation: '9d',
    form: /^NumPy str \(no commas\), 3x3/,
  },
  {
    text: "tensor([[ 0.9950, -0.0998,  0.0000],\n        [ 0.0998,  0.9950,  0.0000],\n        [ 0.0000,  0.0000,  1.0000]], device='cuda:0', grad_fn=<AddBackward0>)",
    values: [0.995, -0.0998, 0, 0.0998, 0.995, 0, 0, 0, 1],
    representation: '9d',
    form: /^PyTorch tensor/,
  },
  {
    text: 'torch.tensor([[1., 0., 0.], [0., 1., 0.], [0., 0., 1.]], requires_grad=True)',
    values: I,
    representation: '9d',
    form: /PyTorch torch\.tensor/,
  },
  {
    text: 'Parameter containing:\ntensor([[1., 0., 0.],\n        [0., 1., 0.],\n        [0., 0., 1.]], requires_grad=True)',
    values: I,
    representation: '9d',
    form: /PyTorch/,
  },
  {
    text: 'Array([[1., 0., 0.],\n       [0., 1., 0.],\n       [0., 0., 1.]], dtype=float32)',
    values: I,
    representation: '9d',
    form: /^JAX Array/,
  },
  {
    text: 'tf.Tensor(\n[[1. 0. 0.]\n [0. 1. 0.]\n [0. 0. 1.]], shape=(3, 3), dtype=float32)',
    values: I,
    representation: '9d',
    form: /TensorFlow/,
  },
  {
    text: '[1 2 3; 4 5 6; 7 8 9]',
    values: [1, 2, 3, 4, 5, 6, 7, 8, 9],
    representation: '9d',
    form: /^MATLAB rows, 3x3/,
  },
  {
    text: 'M = [1, 2, 3; 4, 5, 6; 7, 8, 9];',
    values: [1, 2, 3, 4, 5, 6, 7, 8, 9],
    representation: '9d',
    form: /MATLAB/,
  },
  {
    text: 'R = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]  # the identity',
    values: I,
    representation: '9d',
    form: /3x3/,
  },
  { text: 'R = [1 0 0; 0 1 0; 0 0 1]; % MATLAB', values: I, representation: '9d', form: /MATLAB/ },
  { text: '[1 2 3; 4 5 6]', values: [1, 2, 3, 4, 5, 6], representation: '6d', form: /MATLAB rows, 2x3/ },
  {
    text: '[[1, 2, 3], [4, 5, 6]]',
    values: [1, 2, 3, 4, 5, 6],
    representation: '6d',
    form: /2x3 \(6D: rows are a1, a2\)/,
  },
  {
    text: '[[1, 4], [2, 5], [3, 6]]',
    values: [1, 2, 3, 4, 5, 6],
    representation: '6d',
    form: /3x2 \(6D: columns are a1, a2, read column by column\)/,
  },
  {
    text: 'tensor([[[1., 0., 0.], [0., 1., 0.], [0., 0., 1.]]])',
    values: I,
    representation: '9d',
    form: /batch of one/,
  },
  { text: '[[1, 0, 0, 0, 1, 0, 0, 0, 1]]', values: I, representation: '9d', form: /flat list of 9/ },
  {
    text: '[nan, inf, -inf, NaN, Infinity, -Infinity, INF, +inf, 1]',
    values: [NaN, Infinity, -Infinity, NaN, Infinity, -Infinity, Infinity, Infinity, 1],
    representation: '9d',
    form: /flat list of 9/,
  },
  {
    text: '>>> [[1, 0, 0], [0, 1, 0], [0, 0, 1]]',
    values: I,
    representation: '9d',
    form: /3x3/,
  },
  {
    text: 'Out[3]: array([1., 0., 0., 0., 1., 0.])',
    values: [1, 0, 0, 0, 1, 0],
    representation: '6d',
    form: /NumPy/,
  },
];

test('parseMatrixText reads every documented form', () => {
  for (const { text, values, representation, form } of accepted) {
    const result = parseMatrixText(text);
    assert.ok(result.ok, `${text}: ${result.ok ? '' : result.message}`);
    assert.deepEqual(result.values, values, text);
    assert.equal(result.representation, representation, text);
    assert.match(result.form, form, text);
  }
});

test('parseMatrixText evaluates mathjs expressions when the literal parser cannot', () => {
  const rotation = parseMatrixText('[[cos(pi/6), -sin(pi/6), 0], [sin(pi/6), cos(pi/6), 0], [0, 0, 1]]');
  assert.ok(rotation.ok);
  assert.equal(rotation.representation, '9d');
  assert.match(rotation.form, /^mathjs expression, 3x3/);
  const expected = [c30, -s30, 0, s30, c30, 0, 0, 0, 1];
  rotation.values.forEach((v, k) => assert.ok(Math.abs(v - expected[k]!) < 1e-15));

  const scaled = parseMatrixText('2 * identity(3)');
  assert.ok(scaled.ok);
  assert.deepEqual(scaled.values, [2, 0, 0, 0, 2, 0, 0, 0, 2]);

  const assigned = parseMatrixText('R = [1, 0, 0; 0, cos(0), 0; 0, 0, 1]');
  assert.ok(assigned.ok);
  assert.deepEqual(assigned.values, I);

  const indexed = parseMatrixText('pred[0] = [[cos(0), 0, 0], [0, 1, 0], [0, 0, 1]]');
  assert.ok(indexed.ok);
  assert.deepEqual(indexed.values, I);

  const sixD = parseMatrixText('[1, 0, 0, 0, sqrt(4) / 2, 0]');
  assert.ok(sixD.ok);
  assert.equal(sixD.representation, '6d');
  assert.deepEqual(sixD.values, [1, 0, 0, 0, 1, 0]);
});

test('parseMatrixText refuses malformed text with one line saying what it expected and found', () => {
  const refused: Array<[string, RegExp]> = [
    ['', /found empty text/],
    ['   \n  ', /found empty text/],
    [
      '[[1, 2, 3], [4, 5, 6], [7, 8, 9]',
      /expected '\]' to close the '\[' at column 1, found the end of the text/,
    ],
    ['[[1, 2, 3], [4, 5, 6], [7, 8, 9]]]', /expected the end of the matrix, found '\]'/],
    ['[1, 2, 3, 4, 5, 6, 7, 8, 9)', /expected '\]'.*found '\)'/],
    ['[1, 2, 3, 4, 5, 6, 7, 8]', /found 8 numbers/],
    ['[1]', /found 1 number$/],
    ['[]', /found 0 numbers/],
    ['[[1, 2, 3], [4, 5, 6], [7, 8]]', /rows of equal length, found rows of 3, 3, 2/],
    ['[[1, 2, 3], 4, 5]', /mixes numbers and lists/],
    ['[[1, 2], [3, 4]]', /shape 2x2/],
    ['hello world', /found the word 'hello' at column 1.*mathjs.*Undefined symbol hello/],
    ['[1, 2, foo, 4, 5, 6, 7, 8, 9]', /found the word 'foo'/],
    ['[1.2.3, 0, 0, 0, 1, 0, 0, 0, 1]', /expected a number, found '1\.2\.3,'/],
    [
      '[[[1, 0, 0], [0, 1, 0], [0, 0, 1]], [[2, 0, 0], [0, 2, 0], [0, 0, 2]]]',
      /batch of 2 3x3 matrices \(shape 2x3x3\)/,
    ],
    [
      '[[1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6]]',
      /batch of 4 rows of 6 numbers/,
    ],
    ['array([[1, 0, 0], [0, 1, 0], [0, 0, 1]], dtype=float32', /expected '\)' to close array\(/],
    ['array([[1, 0, 0], [0, 1, 0], [0, 0, 1]] junk)', /expected '\)' or keyword arguments/],
    ['[1, 2; 3]', /rows of equal length/],
    ['[[1, 0, 0],\n [0, 1, 0],\n [0, 0, 1]', /at line 1, column 1, found the end of the text at line 3/],
    ['[[cos(x), 0, 0], [0, 1, 0], [0, 0, 1]]', /Undefined symbol x/],
    ['[1, 2, 3] + [1, 2]', /mathjs/],
    ['"abc"', /the expression gives a value of type string|expected/],
  ];
  for (const [text, message] of refused) {
    const result = parseMatrixText(text);
    assert.equal(result.ok, false, text);
    if (result.ok) continue;
    assert.match(result.message, message, text);
    assert.equal(result.message.includes('\n'), false, `one line: ${result.message}`);
    assert.match(result.message, /^expected /, text);
  }
});

test('parseMatrixText never throws, whatever the text', () => {
  const alphabet = fc.constantFrom(...'[]();,= \n\t0123456789.-+eEnaifxy*/'.split(''));
  fc.assert(
    fc.property(fc.array(alphabet, { maxLength: 60 }), (chars) => {
      const result = parseMatrixText(chars.join(''));
      assert.equal(typeof result.ok, 'boolean');
      if (!result.ok) assert.equal(result.message.includes('\n'), false);
    }),
    { numRuns: 300 },
  );
  const valid = accepted.map((a) => a.text);
  fc.assert(
    fc.property(fc.constantFrom(...valid), fc.nat(), fc.nat(), (text, cut, drop) => {
      const at = cut % (text.length + 1);
      parseMatrixText(text.slice(0, at));
      parseMatrixText(text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + (drop % 4))));
    }),
    { numRuns: 300 },
  );
});

test('parseMatrixText keeps its stack on deeply nested input', () => {
  const result = parseMatrixText('['.repeat(100_000) + ']'.repeat(100_000));
  assert.equal(result.ok, false);
  if (!result.ok) assert.match(result.message, /at most 16 levels/);
});

// The run's float64 values (run.csv), to compare with what printed.log shows at its printed precision.
function runValues(): Map<string, number[]> {
  const rows = readFileSync('test/fixtures/run.csv', 'utf8').trim().split('\n').slice(1);
  const byKey = new Map<string, number[]>();
  for (const row of rows) {
    const [step, sample, ...values] = row.split(',').map(Number);
    byKey.set(`${step}/${sample}`, values);
  }
  return byKey;
}

const printedKeys = ['0/0', '0/1', '100/0', '100/1', '200/0', '200/1', '2300/0', '2300/1'];

test('findMatrices finds every matrix of printed.log (NumPy repr and str) at its printed precision', () => {
  const text = readFileSync('test/fixtures/printed.log', 'utf8');
  const found = findMatrices(text);
  const reference = runValues();
  assert.equal(found.length, printedKeys.length);
  found.forEach((matrix, k) => {
    assert.equal(matrix.representation, '9d');
    assert.equal(text[matrix.start], '[');
    assert.equal(text[matrix.end - 1], ']');
    // repr prints 8 decimals, str 6: agree to half a unit in the last printed place.
    const tolerance = text.slice(matrix.start, matrix.end).includes(',') ? 5e-9 : 5e-7;
    const expected = reference.get(printedKeys[k]!)!;
    matrix.values.forEach((v, i) =>
      assert.ok(Math.abs(v - expected[i]!) <= tolerance, `${printedKeys[k]} [${i}]`),
    );
  });
});

test('findMatrices reads batches one matrix at a time, 6D forms, and skips what is no matrix', () => {
  const text =
    'x [[[1,0,0],[0,1,0],[0,0,1]], [[2,0,0],[0,2,0],[0,0,2]]] y [1,2,3,4,5,6] [[1,4],[2,5],[3,6]] ' +
    '[1 2 3; 4 5 6; 7 8 9] [2026-01-01 10:00] [a, b] [1, 2, 3] [[1,2,3],[4,5,6],[7,8]] [1,2,3,4,5,6,7,8,9';
  const found = findMatrices(text);
  assert.deepEqual(
    found.map((m) => [m.representation, m.values]),
    [
      ['9d', I],
      ['9d', [2, 0, 0, 0, 2, 0, 0, 0, 2]],
      ['6d', [1, 2, 3, 4, 5, 6]],
      ['6d', [1, 2, 3, 4, 5, 6]],
      ['9d', [1, 2, 3, 4, 5, 6, 7, 8, 9]],
    ],
  );
  assert.equal(text.slice(found[0]!.start, found[0]!.end), '[[1,0,0],[0,1,0],[0,0,1]]');
  const sub = findMatrices(text, found[1]!.start, found[1]!.end);
  assert.equal(sub.length, 1);
  assert.deepEqual(sub[0]!.values, [2, 0, 0, 0, 2, 0, 0, 0, 2]);
});

test('findMatrices stays linear on a 5 MB line', () => {
  const unit = '[[1,2,3],[4,5,6],[7,8,9]], ';
  const repeats = Math.ceil(5e6 / unit.length);
  const line = unit.repeat(repeats);
  const found = findMatrices(line);
  assert.equal(found.length, repeats);
  assert.deepEqual(found[repeats - 1]!.values, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  // Inputs that would make a backtracking or restart-on-failure scanner quadratic.
  assert.equal(findMatrices('['.repeat(5e6)).length, 0);
  assert.equal(findMatrices('[1, '.repeat(1.25e6)).length, 0);
  assert.equal(findMatrices('1'.repeat(5e6)).length, 0);
  assert.equal(findMatrices('step '.repeat(1e6)).length, 0);
  assert.equal(findMatrices('[' + '1.'.repeat(2.5e6) + ']').length, 0);
});

test('matrixAt finds the matrix around an offset, also across lines, and nothing elsewhere', () => {
  const text = readFileSync('test/fixtures/printed.log', 'utf8');
  const all = findMatrices(text);
  const second = all[1]!;
  for (const offset of [second.start, second.start + 20, second.end - 1]) {
    assert.deepEqual(matrixAt(text, offset), second);
  }
  assert.equal(matrixAt(text, 3), undefined);
  // On the wrapper's name the matrix it wraps is found; on the assignment target it is not.
  const first = all[0]!;
  const arrayAt = text.indexOf('array(');
  assert.deepEqual(matrixAt(text, arrayAt), first);
  assert.deepEqual(matrixAt(text, arrayAt + 5), first);
  assert.equal(matrixAt(text, text.indexOf('pred[0]')), undefined);
  assert.deepEqual(matrixAt('x = torch.tensor( [1,0,0,0,1,0,0,0,1])', 6)?.values, I);
  assert.equal(matrixAt('x = foo + [1,0,0,0,1,0,0,0,1]', 4), undefined);
  assert.equal(matrixAt('no matrix here', 4), undefined);
  // Only a bounded window is searched: a matrix beyond it is not seen from far away.
  const far = ' '.repeat(10_000) + '[[1,0,0],[0,1,0],[0,0,1]]';
  assert.equal(matrixAt(far, 0), undefined);
  assert.deepEqual(matrixAt(far, 10_005)?.values, I);
  const long = 'x'.repeat(3e6) + '[1,0,0,0,1,0,0,0,1]' + 'y'.repeat(3e6);
  assert.deepEqual(matrixAt(long, 3e6 + 4)?.values, I);
});

test('number tokens are read exactly as Number() reads them (fast path and fallback)', () => {
  const digits = (min: number, max: number) =>
    fc
      .array(fc.constantFrom(...'0123456789'.split('')), { minLength: min, maxLength: max })
      .map((d) => d.join(''));
  const token = fc
    .tuple(
      fc.constantFrom('', '-', '+'),
      digits(0, 20),
      fc.boolean(),
      digits(0, 20),
      fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '-', '+'), digits(1, 3))),
    )
    .map(
      ([sign, int, dot, frac, exp]) =>
        `${sign}${int}${dot ? '.' : ''}${dot ? frac : ''}${exp ? exp.join('') : ''}`,
    )
    .filter((t) => /\d/.test(t.split(/e/i)[0]!) && !/^[-+]?e/i.test(t));
  fc.assert(
    fc.property(token, (text) => {
      const found = parseMatrixText(`[${text}, 0, 0, 0, 0, 0, 0, 0, 0]`);
      assert.ok(found.ok, text);
      assert.ok(Object.is(found.values[0], Number(text)), `${text}: ${found.values[0]} vs ${Number(text)}`);
      const scanned = findMatrices(`[${text} 0 0 0 0 0 0 0 0]`);
      assert.ok(Object.is(scanned[0]!.values[0], Number(text)), text);
    }),
    { numRuns: 3000 },
  );
  for (const text of [
    '0.1',
    '0.3',
    '2.3842e-07',
    '1.7976931348623157e308',
    '5e-324',
    '1e400',
    '-0.',
    '9007199254740993',
    '0.000000000000000000000000001',
    '123456789012345.67',
  ]) {
    assert.ok(Object.is(findMatrices(`[${text},0,0,0,0,0,0,0,0]`)[0]!.values[0], Number(text)), text);
  }
});

test('mathjs is loaded only when a literal fails: never by findMatrices, matrixAt or a numeric paste', () => {
  const program = `
    const { findMatrices, matrixAt, parseMatrixText } = require('./src/parsers/matrixText.ts');
    const loaded = () => Object.keys(require.cache).some((path) => path.includes('/node_modules/mathjs/'));
    findMatrices('[[1,0,0],[0,1,0],[0,0,1]] cos(pi)');
    matrixAt('x = [1,0,0,0,1,0,0,0,1]', 6);
    parseMatrixText('array([[1., 0., 0.], [0., 1., 0.], [0., 0., 1.]])');
    parseMatrixText('[1, 2, 3]');
    const before = loaded();
    parseMatrixText('2 * identity(3)');
    process.stdout.write(JSON.stringify([before, loaded()]));
  `;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', program], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), [false, true]);
});
