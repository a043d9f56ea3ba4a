import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createJsonlParser } from '../../../src/parsers/jsonl';
import type { ParserOptions } from '../../../src/parsers/types';
import { collect, decode, encode } from './jsonlCollect';

const I = [1, 0, 0, 0, 1, 0, 0, 0, 1];
const M = [1, 2, 3, 4, 5, 6, 7, 8, 9];
const nested = (v: number[]) => JSON.stringify([v.slice(0, 3), v.slice(3, 6), v.slice(6, 9)]);

function parse(lines: string[], options: ParserOptions = {}) {
  const parser = createJsonlParser(options);
  const bytes = encode(lines.join('\n') + '\n');
  const got = collect(parser, bytes);
  return { ...got, parser, bytes };
}

test('a nested key path and a step from `it`', () => {
  const { matrices, parser, issues } = parse([
    `{"it": 5, "out": {"loss": 0.5, "pred": ${nested(M)}}}`,
    `{"out": {"pred": ${nested(I)}, "extra": {"pred": 1}}, "it": 6}`,
  ]);
  assert.deepEqual(issues, []);
  assert.deepEqual(
    matrices.map((m) => [m.step, m.values]),
    [
      [5, M],
      [6, I],
    ],
  );
  assert.deepEqual(parser.resume.state, { matrixKey: ['out', 'pred'], stepKey: ['it'], width: 9 });
  assert.equal(parser.stepSource, 'logged');
});

test('the step key is the first of step, global_step, iteration, iter, it, epoch', () => {
  const { parser } = parse([`{"epoch": 1, "iter": 7, "global_step": 70, "R": ${nested(I)}}`]);
  assert.deepEqual(parser.resume.state, { matrixKey: ['R'], stepKey: ['global_step'], width: 9 });
});

test('batches of flat 9-lists and of 3x3, one matrix each, offsets on each element', () => {
  const flat = parse([
    `{"step": 3, "rot": [${M.join(', ')}]}`,
    `{"step": 4, "rot": [${JSON.stringify(M)}, ${JSON.stringify(I)}]}`,
  ]);
  assert.deepEqual(flat.issues, []);
  assert.deepEqual(
    flat.matrices.map((m) => [m.step, m.values]),
    [
      [3, M],
      [4, M],
      [4, I],
    ],
  );
  assert.deepEqual(
    flat.matrices.map((m) => decode(flat.bytes.subarray(m.offset, m.endOffset))),
    [`[${M.join(', ')}]`, JSON.stringify(M), JSON.stringify(I)],
  );
  const batch = parse([`{"step": 0, "pred": [${nested(I)}, ${nested(M)}, ${nested(I)}]}`]);
  assert.deepEqual(
    batch.matrices.map((m) => m.values),
    [I, M, I],
  );
  assert.deepEqual(
    batch.matrices.map((m) => decode(batch.bytes.subarray(m.offset, m.endOffset))),
    [nested(I), nested(M), nested(I)],
  );
});

test('6D forms: flat 6, 2x3 rows, 3x2 columns, and their batches give a1 then a2', () => {
  const a = [1, 2, 3, 4, 5, 6];
  const cases: [string, number[][]][] = [
    [JSON.stringify(a), [a]],
    [JSON.stringify([a.slice(0, 3), a.slice(3)]), [a]],
    [
      JSON.stringify([
        [1, 4],
        [2, 5],
        [3, 6],
      ]),
      [a],
    ],
    [JSON.stringify([a, a]), [a, a]],
    [JSON.stringify([[a.slice(0, 3), a.slice(3)]]), [a]],
    [
      JSON.stringify([
        [
          [1, 4],
          [2, 5],
          [3, 6],
        ],
        [
          [1, 4],
          [2, 5],
          [3, 6],
        ],
      ]),
      [a, a],
    ],
  ];
  for (const [value, want] of cases) {
    const { matrices, parser, issues } = parse([`{"step": 1, "pred": ${value}}`]);
    assert.deepEqual(issues, [], value);
    assert.equal(parser.representation, '6d', value);
    assert.deepEqual(
      matrices.map((m) => m.values),
      want,
      value,
    );
  }
});

test('well-known names win over the first candidate; otherwise the first one', () => {
  const { parser } = parse([
    `{"step": 0, "gt": ${nested(I)}, "rotation": ${nested(M)}, "pred": ${nested(M)}}`,
  ]);
  assert.deepEqual((parser.resume.state as { matrixKey: string[] }).matrixKey, ['pred']);
  const other = parse([`{"step": 0, "a": {"b": ${nested(I)}}, "c": ${nested(M)}}`]);
  assert.deepEqual((other.parser.resume.state as { matrixKey: string[] }).matrixKey, ['a', 'b']);
  const forced = parse([`{"step": 0, "pred": ${nested(I)}, "six": [1, 2, 3, 4, 5, 6]}`], {
    representation: '6d',
  });
  assert.deepEqual((forced.parser.resume.state as { matrixKey: string[] }).matrixKey, ['six']);
});

test('options.key and options.stepKey (dotted) override detection', () => {
  const { matrices, parser } = parse(
    [`{"step": 1, "meta": {"global": 10}, "pred": ${nested(I)}, "target": ${nested(M)}}`],
    { key: 'target', stepKey: 'meta.global' },
  );
  assert.deepEqual(
    matrices.map((m) => [m.step, m.values]),
    [[10, M]],
  );
  assert.deepEqual(parser.resume.state, { matrixKey: ['target'], stepKey: ['meta', 'global'], width: 9 });
  const missing = parse([`{"step": 1, "pred": ${nested(I)}}`], { key: 'out.pred' });
  assert.deepEqual(
    missing.issues.map((i) => i.message),
    ['expected a matrix at `out.pred`, found no such key'],
  );
});

test('no step field: steps are record ordinals, blank lines not counted, bad lines counted', () => {
  const { matrices, parser, issues } = parse([
    `{"pred": ${nested(I)}}`,
    '',
    `{"pred": `,
    `{"pred": ${nested(M)}}`,
  ]);
  assert.equal(parser.stepSource, 'ordinal');
  assert.deepEqual(
    matrices.map((m) => [m.step, m.line]),
    [
      [0, 1],
      [2, 4],
    ],
  );
  assert.equal(issues.length, 1);
  assert.equal(parser.resume.records, 3);
});

test('records in another key order, with escaped strings and nested values, read the same', () => {
  const { matrices, issues } = parse([
    `{"step": 1, "pred": ${nested(I)}}`,
    `{"note": "a \\"quoted\\" {pred: [1]} \\\\", "pred": ${nested(M)}, "hist": [[1, [2, {"step": 9}]], {}], "step": 2}`,
    `{"cfg": {"step": 99, "pred": [1]}, "tag": "\\u00e9t\\u00e9 ünïcode", "pr\\u0065d": ${nested(I)}, "step": 3, "ok": true, "n": null}`,
  ]);
  assert.deepEqual(issues, []);
  assert.deepEqual(
    matrices.map((m) => [m.step, m.values]),
    [
      [1, I],
      [2, M],
      [3, I],
    ],
  );
});

test('bare NaN, Infinity and -Infinity are values', () => {
  const { matrices, issues } = parse([
    `{"step": 0, "pred": [[NaN, Infinity, -Infinity], [0, 1, 2], [1e-09, -0.0, 1.5e+20]]}`,
  ]);
  assert.deepEqual(issues, []);
  assert.deepEqual(matrices[0]!.values, [NaN, Infinity, -Infinity, 0, 1, 2, 1e-9, -0, 1.5e20]);
});

test('each kind of bad line is one issue saying what was expected and found; the rest is read', () => {
  const lines = [
    `{"step": 0, "pred": ${nested(I)}}`,
    `{"step": 1, "loss": 0.5}`,
    `{"step": 2, "pred": [[1, 0], [0, 1]]}`,
    `{"step": 3, "pred": [[1, 0, 0], [0, 1, null], [0, 0, 1]]}`,
    `{"step": "four", "pred": ${nested(I)}}`,
    `{"step": 5, "pred": ${nested(I)}} trailing`,
    `{"step": 6 "pred": ${nested(I)}}`,
    `{"step": 7, "pred": [1, 2, 3, 4, 5, 6]}`,
    `{"step": 8, "pred": [[1, 0, 0], [0, 1], [0, 0, 1]]}`,
    `{"step": 9, "pred": "eye(3)"}`,
    `[1, 2]`,
    `{"step": 11, "pred": [[1, 0, 0], [0, 1, 0], [0, 0, 1]}`,
    `{"pred": ${nested(I)}}`,
    `{"step": 13, "pred": ${nested(M)}}`,
  ];
  const { matrices, issues } = parse(lines);
  assert.deepEqual(
    matrices.map((m) => m.step),
    [0, 13],
  );
  assert.deepEqual(
    issues.map((i) => `${i.line}: ${i.message}`),
    [
      '2: expected a matrix at `pred`, found no such key',
      '3: expected a 3x3 matrix, a flat 9-list or a batch of them at `pred`, found a 2x2 array',
      '4: expected a number at `pred[1][2]`, found `null`',
      '5: expected a number at `step`, found `"four"`',
      '6: expected the end of the line after the record, found `trailing`',
      '7: expected `,` or `}` at column 12, found `"pred"`',
      '8: expected a 3x3 matrix, a flat 9-list or a batch of them at `pred`, found a list of 6 numbers',
      '9: expected a matrix at `pred`, found a ragged array',
      '10: expected an array at `pred`, found `"eye(3)"`',
      '11: expected `{` starting a record at column 1, found `[`',
      '12: expected `,` or `]` at column 54, found `}`',
      '13: expected a number at `step`, found no such key',
    ],
  );
  for (const issue of issues) assert.equal(issue.severity, 'error');
});

test('lines before the first matrix are warnings; detection waits for a record that has one', () => {
  const { matrices, issues, parser } = parse([
    `{"config": {"lr": 0.001}}`,
    `not json`,
    `{"step": 5, "R": ${nested(I)}}`,
  ]);
  assert.deepEqual(
    issues.map((i) => [i.line, i.severity, i.message]),
    [
      [
        1,
        'warning',
        'expected a record with a 3x3 matrix, a flat 9-list, a 6D prediction (6, 2x3, 3x2) or a batch of them, found none among the keys config',
      ],
      [2, 'error', 'expected a value at column 1, found `not`'],
    ],
  );
  assert.deepEqual(
    matrices.map((m) => m.step),
    [5],
  );
  assert.equal(parser.representation, '9d');
});

test('a line that is a bare matrix is a record too', () => {
  const { matrices, parser } = parse([nested(I), nested(M)]);
  assert.equal(parser.stepSource, 'ordinal');
  assert.deepEqual(
    matrices.map((m) => [m.step, m.values]),
    [
      [0, I],
      [1, M],
    ],
  );
});

test('a resumed parser keeps the detected width: a 6D record in a 9D log is an issue', () => {
  const first = parse([`{"step": 0, "pred": ${nested(I)}}`]);
  const resumed = createJsonlParser({}, first.parser.resume);
  const got = collect(
    resumed,
    encode(`{"step": 1, "pred": [1, 2, 3, 4, 5, 6]}\n{"step": 2, "pred": ${nested(M)}}\n`),
  );
  assert.deepEqual(
    got.matrices.map((m) => [m.step, m.line, m.offset]),
    [[2, 3, first.bytes.length + 40 + 20]],
  );
  assert.equal(got.issues[0]!.line, 2);
});

test('the scanner reads what JSON.parse reads, whatever else the record holds and in any key order', () => {
  const matrix = fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), {
    minLength: 9,
    maxLength: 9,
  });
  const decoy = fc.oneof(
    fc.jsonValue(),
    fc.constant({ pred: [[1, 2, 3]], step: 'x' }),
    fc.constant('"pred": [[0, 0, 0]], "step": 1'),
    fc.constant({ '"quoted" \\ key': [[1, 2], { step: null }] }),
  );
  fc.assert(
    fc.property(
      fc.dictionary(fc.string(), decoy, { maxKeys: 5 }),
      matrix,
      fc.integer({ min: 0, max: 1e9 }),
      fc.nat(),
      fc.nat(),
      (others, values, step, matrixAt, stepAt) => {
        delete others.pred;
        delete others.step;
        const entries = Object.entries(others);
        entries.splice(matrixAt % (entries.length + 1), 0, [
          'pred',
          [values.slice(0, 3), values.slice(3, 6), values.slice(6)],
        ]);
        entries.splice(stepAt % (entries.length + 1), 0, ['step', step]);
        const line = JSON.stringify(Object.fromEntries(entries));
        const { matrices, issues } = parse([line], { key: 'pred', stepKey: 'step' });
        assert.deepEqual(issues, []);
        assert.equal(matrices.length, 1);
        assert.deepEqual(
          matrices[0]!.values,
          values.map((v) => (Object.is(v, -0) ? 0 : v)),
          'JSON.stringify writes -0 as 0',
        );
        assert.equal(matrices[0]!.step, step);
      },
    ),
    { numRuns: 500 },
  );
});
