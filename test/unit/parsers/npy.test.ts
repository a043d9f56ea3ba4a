import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  createNpyParser,
  npyResumeAt,
  npySlabs,
  readNpyHeader,
  type NpyHeader,
} from '../../../src/parsers/npy';
import type {
  MatrixBlock,
  ParseIssue,
  ParserOptions,
  ResumePoint,
  StreamParser,
} from '../../../src/parsers/types';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(`test/fixtures/${name}`));

interface Parsed {
  count: number;
  values: number[];
  step: number[];
  offset: number[];
  endOffset: number[];
  issues: ParseIssue[];
}

function collect(parser: StreamParser, chunks: Iterable<Uint8Array>, final = true): Parsed {
  const out: Parsed = { count: 0, values: [], step: [], offset: [], endOffset: [], issues: [] };
  const take = (block: MatrixBlock | undefined, issues: ParseIssue[]): void => {
    out.issues.push(...issues);
    if (block === undefined) return;
    assert.equal(block.values.length, block.count * block.width);
    assert.ok(block.line.every((n) => n === 0) && block.endLine.every((n) => n === 0));
    out.count += block.count;
    out.values.push(...block.values);
    out.step.push(...block.step);
    out.offset.push(...block.offset);
    out.endOffset.push(...block.endOffset);
  };
  for (const chunk of chunks) {
    const result = parser.push(chunk);
    take(result.block, result.issues);
  }
  const flushed = parser.flush(final);
  take(flushed.block, flushed.issues);
  return out;
}

function* chunked(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, Math.min(bytes.length, at + size));
}

function parse(bytes: Uint8Array, chunkSize = bytes.length || 1, options: ParserOptions = {}): Parsed {
  return collect(createNpyParser(options), chunked(bytes, chunkSize));
}

function headerOf(bytes: Uint8Array): NpyHeader {
  const header = readNpyHeader(bytes);
  if ('error' in header) assert.fail(header.error);
  return header;
}

/** The same bytes at a byte offset of 1 in their buffer: every typed-array view is then misaligned. */
function misaligned(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes.length + 1);
  copy.set(bytes, 1);
  return copy.subarray(1);
}

const reference = parse(fixture('pred_9d_f64_flat.npy'));
const expected = JSON.parse(readFileSync('test/fixtures/expected.json', 'utf8')) as {
  pred_9d: { per_matrix: Array<Array<{ det: number }>> };
};

function det(v: number[], i: number): number {
  const m = v.slice(9 * i, 9 * i + 9) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return (
    m[0] * (m[4] * m[8] - m[5] * m[7]) -
    m[1] * (m[3] * m[8] - m[5] * m[6]) +
    m[2] * (m[3] * m[7] - m[4] * m[6])
  );
}

function assertClose(actual: number[], wanted: number[], relative: number, what: string): void {
  assert.equal(actual.length, wanted.length, what);
  for (let i = 0; i < wanted.length; i++) {
    const a = actual[i] as number;
    const w = wanted[i] as number;
    if (!(Math.abs(a - w) <= relative * Math.max(1, Math.abs(w)))) assert.fail(`${what}[${i}]: ${a} vs ${w}`);
  }
}

const f32 = (values: number[]): number[] => Array.from(new Float32Array(values));
const sixD = (values9: number[]): number[] => {
  const out: number[] = [];
  for (let i = 0; i < values9.length; i += 9) {
    const m = values9.slice(i, i + 9);
    out.push(m[0] as number, m[3] as number, m[6] as number, m[1] as number, m[4] as number, m[7] as number);
  }
  return out;
};
const range = (n: number, f: (i: number) => number = (i) => i): number[] =>
  Array.from({ length: n }, (_, i) => f(i));

test('the float64 fixture holds the matrices NumPy analysed (det of every matrix)', () => {
  assert.equal(reference.count, 192);
  assert.deepEqual(reference.issues, []);
  const dets = expected.pred_9d.per_matrix.flat().map((m) => m.det);
  assertClose(
    range(192, (i) => det(reference.values, i)),
    dets,
    1e-12,
    'det',
  );
  assert.deepEqual(reference.step, range(192));
  assert.deepEqual(
    reference.offset,
    range(192, (i) => 128 + 72 * i),
  );
  assert.deepEqual(
    reference.endOffset,
    range(192, (i) => 200 + 72 * i),
  );
});

test('float64 files agree exactly: flat rows, Fortran order, big-endian, 5-D, Fortran 4-D', () => {
  for (const name of [
    'pred_9d_fortran.npy',
    'pred_9d_bigendian.npy',
    'npy/pred_5d.npy',
    'npy/pred_fortran_4d.npy',
  ]) {
    const parsed = parse(fixture(name));
    assert.deepEqual(parsed.issues, [], name);
    assert.deepEqual(parsed.values, reference.values, name);
  }
  assert.deepEqual(parse(fixture('pred_9d_fortran.npy')).step, range(192));
  assert.deepEqual(
    parse(fixture('npy/pred_5d.npy')).step,
    range(192, (i) => Math.floor(i / 48)),
  );
  assert.deepEqual(
    parse(fixture('npy/pred_fortran_4d.npy')).step,
    range(192, (i) => Math.floor(i / 8)),
  );
});

test('big-endian float64 in Fortran order (header rewritten, every element byte-swapped)', () => {
  const bytes = fixture('pred_9d_fortran.npy').slice();
  const header = headerOf(bytes);
  const descr = new TextDecoder().decode(bytes.subarray(0, header.dataOffset)).indexOf('<f8');
  bytes[descr] = '>'.charCodeAt(0);
  for (let at = header.dataOffset; at < bytes.length; at += 8) bytes.subarray(at, at + 8).reverse();
  assert.equal(headerOf(bytes).littleEndian, false);
  for (const size of [7, bytes.length]) assert.deepEqual(parse(bytes, size).values, reference.values);
});

test('float32 files equal the float64 run rounded to float32, steps along the first axis', () => {
  const rounded = f32(reference.values);
  for (const name of [
    'pred_9d_f32.npy',
    'npy/pred_v2.npy',
    'npy/pred_v3.npy',
    'npy/pred_f32_bigendian.npy',
  ]) {
    const parsed = parse(fixture(name));
    assert.deepEqual(parsed.issues, [], name);
    assert.deepEqual(parsed.values, rounded, name);
    assert.deepEqual(
      parsed.step,
      range(192, (i) => Math.floor(i / 8)),
      name,
    );
    assertClose(parsed.values, reference.values, 1e-6, name);
  }
  const flat = parse(fixture('npy/pred_flat_f32.npy'));
  assert.deepEqual(flat.values, rounded);
  assert.deepEqual(flat.step, range(192));
});

test('float16 files, both byte orders, decode to the run within half precision', () => {
  const little = parse(fixture('npy/pred_f16.npy'));
  const big = parse(fixture('npy/pred_f16_bigendian.npy'));
  const bigFortran = parse(fixture('npy/pred_fortran_f16_bigendian.npy'));
  assert.deepEqual(little.issues, []);
  assert.deepEqual(big.values, little.values);
  assert.deepEqual(bigFortran.issues, []);
  assert.deepEqual(bigFortran.values, little.values);
  assert.deepEqual(bigFortran.step, little.step);
  for (let i = 0; i < reference.values.length; i++) {
    const w = reference.values[i] as number;
    const a = little.values[i] as number;
    if (!(Math.abs(a - w) <= 2 ** -11 * Math.abs(w) + 2 ** -24)) assert.fail(`element ${i}: ${a} vs ${w}`);
  }
  assert.deepEqual(little.offset.slice(0, 2), [128, 146]);
});

test('6D layouts: (..., 6), (..., 3, 2) columns and (..., 2, 3) rows all give a1 then a2', () => {
  const six = parse(fixture('pred_6d.npy'));
  assert.deepEqual(six.issues, []);
  assert.equal(six.count, 192);
  assert.deepEqual(six.values, f32(sixD(reference.values)));
  for (const name of ['npy/pred_6d_3x2.npy', 'npy/pred_6d_2x3.npy', 'npy/pred_6d_3x2_fortran.npy']) {
    const parsed = parse(fixture(name));
    assert.deepEqual(parsed.issues, [], name);
    assert.deepEqual(parsed.values, six.values, name);
    assert.deepEqual(parsed.step, six.step, name);
  }
  const parser = createNpyParser();
  parser.push(fixture('npy/pred_6d_3x2.npy'));
  assert.equal(parser.representation, '6d');
  assert.equal(parser.stepSource, 'ordinal');
});

test('a single matrix with no leading axes is step 0', () => {
  const single = parse(fixture('npy/single.npy'));
  assert.equal(single.count, 1);
  assert.deepEqual(single.step, [0]);
  assert.deepEqual(single.values, reference.values.slice(0, 9));
});

const allFixtures = [
  'pred_9d_f32.npy',
  'pred_9d_f64_flat.npy',
  'pred_9d_fortran.npy',
  'pred_9d_bigendian.npy',
  'pred_6d.npy',
  'npy/pred_v2.npy',
  'npy/pred_v3.npy',
  'npy/pred_f16.npy',
  'npy/pred_f16_bigendian.npy',
  'npy/pred_f32_bigendian.npy',
  'npy/pred_flat_f32.npy',
  'npy/pred_6d_3x2.npy',
  'npy/pred_6d_2x3.npy',
  'npy/pred_6d_3x2_fortran.npy',
  'npy/pred_fortran_4d.npy',
  'npy/pred_fortran_f16_bigendian.npy',
  'npy/pred_5d.npy',
  'npy/single.npy',
];

test('every chunk size, aligned or not, gives the same block', () => {
  for (const name of allFixtures) {
    const bytes = fixture(name);
    const whole = parse(bytes);
    assert.deepEqual(whole.issues, [], name);
    for (const size of [1, 7, 64, 4096])
      assert.deepEqual(parse(bytes, size), whole, `${name} in chunks of ${size}`);
    assert.deepEqual(parse(misaligned(bytes)), whole, `${name} misaligned`);
    assert.deepEqual(parse(misaligned(bytes), 100), whole, `${name} misaligned, chunks of 100`);
  }
});

test('C order streams: each push returns the matrices complete in it', () => {
  const bytes = fixture('pred_9d_f32.npy');
  const parser = createNpyParser();
  assert.equal(parser.push(bytes.subarray(0, 128)).block, undefined);
  assert.equal(parser.push(bytes.subarray(128, 128 + 36 * 3 + 5)).block?.count, 3);
  assert.equal(parser.push(bytes.subarray(128 + 36 * 3 + 5, 128 + 36 * 4)).block?.count, 1);
  assert.deepEqual(parser.resume.records, 4);
  assert.equal(parser.resume.offset, 128 + 36 * 4);
});

test('truncation at every byte offset never throws and keeps every complete matrix before the cut', () => {
  for (const name of ['pred_6d.npy', 'npy/pred_f16_bigendian.npy', 'npy/single.npy']) {
    const bytes = fixture(name);
    const header = headerOf(bytes);
    const full = parse(bytes);
    for (let cut = 0; cut < bytes.length; cut++) {
      const parsed = parse(bytes.subarray(0, cut), 509);
      const complete =
        cut < header.dataOffset ? 0 : Math.floor((cut - header.dataOffset) / header.matrixBytes);
      assert.equal(parsed.count, complete, `${name} cut at ${cut}`);
      assert.equal(parsed.values.length, complete * header.width);
      if (!parsed.values.every((v, i) => Object.is(v, full.values[i])))
        assert.fail(`${name} cut at ${cut}: values differ`);
      assert.equal(parsed.issues.length, 1, `${name} cut at ${cut}: ${JSON.stringify(parsed.issues)}`);
      assert.equal(parsed.issues[0]?.severity, 'error');
    }
  }
});

test('the truncation issue says what was expected and where the data stopped', () => {
  const bytes = fixture('pred_9d_f32.npy');
  const cut = parse(bytes.subarray(0, 128 + 36 * 5 + 10));
  assert.deepEqual(cut.issues, [
    {
      severity: 'error',
      message:
        'the data ends early: expected 192 matrices of 36 bytes from byte offset 128, found 5 whole matrices and 10 bytes of matrix 5 at byte offset 308',
      offset: 308,
    },
  ]);
  assert.match(
    parse(bytes.subarray(0, 60)).issues[0]?.message ?? '',
    /ends inside the .npy header: expected 118 header bytes/,
  );
  assert.match(parse(new Uint8Array(0)).issues[0]?.message ?? '', /the file is empty/);
});

test('Fortran order truncated: the matrices whose elements all arrived, and one issue', () => {
  const bytes = fixture('pred_9d_fortran.npy');
  const full = parse(bytes);
  // Element (i, r, c) of the (192, 3, 3) array sits at i + 192 * (3r + c): matrix i is complete once element i + 192 * 8 is in.
  for (const cut of [128, 128 + 8 * 192 * 8, 128 + 8 * (192 * 8 + 50) + 3, bytes.length - 1]) {
    const parsed = parse(bytes.subarray(0, cut), 999);
    const elements = Math.floor((cut - 128) / 8);
    const complete = Math.max(0, Math.min(192, elements - 192 * 8));
    assert.equal(parsed.count, complete, `cut at ${cut}`);
    assert.deepEqual(parsed.values, full.values.slice(0, 9 * complete));
    assert.equal(parsed.issues.length, 1);
    assert.match(
      parsed.issues[0]?.message ?? '',
      new RegExp(`found ${cut - 128}; ${complete} of 192 matrices are complete`),
    );
  }
});

test('flush(false) holds back a partial matrix; the resume point continues the parse exactly', () => {
  const bytes = fixture('pred_9d_bigendian.npy');
  const full = parse(bytes);
  for (const cut of [0, 5, 127, 128, 129, 128 + 72 * 10 + 33, bytes.length - 1]) {
    const first = createNpyParser();
    const head = collect(first, [bytes.subarray(0, cut)], false);
    assert.deepEqual(head.issues, [], `cut at ${cut}`);
    const resume = structuredClone(first.resume) as ResumePoint;
    const restarted = createNpyParser({}, resume);
    const tail = collect(restarted, chunked(bytes.subarray(resume.offset), 50));
    assert.deepEqual(tail.issues, []);
    assert.deepEqual([...head.values, ...tail.values], full.values, `cut at ${cut}`);
    assert.deepEqual([...head.step, ...tail.step], full.step);
    assert.deepEqual([...head.offset, ...tail.offset], full.offset);
  }
});

test('slabs from matrix-aligned resume points equal the corresponding part of a full parse', () => {
  for (const name of ['pred_9d_f32.npy', 'npy/pred_5d.npy', 'npy/pred_6d_3x2.npy', 'npy/pred_f16.npy']) {
    const bytes = fixture(name);
    const header = headerOf(bytes);
    const full = parse(bytes);
    const slabs = npySlabs(header, 5);
    assert.equal(slabs.length, 5);
    assert.equal(slabs[0]?.start, header.dataOffset);
    assert.equal(slabs.at(-1)?.end, header.dataOffset + header.dataBytes);
    const merged: Parsed = { count: 0, values: [], step: [], offset: [], endOffset: [], issues: [] };
    for (const slab of slabs) {
      // The worker gets a structured clone of the resume point and may read a little past its slab.
      const parser = createNpyParser({}, structuredClone(slab.resume));
      const part = collect(parser, chunked(bytes.subarray(slab.start, slab.end + 40), 77));
      assert.deepEqual(part.issues, [], `${name} slab at ${slab.start}`);
      const first = (slab.start - header.dataOffset) / header.matrixBytes;
      const last = (slab.end - header.dataOffset) / header.matrixBytes;
      assert.deepEqual(part.step, full.step.slice(first, last));
      assert.equal(parser.resume.offset, slab.end);
      merged.count += part.count;
      merged.values.push(...part.values);
      merged.step.push(...part.step);
      merged.offset.push(...part.offset);
      merged.endOffset.push(...part.endOffset);
    }
    assert.deepEqual(merged, full, name);
  }
  const header = headerOf(fixture('npy/single.npy'));
  assert.equal(npySlabs(header, 8).length, 1);
  const fortran = headerOf(fixture('pred_9d_fortran.npy'));
  assert.deepEqual(
    npySlabs(fortran, 4).map((slab) => [slab.start, slab.end]),
    [[128, 128 + 13824]],
  );
});

test('Fortran order: flush(false) holds everything back; a restart from the resume point reads it all', () => {
  const bytes = fixture('npy/pred_fortran_4d.npy');
  const full = parse(bytes);
  const first = createNpyParser();
  const head = collect(first, chunked(bytes.subarray(0, 5000), 333), false);
  assert.deepEqual([head.count, head.issues.length], [0, 0]);
  assert.equal(first.resume.offset, 128);
  const restarted = createNpyParser({}, structuredClone(first.resume));
  assert.deepEqual(collect(restarted, chunked(bytes.subarray(128), 1000)), full);
  assert.equal(restarted.resume.offset, bytes.length);
  assert.equal(restarted.resume.records, 192);
});

test('a slab cut short reports the truncation relative to its own end', () => {
  const bytes = fixture('pred_9d_f32.npy');
  const header = headerOf(bytes);
  const parser = createNpyParser({}, npyResumeAt(header, 10, 20));
  const parsed = collect(parser, [bytes.subarray(128 + 36 * 10, 128 + 36 * 15)]);
  assert.equal(parsed.count, 5);
  assert.match(parsed.issues[0]?.message ?? '', /expected 20 matrices .* found 15 whole matrices/);
});

test('a resume point that is not on a matrix boundary, or carries no header, is one issue', () => {
  const header = headerOf(fixture('pred_9d_f32.npy'));
  const off = { ...npyResumeAt(header, 3), offset: 128 + 36 * 3 + 1 };
  assert.match(
    collect(createNpyParser({}, off), [new Uint8Array(100)]).issues[0]?.message ?? '',
    /cannot resume at byte offset 237: expected a matrix boundary/,
  );
  const noState = collect(
    createNpyParser({}, { offset: 500, line: 0, records: 3, state: { kind: 'jsonl' } }),
    [new Uint8Array(10)],
  );
  assert.equal(noState.issues.length, 1);
  assert.match(noState.issues[0]?.message ?? '', /carries no .npy header/);
  const fortran = headerOf(fixture('pred_9d_fortran.npy'));
  const mid = collect(createNpyParser({}, npyResumeAt(fortran, 5)), [new Uint8Array(100)]);
  assert.match(mid.issues[0]?.message ?? '', /Fortran-order data at matrix 5/);
  assert.equal(collect(createNpyParser({}, npyResumeAt(header, 192)), []).issues.length, 0);
});

test('bytes after the data section are a warning; the matrices are kept', () => {
  const bytes = fixture('npy/single.npy');
  const longer = new Uint8Array(bytes.length + 5);
  longer.set(bytes);
  for (const size of [1, 1000]) {
    const parsed = parse(longer, size);
    assert.equal(parsed.count, 1);
    assert.deepEqual(parsed.issues, [
      {
        severity: 'warning',
        message:
          'expected the file to end after the data section at byte offset 200; found 5 more bytes, ignored',
        offset: 200,
      },
    ]);
  }
});

test('an unreadable header is one issue in the push that found it, and nothing after', () => {
  const bytes = fixture('pred_9d_f32.npy').slice();
  bytes[3] = 0;
  const parser = createNpyParser();
  const first = parser.push(bytes.subarray(0, 20));
  assert.equal(first.issues.length, 1);
  assert.equal(first.issues[0]?.offset, 3);
  assert.deepEqual(parser.push(bytes.subarray(20)).issues, []);
  assert.deepEqual(parser.flush(true).issues, []);
  assert.equal(parser.representation, undefined);
  const forced = parse(fixture('pred_6d.npy'), 4096, { representation: '9d' });
  assert.equal(forced.count, 0);
  assert.match(forced.issues[0]?.message ?? '', /representation 9d was asked for/);
});

test('random corruption never throws; damage to the data keeps every matrix, and those before it intact', () => {
  const originals = [
    fixture('npy/single.npy'),
    fixture('pred_6d.npy'),
    fixture('npy/pred_6d_3x2_fortran.npy'),
  ];
  const intact = originals.map((bytes) => parse(bytes));
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: originals.length - 1 }),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
      fc.integer({ min: 1, max: 300 }),
      fc.boolean(),
      (which, edits, chunkSize, dataOnly) => {
        const original = originals[which] as Uint8Array;
        const header = headerOf(original);
        const dataBytes = original.length - header.dataOffset;
        const bytes = original.slice();
        const touched = edits.map(([at, value]) => {
          const offset = dataOnly ? header.dataOffset + (at % dataBytes) : at % bytes.length;
          bytes[offset] = value;
          return offset;
        });
        const parsed = parse(bytes, chunkSize);
        for (const issue of parsed.issues)
          assert.ok(issue.message.length > 0 && typeof issue.offset === 'number');
        const damaged = readNpyHeader(bytes);
        if ('error' in damaged) assert.equal(parsed.count, 0);
        else assert.ok(parsed.count <= damaged.matrices);
        if (!dataOnly) return;
        // Any bytes are valid floats: every matrix is still read, and a C-order matrix before the first damaged byte is unchanged.
        const full = intact[which] as Parsed;
        assert.equal(parsed.count, full.count);
        assert.deepEqual(parsed.issues, []);
        if (header.fortranOrder) return;
        const before =
          Math.floor((Math.min(...touched) - header.dataOffset) / header.matrixBytes) * header.width;
        assert.deepEqual(parsed.values.slice(0, before), full.values.slice(0, before));
      },
    ),
    { numRuns: 300, seed: 3 },
  );
});

test('random header text never throws', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 120 }), (text) => {
      const dict = new TextEncoder().encode(text);
      const bytes = new Uint8Array(10 + dict.length);
      bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, dict.length & 0xff, dict.length >> 8]);
      bytes.set(dict, 10);
      const parsed = parse(bytes, 3);
      assert.equal(parsed.count, 0);
      assert.ok(parsed.issues.length <= 1);
    }),
    { numRuns: 300, seed: 7 },
  );
});
