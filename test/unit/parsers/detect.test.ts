import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createParser, detectFormat } from '../../../src/parsers/detect';
import type { LogFormat } from '../../../src/parsers/types';
import { encode } from './jsonlCollect';

const head = (path: string) => new Uint8Array(readFileSync(path)).subarray(0, 4096);

test('the fixtures are recognised by content, whatever their name', () => {
  const cases: [string, LogFormat][] = [
    ['test/fixtures/pred_9d_f32.npy', 'npy'],
    ['test/fixtures/run.npz', 'npz'],
    ['test/fixtures/run.jsonl', 'jsonl'],
    ['test/fixtures/run.csv', 'csv'],
    ['test/fixtures/printed.log', 'text'],
    ['test/fixtures/jsonl/pretty_array.json', 'json'],
    ['test/fixtures/csv/sixd_no_step.tsv', 'tsv'],
    ['test/fixtures/csv/semicolon_quoted.csv', 'csv'],
  ];
  for (const [path, format] of cases) {
    assert.equal(detectFormat(path, head(path)), format, path);
    assert.equal(detectFormat('renamed.bin', head(path)), format, `${path} renamed`);
  }
});

test('JSON or JSONL from the first line', () => {
  const record = '{"step": 0, "pred": [1, 0, 0, 0, 1, 0, 0, 0, 1]}';
  assert.equal(detectFormat('a.log', encode(`${record}\n${record}\n`)), 'jsonl');
  assert.equal(detectFormat('a.txt', encode(`\ufeff  ${record}`)), 'jsonl');
  assert.equal(detectFormat('a', encode(`[${record}, ${record}]\n`)), 'json');
  assert.equal(detectFormat('a', encode(`[\n  ${record}\n]\n`)), 'json');
  assert.equal(detectFormat('a', encode(`{\n  "pred": [1, 0, 0, 0, 1, 0, 0, 0, 1]\n}\n`)), 'json');
  assert.equal(
    detectFormat('a', encode('[[1, 0, 0], [0, 1, 0], [0, 0, 1]]\n[[1, 0, 0], [0, 1, 0], [0, 0, 1]]\n')),
    'jsonl',
  );
  // The extension decides between the two when it names one of them.
  assert.equal(detectFormat('a.json', encode(`${record}\n`)), 'json');
  assert.equal(detectFormat('a.ndjson', encode(`[${record}]\n`)), 'jsonl');
});

test('delimited headers: comma, tab, semicolon, np.savetxt whitespace', () => {
  const names = ['step', 'm00', 'm01', 'm02', 'm10', 'm11', 'm12', 'm20', 'm21', 'm22'];
  assert.equal(detectFormat('x.txt', encode(names.join(',') + '\r\n1,2')), 'csv');
  assert.equal(detectFormat('x.txt', encode(names.join('\t') + '\n')), 'tsv');
  assert.equal(detectFormat('x.dat', encode(names.join(';') + '\n')), 'csv');
  assert.equal(detectFormat('x.txt', encode('# ' + names.join(' ') + '\n1 2 3\n')), 'csv');
  assert.equal(detectFormat('x.csv', encode('a,b,c\n1,2,3\n')), 'csv');
});

test('text logs, extensions as the fallback, and unknown files', () => {
  assert.equal(
    detectFormat('train.out', encode('step 100\n[[1. 0. 0.]\n [0. 1. 0.]\n [0. 0. 1.]]\n')),
    'text',
  );
  assert.equal(detectFormat('noext', encode('epoch 3: tensor([[1., 0., 0.],\n')), 'text');
  assert.equal(detectFormat('noext', encode('[[ 1.  0.  0.]\n [ 0.  1.  0.]\n [ 0.  0.  1.]]\n')), 'text');
  assert.equal(detectFormat('a.log', encode('[[1.0, 0.0,\n  0.0]] done\n')), 'text');
  assert.equal(detectFormat('empty.csv', new Uint8Array(0)), 'csv');
  assert.equal(detectFormat('empty', new Uint8Array(0)), undefined);
  assert.equal(detectFormat('blob', new Uint8Array([0, 1, 2, 3, 200, 17, 5])), undefined);
  assert.equal(detectFormat('fake.npy', encode('not numpy at all')), undefined);
});

test('createParser gives the parser of each format', () => {
  const formats: LogFormat[] = ['jsonl', 'json', 'csv', 'tsv', 'npy', 'npz', 'text'];
  for (const format of formats) assert.equal(createParser(format).format, format);
});

test('createParser passes options and resume through', () => {
  const parser = createParser('jsonl', { key: 'b' });
  const result = parser.push(
    encode('{"a": [1, 0, 0, 0, 1, 0, 0, 0, 1], "b": [2, 0, 0, 0, 2, 0, 0, 0, 2]}\n'),
  );
  assert.deepEqual(Array.from(result.block!.values), [2, 0, 0, 0, 2, 0, 0, 0, 2]);
  const resumed = createParser('jsonl', {}, parser.resume);
  const next = resumed.push(encode('{"a": [1, 0, 0, 0, 1, 0, 0, 0, 1], "b": [3, 0, 0, 0, 3, 0, 0, 0, 3]}\n'));
  assert.deepEqual(Array.from(next.block!.values), [3, 0, 0, 0, 3, 0, 0, 0, 3]);
  assert.deepEqual(Array.from(next.block!.line), [2]);
  assert.deepEqual(Array.from(next.block!.step), [1]);
});
