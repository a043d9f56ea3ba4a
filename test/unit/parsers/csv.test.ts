import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { createCsvParser } from '../../../src/parsers/csv';
import type { ParserOptions } from '../../../src/parsers/types';
import { collect, decode, det3, encode, type Collected } from './jsonlCollect';

const runBytes = new Uint8Array(readFileSync('test/fixtures/run.csv'));
const expected = JSON.parse(readFileSync('test/fixtures/expected.json', 'utf8')) as {
  pred_9d: { per_matrix: { det: number }[][] };
  'run.csv': { matrices: number; steps: number };
};
const full = collect(createCsvParser(), runBytes);

function parse(text: string, options: ParserOptions = {}) {
  const parser = createCsvParser(options);
  return { ...collect(parser, encode(text)), parser };
}

test('run.csv: 192 matrices over 24 steps, values of the logged trajectory', () => {
  assert.deepEqual(full.issues, []);
  assert.equal(full.matrices.length, expected['run.csv'].matrices);
  assert.equal(new Set(full.matrices.map((m) => m.step)).size, expected['run.csv'].steps);
  full.matrices.forEach((m, i) => {
    assert.equal(m.step, Math.floor(i / 8) * 100);
    assert.equal(m.line, i + 2);
    const want = expected.pred_9d.per_matrix[m.step / 100]![i % 8]!.det;
    assert.ok(Math.abs(det3(m.values) - want) <= 1e-12 * Math.max(1, Math.abs(want)), `row ${i}`);
    assert.match(
      decode(runBytes.subarray(m.offset, m.endOffset)),
      new RegExp(`^${m.step},${i % 8},[^\\n]*[0-9]$`),
    );
  });
});

test('run.csv: every chunk size gives the same result, and resume from any row equals the tail', () => {
  for (const size of [1, 3, 17, 4096])
    assert.deepEqual(collect(createCsvParser(), runBytes, size), full, `chunk ${size}`);
  const starts: number[] = [];
  for (let i = 0; i < runBytes.length; i++) if (runBytes[i] === 10) starts.push(i + 1);
  for (const [k, offset] of starts.entries()) {
    const head = createCsvParser();
    head.push(runBytes.subarray(0, offset));
    const resume = head.resume;
    assert.equal(resume.offset, offset);
    const tail = collect(createCsvParser({}, resume), runBytes.subarray(offset));
    const want: Collected = { matrices: full.matrices.filter((m) => m.line > k + 1), issues: [] };
    assert.deepEqual(tail, want, `resume after line ${k + 1}`);
  }
});

test('truncation at any byte never throws and keeps every complete row', () => {
  const sample = runBytes.subarray(0, runBytes.indexOf(10, 3000) + 1);
  const whole = collect(createCsvParser(), sample);
  for (let cut = 0; cut <= sample.length; cut++) {
    const got = collect(createCsvParser(), sample.subarray(0, cut));
    const intact = whole.matrices.filter((m) => m.endOffset < cut);
    assert.deepEqual(got.matrices.slice(0, intact.length), intact, `cut ${cut}`);
  }
});

test('random corruption never throws and keeps the rows before it', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: runBytes.length - 1 }),
      fc.uint8Array({ minLength: 1, maxLength: 6 }),
      (at, junk) => {
        const bytes = new Uint8Array(runBytes.length + junk.length);
        bytes.set(runBytes.subarray(0, at));
        bytes.set(junk, at);
        bytes.set(runBytes.subarray(at), at + junk.length);
        const got = collect(createCsvParser(), bytes, 1 + (at % 331));
        const firstDamagedLine = decode(runBytes.subarray(0, at)).split('\n').length;
        // A quote in the junk may swallow later rows; rows before the damage always stay.
        assert.deepEqual(
          got.matrices.filter((m) => m.line < firstDamagedLine),
          full.matrices.filter((m) => m.line < firstDamagedLine),
        );
      },
    ),
    { numRuns: 200 },
  );
});

test('TSV, semicolons, pipes and whitespace (np.savetxt with a # header) are sniffed', () => {
  const rows = (sep: string) =>
    ['step', 'm00', 'm01', 'm02', 'm10', 'm11', 'm12', 'm20', 'm21', 'm22'].join(sep) +
    '\n' +
    ['7', '1', '0', '0', '0', '1', '0', '0', '0', '1'].join(sep) +
    '\n';
  for (const sep of ['\t', ';', '|', ' ', '  ']) {
    const { matrices, issues } = parse(rows(sep));
    assert.deepEqual(issues, [], JSON.stringify(sep));
    assert.deepEqual(
      matrices.map((m) => [m.step, m.values]),
      [[7, [1, 0, 0, 0, 1, 0, 0, 0, 1]]],
    );
  }
  const savetxt = parse(
    '# step r11 r12 r13 r21 r22 r23 r31 r32 r33\n# a comment\n1.000000000000000000e+00 2 3 4 5 6 7 8 9 10\n',
  );
  assert.deepEqual(savetxt.issues, []);
  assert.deepEqual(
    savetxt.matrices.map((m) => [m.step, m.values]),
    [[1, [2, 3, 4, 5, 6, 7, 8, 9, 10]]],
  );
});

test('quoted fields with "" escapes and newlines, CRLF, spaces around cells', () => {
  const text =
    '"step","note","R_0_0","R_0_1","R_0_2","R_1_0","R_1_1","R_1_2","R_2_0","R_2_1","R_2_2"\r\n' +
    '1,"a, ""quoted"" note",1,0,0,0,1,0,0,0,1\r\n' +
    '2,"two\r\nlines", 1 ,"2",3,4,5,6,7,8,9\r\n' +
    '\r\n' +
    '3,,9,8,7,6,5,4,3,2,1\r\n';
  for (const size of [1, 2, 5, 1000]) {
    const got = collect(createCsvParser(), encode(text), size);
    assert.deepEqual(got.issues, [], `chunk ${size}`);
    assert.deepEqual(
      got.matrices.map((m) => [m.step, m.line, m.endLine, m.values]),
      [
        [1, 2, 2, [1, 0, 0, 0, 1, 0, 0, 0, 1]],
        [2, 3, 4, [1, 2, 3, 4, 5, 6, 7, 8, 9]],
        [3, 6, 6, [9, 8, 7, 6, 5, 4, 3, 2, 1]],
      ],
      `chunk ${size}`,
    );
  }
});

test('column name forms: R[0][0], "rot(0,1)", m0..m8, rot_1..rot_9, case-insensitive, any order', () => {
  const values = [1, 2, 3, 4, 5, 6, 7, 8, 9];
  const forms: string[][] = [
    ['R[0][0]', 'R[0][1]', 'R[0][2]', 'R[1][0]', 'R[1][1]', 'R[1][2]', 'R[2][0]', 'R[2][1]', 'R[2][2]'],
    [
      'rot(0,0)',
      'rot(0,1)',
      'rot(0,2)',
      'rot(1,0)',
      'rot(1,1)',
      'rot(1,2)',
      'rot(2,0)',
      'rot(2,1)',
      'rot(2,2)',
    ],
    ['M0', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'M8'],
    ['rot_1', 'rot_2', 'rot_3', 'rot_4', 'rot_5', 'rot_6', 'rot_7', 'rot_8', 'rot_9'],
  ];
  for (const names of forms) {
    // Columns written in reverse order must still land row-major.
    const header = ['iteration', ...[...names].reverse().map((n) => (n.includes(',') ? `"${n}"` : n))].join(
      ',',
    );
    const row = ['5', ...[...values].reverse()].join(',');
    const { matrices, issues, parser } = parse(`${header}\n${row}\n`);
    assert.deepEqual(issues, [], names[0]);
    assert.deepEqual(matrices[0]!.values, values, names[0]);
    assert.equal(matrices[0]!.step, 5);
    assert.equal(parser.stepSource, 'logged');
  }
});

test('6D columns: a1_x..a2_z, a1_0..a2_2 and a 3x2 grid give a1 then a2', () => {
  const a = [1, 2, 3, 4, 5, 6];
  const named = parse(`step,a1_x,a1_y,a1_z,a2_x,a2_y,a2_z\n0,${a.join(',')}\n`);
  assert.equal(named.parser.representation, '6d');
  assert.deepEqual(named.matrices[0]!.values, a);
  const indexed = parse(`a2_0,a2_1,a2_2,a1_0,a1_1,a1_2\n4,5,6,1,2,3\n`);
  assert.deepEqual(indexed.matrices[0]!.values, a);
  assert.equal(indexed.parser.stepSource, 'ordinal');
  const grid = parse(`m00,m01,m10,m11,m20,m21\n1,4,2,5,3,6\n`);
  assert.deepEqual(grid.matrices[0]!.values, a);
});

test('several matrices in one header: the prediction wins; options.columns and stepKey override', () => {
  const names = (p: string) => [0, 1, 2].flatMap((i) => [0, 1, 2].map((j) => `${p}_${i}${j}`));
  const header = ['epoch', 'batch', ...names('gt'), ...names('pred')].join(',');
  const row = ['1', '3', ...Array(9).fill('0'), ...[1, 2, 3, 4, 5, 6, 7, 8, 9]].join(',');
  const auto = parse(`${header}\n${row}\n`);
  assert.deepEqual(auto.matrices[0]!.values, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.equal(auto.matrices[0]!.step, 1);
  const chosen = parse(`${header}\n${row}\n`, { columns: names('GT'), stepKey: 'batch' });
  assert.deepEqual(chosen.matrices[0]!.values, Array(9).fill(0));
  assert.equal(chosen.matrices[0]!.step, 3);
  const wrong = parse(`${header}\n${row}\n`, { columns: ['x', ...names('gt').slice(1)] });
  assert.deepEqual(
    wrong.issues.map((i) => [i.line, i.message]),
    [[1, `expected the columns x in the header, found ${header.split(',').slice(0, 12).join(', ')}, …`]],
  );
});

test('bad rows are issues naming the column and what was found; nan and inf are values', () => {
  const header = 'step,m00,m01,m02,m10,m11,m12,m20,m21,m22';
  const { matrices, issues } = parse(
    [
      header,
      '0,1,0,0,0,1,0,0,0,1',
      '1,1,0,0,0,x1,0,0,0,1',
      '2,1,0,0,0,1',
      '3,1,,0,0,1,0,0,0,1',
      'four,1,0,0,0,1,0,0,0,1',
      '5,nan,inf,-inf,NaN,Infinity,0,0,0,1',
      '',
    ].join('\n'),
  );
  assert.deepEqual(
    matrices.map((m) => [m.step, m.line]),
    [
      [0, 2],
      [5, 7],
    ],
  );
  assert.deepEqual(matrices[1]!.values, [NaN, Infinity, -Infinity, NaN, Infinity, 0, 0, 0, 1]);
  assert.deepEqual(
    issues.map((i) => `${i.line}: ${i.message}`),
    [
      '3: expected a number in column m11, found `x1`',
      '4: expected a number in column m12, found no cell (the row has 6 cells)',
      '5: expected a number in column m01, found an empty cell',
      '6: expected a number in column step, found `four`',
    ],
  );
});

test('no header naming matrix columns: one clear issue', () => {
  const { matrices, issues } = parse('a,b,c\n1,2,3\n4,5,6\n');
  assert.equal(matrices.length, 0);
  assert.deepEqual(
    issues.map((i) => [i.line, i.message]),
    [[1, 'expected a header naming 9 (or 6) matrix columns such as m00..m22, found a, b, c']],
  );
});

test('an unterminated quote at the end is held back, then reported at the final flush', () => {
  const text = 'step,m0,m1,m2,m3,m4,m5,m6,m7,m8\n1,1,0,0,0,1,0,0,0,1\n2,"1\n';
  const held = createCsvParser();
  const partial = collect(held, encode(text), 7, false);
  assert.equal(partial.matrices.length, 1);
  assert.deepEqual(partial.issues, []);
  assert.equal(held.resume.offset, text.indexOf('2,"1'));
  const final = parse(text);
  assert.deepEqual(
    final.issues.map((i) => [i.line, i.message]),
    [[3, 'expected a closing quote, found end of file (truncated?)']],
  );
});

test('a TSV file is split on tabs even when its column names hold commas; a BOM is skipped', () => {
  const names = [0, 1, 2].flatMap((i) => [0, 1, 2].map((j) => `R[${i},${j}]`));
  const text = `\ufeffstep\t${names.join('\t')}\n3\t1\t0\t0\t0\t1\t0\t0\t0\t1\n`;
  const parser = createCsvParser({}, undefined, 'tsv');
  const got = collect(parser, encode(text));
  assert.deepEqual(got.issues, []);
  assert.deepEqual(
    got.matrices.map((m) => [m.step, m.values]),
    [[3, [1, 0, 0, 0, 1, 0, 0, 0, 1]]],
  );
  assert.equal(parser.format, 'tsv');
});

test('quotes: literal inside an unquoted cell; a multi-line cell after a bad one or past the header', () => {
  const header = 'step,m0,m1,m2,m3,m4,m5,m6,m7,m8,note';
  const text = [
    header,
    '1,1,0,0,0,1,0,0,0,1,say 5" apart',
    '2,x,0,0,0,1,0,0,0,1,"spans',
    'two lines"',
    '3,1,0,0,0,1,0,0,0,1,ok,"extra',
    'cell"',
    '4,1,0,0,0,1,0,0,0,1,',
    '',
  ].join('\n');
  for (const size of [1, 4, 1000]) {
    const got = collect(createCsvParser(), encode(text), size);
    assert.deepEqual(
      got.matrices.map((m) => [m.step, m.line, m.endLine]),
      [
        [1, 2, 2],
        [3, 5, 6],
        [4, 7, 7],
      ],
      `chunk ${size}`,
    );
    assert.deepEqual(
      got.issues.map((i) => [i.line, i.message]),
      [[3, 'expected a number in column m0, found `x`']],
      `chunk ${size}`,
    );
  }
});

test('a huge header of look-alike names is read without trouble', () => {
  const names = Array.from({ length: 20000 }, () => 'a1');
  const { matrices, issues } = parse(`${names.join(',')}\n${names.map(() => '1').join(',')}\n`);
  assert.equal(matrices.length, 0);
  assert.equal(issues.length, 1);
  assert.match(issues[0]!.message, /^expected a header naming 9 \(or 6\) matrix columns/);
});

test('rows read whole (fast path) and byte by byte (careful path) give the same result', () => {
  // Mostly clean numeric rows (the fast path's case), with now and then a cell it must leave alone.
  const cell = fc.oneof(
    { arbitrary: fc.double({ noNaN: true }).map(String), weight: 60 },
    {
      arbitrary: fc.constantFrom(
        '',
        ' 1 ',
        '"2"',
        'x',
        'nan',
        '-inf',
        '"a\nb"',
        '#',
        '1e5',
        '"q""q"',
        '3 4',
        '\r',
      ),
      weight: 1,
    },
  );
  const row = fc
    .tuple(fc.array(cell, { minLength: 11, maxLength: 11 }), fc.nat(20))
    .map(([cells, cut]) => cells.slice(0, cut < 17 ? 11 : cut - 6).join(','));
  fc.assert(
    fc.property(fc.array(row, { maxLength: 12 }), fc.boolean(), (rows, crlf) => {
      const header = 'step,m00,m01,m02,m10,m11,m12,m20,m21,m22,note';
      const text = [header, ...rows, ''].join(crlf ? '\r\n' : '\n');
      const bytes = encode(text);
      assert.deepEqual(collect(createCsvParser(), bytes), collect(createCsvParser(), bytes, 1));
    }),
    { numRuns: 300 },
  );
});
