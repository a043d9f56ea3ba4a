// From a nested list of numbers (however it was written) to one 9D matrix or one 6D vector.
//
// Accepted shapes: 9 and 3x3 (9D, row-major); 6 (a1 then a2), 2x3 (rows a1, a2) and 3x2 (columns
// a1, a2) (6D, always returned as a1 then a2). Leading 1s are dropped (`[[...]]` of shape 1x3x3 is
// one matrix), and so is a trailing 1 of a column vector (9x1). A batch of several matrices is not
// one matrix: it is refused with the count, so the user picks one instead of us guessing which.

export type NestedNumbers = number | NestedNumbers[];

export type ShapeResult =
  { ok: true; values: number[]; representation: '9d' | '6d'; shape: string } | { ok: false; message: string };

type Dims = { ok: true; dims: number[] } | { ok: false; message: string };

function dimsOf(node: NestedNumbers): Dims {
  if (!Array.isArray(node)) return { ok: true, dims: [] };
  if (node.length === 0) return { ok: true, dims: [0] };
  let numbers = 0;
  for (const item of node) if (!Array.isArray(item)) numbers++;
  if (numbers > 0 && numbers < node.length) {
    return { ok: false, message: 'expected rows of numbers, found a list that mixes numbers and lists' };
  }
  if (numbers === node.length) return { ok: true, dims: [node.length] };
  const first = dimsOf(node[0]!);
  if (!first.ok) return first;
  for (let k = 1; k < node.length; k++) {
    const next = dimsOf(node[k]!);
    if (!next.ok) return next;
    if (next.dims.join('x') !== first.dims.join('x')) {
      const lengths = node.map((row) => (Array.isArray(row) ? row.length : 1)).join(', ');
      return { ok: false, message: `expected rows of equal length, found rows of ${lengths} entries` };
    }
  }
  return { ok: true, dims: [node.length, ...first.dims] };
}

function flatten(node: NestedNumbers, out: number[]): number[] {
  if (Array.isArray(node)) for (const item of node) flatten(item, out);
  else out.push(node);
  return out;
}

function batchMessage(count: number, each: string, dims: number[]): string {
  return (
    `expected one matrix, found a batch of ${count} ${each} (shape ${dims.join('x')}); ` +
    'inspect reads a single matrix: paste one of them'
  );
}

export function interpretNested(node: NestedNumbers): ShapeResult {
  const measured = dimsOf(node);
  if (!measured.ok) return measured;
  const dims = measured.dims;
  let note = '';
  while (dims.length > 1 && dims[0] === 1) {
    dims.shift();
    note = ' (inside a batch of one)';
  }
  if (dims.length === 2 && dims[1] === 1 && (dims[0] === 9 || dims[0] === 6)) dims.pop();
  const values = flatten(node, []);
  const shape = dims.join('x');
  if (dims.length === 1) {
    if (dims[0] === 9)
      return { ok: true, values, representation: '9d', shape: `flat list of 9 (9D, row-major)${note}` };
    if (dims[0] === 6)
      return { ok: true, values, representation: '6d', shape: `flat list of 6 (6D: a1 then a2)${note}` };
    const n = dims[0]!;
    return {
      ok: false,
      message: `expected 9 numbers (a 3x3 matrix) or 6 (a 6D a1, a2), found ${n} number${n === 1 ? '' : 's'}`,
    };
  }
  if (shape === '3x3') return { ok: true, values, representation: '9d', shape: `3x3 (9D)${note}` };
  if (shape === '2x3')
    return { ok: true, values, representation: '6d', shape: `2x3 (6D: rows are a1, a2)${note}` };
  if (shape === '3x2') {
    const columns = [values[0]!, values[2]!, values[4]!, values[1]!, values[3]!, values[5]!];
    return {
      ok: true,
      values: columns,
      representation: '6d',
      shape: `3x2 (6D: columns are a1, a2, read column by column)${note}`,
    };
  }
  const inner = dims.slice(1).join('x');
  const count = dims[0]!;
  if (dims.length === 3 && (inner === '3x3' || inner === '2x3' || inner === '3x2')) {
    return { ok: false, message: batchMessage(count, `${inner} matrices`, dims) };
  }
  if (dims.length === 2 && (inner === '9' || inner === '6')) {
    return { ok: false, message: batchMessage(count, `rows of ${inner} numbers`, dims) };
  }
  if (dims.length === 0)
    return { ok: false, message: 'expected a 3x3 matrix or a 6D vector, found a single number' };
  return { ok: false, message: `expected a 3x3 matrix or a 6D vector, found an array of shape ${shape}` };
}
