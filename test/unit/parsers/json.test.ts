import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createJsonParser, parseJsonArray } from '../../../src/parsers/json';
import { createJsonlParser } from '../../../src/parsers/jsonl';
import { collect, decode, encode, gather, type Collected } from './jsonlCollect';

const records = decode(new Uint8Array(readFileSync('test/fixtures/run.jsonl')))
  .split('\n')
  .filter((line, i) => line !== '' && i !== 10);

function read(text: string): Collected & ReturnType<typeof parseJsonArray> {
  const result = parseJsonArray(encode(text));
  const into: Collected = { matrices: [], issues: [] };
  gather(result, into);
  return { ...result, ...into };
}

test('an array of the run.jsonl records: same matrices, each on its own line', () => {
  const text = `[\n${records.join(',\n')}\n]\n`;
  const got = read(text);
  const lines = collect(createJsonlParser(), encode(records.join('\n') + '\n'));
  assert.deepEqual(got.issues, []);
  assert.equal(got.records, 24);
  assert.equal(got.representation, '9d');
  assert.equal(got.stepSource, 'logged');
  assert.deepEqual(
    got.matrices.map((m) => [m.step, m.values, m.line - 1]),
    lines.matrices.map((m) => [m.step, m.values, m.line]),
  );
  for (const m of got.matrices) assert.match(text.slice(m.offset, m.endOffset), /^\[\[[^\n]*\]\]$/);
});

test('a bad element is one issue and the next elements are still read', () => {
  const got = read(
    '[\n  {"step": 1, "pred": [1, 0, 0, 0, 1, 0, 0, 0, 1]},\n  {"step": 2, "pred": [[1, 2], [3, 4]]},\n' +
      '  {"step": 3, "pred": [1, 0, 0,\n   0, 1, 0,\n   0, 0, 1]}\n]',
  );
  assert.deepEqual(
    got.matrices.map((m) => [m.step, m.line, m.endLine]),
    [
      [1, 2, 2],
      [3, 4, 6],
    ],
  );
  assert.deepEqual(
    got.issues.map((i) => [i.line, i.message]),
    [[3, 'expected a 3x3 matrix, a flat 9-list or a batch of them at `pred`, found a 2x2 array']],
  );
});

test('a truncated file keeps the complete records and says where it ends', () => {
  const text = `[\n${records.slice(0, 3).join(',\n')}\n]\n`;
  for (const cut of [text.length - 3, text.length - 500, text.indexOf('\n', 2000) + 30]) {
    const got = read(text.slice(0, cut));
    const complete = records.slice(0, 3).filter((r) => text.indexOf(r) + r.length <= cut).length;
    assert.equal(got.matrices.length, 8 * complete, `cut ${cut}`);
    assert.equal(got.issues.length, 1, `cut ${cut}`);
    assert.match(got.issues[0]!.message, /found end of file/);
  }
});

test('one record as the whole file, and files that are not a JSON array', () => {
  assert.equal(read('{"R": [[1, 0, 0], [0, 1, 0], [0, 0, 1]]}').matrices.length, 1);
  assert.deepEqual(
    read('hello').issues.map((i) => [i.line, i.message]),
    [[1, 'expected `[` or `{` starting the file at column 1, found `hello`']],
  );
  assert.deepEqual(read('[]').issues, []);
  assert.deepEqual(
    read('[{"step": 1, "pred": [1, 0, 0, 0, 1, 0, 0, 0, 1]} {"step": 2}]').issues.map((i) => i.message),
    ['expected `,` or `]` at column 51, found `{`'],
  );
});

test('the stream parser buffers until the final flush', () => {
  const bytes = encode(`[\n${records.slice(0, 2).join(',\n')}\n]\n`);
  const parser = createJsonParser();
  for (let at = 0; at < bytes.length; at += 100)
    assert.equal(parser.push(bytes.subarray(at, at + 100)).block, undefined);
  assert.equal(parser.flush(false).block, undefined);
  assert.equal(parser.resume.offset, 0);
  const result = parser.flush(true);
  assert.equal(result.block!.count, 16);
  assert.equal(parser.representation, '9d');
  assert.equal(parser.resume.offset, bytes.length);
});
