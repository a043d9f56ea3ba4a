// Sorting networks in WebAssembly SIMD: each v128 holds one value of two independent arrays, so one
// pass sorts two statistics of a step at once, and a compare-exchange is two instructions
// (f64x2.pmin / f64x2.pmax, i.e. minpd / maxpd) instead of the JavaScript networks' store, compare
// and two loads per value. The module is small enough to encode here at load time from the same
// Batcher networks (batcherNetwork.ts): no toolchain, no binary in the repository.
//
// Memory (64 pages, never grown, so no view of it is ever detached):
//  - [0, SORT_BYTES): the sort area. The arrays of pair p of a sort of size n are interleaved at
//    doubles [2np, 2n(p+1)): element k of the first array at 2np + 2k, of the second at 2np + 2k + 1.
//  - [TABLE_BYTE, +4 * 2 * PAIR_SORT_MAX_PAIRS): for gatherSort, the byte addresses of the columns
//    to gather, two per pair.
//  - [ARENA_BYTE, end): free for the caller; the engine keeps its BatchMetrics there, so that a
//    step's values are gathered from the kernels' own columns, without a JavaScript copy loop.
//
// pmin(a, b) = b < a ? b : a and pmax(a, b) = a < b ? b : a: exchange (i, j) keeps the values when
// x_j < x_i is false and swaps them when it is true, like the JavaScript networks, so both back ends
// produce the same permutation (even of -0 and 0) and the same statistics.

import { oddEvenSort } from './batcherNetwork';

/** Network sizes; a count is padded with +Infinity up to the next one. */
export const PAIR_SORT_SIZES = [8, 16, 32, 64] as const;
export type PairSortSize = (typeof PAIR_SORT_SIZES)[number];
/** The most pairs one call sorts. */
export const PAIR_SORT_MAX_PAIRS = 16;

const PAGES = 64;
const SORT_BYTES = PAIR_SORT_MAX_PAIRS * 64 * 16;
const TABLE_BYTE = SORT_BYTES;
/** Where the caller's part of the memory starts, and its size in bytes. */
export const ARENA_BYTE = 64 * 1024;
export const ARENA_BYTES = PAGES * 64 * 1024 - ARENA_BYTE;

export interface PairSorter {
  /** The module's memory (layout above). */
  readonly buffer: ArrayBuffer;
  /** The same memory as doubles. */
  readonly memory: Float64Array;
  /** Sorts `pairs` interleaved pairs of `size` values each, in place, from double 0. */
  sort(size: PairSortSize, pairs: number): void;
  /** Sets the columns gatherSort reads: byte addresses in the memory, two per pair. */
  setColumns(byteAddresses: readonly number[]): void;
  /** Whatever the caller that last set the columns identifies them by (users share a sorter). */
  columnsKey: unknown;
  /**
   * Copies doubles [start, start + count) of each column set by setColumns into its lane of the
   * sort area, +Infinity up to `size`, and sorts. False, with the area unspecified, when any copied
   * value is NaN (the caller then leaves those out itself).
   */
  gatherSort(size: PairSortSize, pairs: number, count: number, start: number): boolean;
}

const I32 = 0x7f;
const V128 = 0x7b;
const SIMD = 0xfd;

function unsigned(value: number, out: number[]): void {
  let v = value >>> 0;
  do {
    const byte = v & 0x7f;
    v >>>= 7;
    out.push(v === 0 ? byte : byte | 0x80);
  } while (v !== 0);
}

function signed(value: number, out: number[]): void {
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return;
  }
}

function section(id: number, body: number[], out: number[]): void {
  out.push(id);
  unsigned(body.length, out);
  out.push(...body);
}

function name(text: string, out: number[]): void {
  unsigned(text.length, out);
  for (let i = 0; i < text.length; i++) out.push(text.charCodeAt(i));
}

/** A function body being encoded: its locals, then instructions. */
class Body {
  readonly code: number[] = [];

  constructor(private readonly locals: ReadonlyArray<readonly [count: number, type: number]>) {}

  get(local: number): this {
    this.code.push(0x20);
    unsigned(local, this.code);
    return this;
  }

  set(local: number): this {
    this.code.push(0x21);
    unsigned(local, this.code);
    return this;
  }

  i32(value: number): this {
    this.code.push(0x41);
    signed(value, this.code);
    return this;
  }

  op(...bytes: number[]): this {
    this.code.push(...bytes);
    return this;
  }

  /** A memory instruction: opcode bytes, then the alignment (log2) and offset. */
  memory(opcode: number[], align: number, offset: number): this {
    this.code.push(...opcode, align);
    unsigned(offset, this.code);
    return this;
  }

  /** The code section entry: size, locals, instructions, end. */
  encode(): number[] {
    const body: number[] = [];
    unsigned(this.locals.length, body);
    for (const [count, type] of this.locals) {
      unsigned(count, body);
      body.push(type);
    }
    body.push(...this.code, 0x0b);
    const entry: number[] = [];
    unsigned(body.length, entry);
    entry.push(...body);
    return entry;
  }
}

const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I32_GE_U = 0x4f;
const V128_LOAD = [SIMD, 0x00];
const V128_STORE = [SIMD, 0x0b];
const V128_LOAD64_SPLAT = [SIMD, 0x0a];
const V128_LOAD64_LANE = [SIMD, 0x57];
const F64X2_NE = [SIMD, 0x48];
const V128_OR = [SIMD, 0x50];
const V128_ANY_TRUE = [SIMD, 0x53];
const F64X2_PMIN = [SIMD, 0xf6, 0x01];
const F64X2_PMAX = [SIMD, 0xf7, 0x01];

/**
 * sort<size>(pairs: i32): local 0 counts pairs down, local 1 is the byte address of the current
 * pair, locals 2 .. 2+size hold its values.
 */
function sortFunction(size: number): number[] {
  const f = new Body([
    [1, I32],
    [size, V128],
  ]);
  const value = (k: number): number => 2 + k;
  f.op(0x02, 0x40, 0x03, 0x40); // block, loop
  f.get(0).op(0x45, 0x0d, 1); // i32.eqz, br_if 1 (out of the block)
  for (let k = 0; k < size; k++)
    f.get(1)
      .memory(V128_LOAD, 4, 16 * k)
      .set(value(k));
  for (const [i, j] of oddEvenSort(0, size - 1)) {
    f.get(value(i))
      .get(value(j))
      .op(...F64X2_PMIN);
    f.get(value(j))
      .get(value(i))
      .op(...F64X2_PMAX);
    f.set(value(j)).set(value(i));
  }
  for (let k = 0; k < size; k++)
    f.get(1)
      .get(value(k))
      .memory(V128_STORE, 4, 16 * k);
  f.get(1)
    .i32(16 * size)
    .op(I32_ADD)
    .set(1);
  f.get(0).i32(1).op(I32_SUB).set(0);
  f.op(0x0c, 0, 0x0b, 0x0b); // br 0, end loop, end block
  return f.encode();
}

/**
 * gather<size>(pairs, count, start: i32) -> i32, then sort<size>(pairs). Locals: 0 pairs, 1 count,
 * 2 start, 3 pair index, 4 k, 5 column a, 6 column b, 7 destination; 8 value, 9 NaN lanes (v128).
 */
function gatherFunction(size: number, sortIndex: number): number[] {
  const f = new Body([
    [5, I32],
    [2, V128],
  ]);
  const [PAIRS, COUNT, START, PAIR, K, A, B, DEST, VALUE, NAN] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const INFINITY_BYTES = [0, 0, 0, 0, 0, 0, 0xf0, 0x7f];
  f.op(0x02, 0x40, 0x03, 0x40); // block, loop over pairs
  f.get(PAIR).get(PAIRS).op(I32_GE_U, 0x0d, 1);
  // a = table[2 pair] + 8 start, b = table[2 pair + 1] + 8 start
  f.get(PAIR).i32(3).op(0x74).i32(TABLE_BYTE).op(I32_ADD).set(B); // B briefly holds the table slot
  f.get(B).memory([0x28], 2, 0).get(START).i32(3).op(0x74).op(I32_ADD).set(A);
  f.get(B).memory([0x28], 2, 4).get(START).i32(3).op(0x74).op(I32_ADD).set(B);
  f.get(PAIR)
    .i32(16 * size)
    .op(0x6c)
    .set(DEST); // i32.mul
  f.i32(0).set(K);
  f.op(0x02, 0x40, 0x03, 0x40); // block, loop over the values
  f.get(K).get(COUNT).op(I32_GE_U, 0x0d, 1);
  f.get(A).memory(V128_LOAD64_SPLAT, 3, 0);
  f.set(VALUE).get(B).get(VALUE).memory(V128_LOAD64_LANE, 3, 0).op(1).set(VALUE);
  f.get(NAN)
    .get(VALUE)
    .get(VALUE)
    .op(...F64X2_NE)
    .op(...V128_OR)
    .set(NAN);
  f.get(DEST).get(VALUE).memory(V128_STORE, 4, 0);
  f.get(A).i32(8).op(I32_ADD).set(A);
  f.get(B).i32(8).op(I32_ADD).set(B);
  f.get(DEST).i32(16).op(I32_ADD).set(DEST);
  f.get(K).i32(1).op(I32_ADD).set(K);
  f.op(0x0c, 0, 0x0b, 0x0b); // br 0, end loop, end block
  f.op(0x02, 0x40, 0x03, 0x40); // block, loop padding with +Infinity
  f.get(K).i32(size).op(I32_GE_U, 0x0d, 1);
  f.get(DEST)
    .op(SIMD, 0x0c, ...INFINITY_BYTES, ...INFINITY_BYTES)
    .memory(V128_STORE, 4, 0);
  f.get(DEST).i32(16).op(I32_ADD).set(DEST);
  f.get(K).i32(1).op(I32_ADD).set(K);
  f.op(0x0c, 0, 0x0b, 0x0b);
  f.get(PAIR).i32(1).op(I32_ADD).set(PAIR);
  f.op(0x0c, 0, 0x0b, 0x0b); // br 0 (next pair), end loop, end block
  f.get(PAIRS).op(0x10);
  unsigned(sortIndex, f.code); // call sort<size>
  f.get(NAN).op(...V128_ANY_TRUE, 0x45); // i32.eqz: 1 when no lane saw a NaN
  return f.encode();
}

/** The module's bytes: the memory, sort8 .. sort64 (i32) -> (), gather8 .. gather64 (i32 i32 i32) -> i32. */
export function pairSortModuleBytes(): Uint8Array {
  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  section(1, [2, 0x60, 1, I32, 0, 0x60, 3, I32, I32, I32, 1, I32], out);
  const sizes = PAIR_SORT_SIZES.length;
  const functions: number[] = [];
  unsigned(2 * sizes, functions);
  for (let f = 0; f < sizes; f++) functions.push(0);
  for (let f = 0; f < sizes; f++) functions.push(1);
  section(3, functions, out);
  section(5, [1, 0x01, PAGES, PAGES], out);
  const exports: number[] = [];
  unsigned(2 * sizes + 1, exports);
  name('memory', exports);
  exports.push(0x02, 0);
  PAIR_SORT_SIZES.forEach((size, f) => {
    name(`sort${size}`, exports);
    exports.push(0x00, f);
    name(`gather${size}`, exports);
    exports.push(0x00, sizes + f);
  });
  section(7, exports, out);
  const code: number[] = [];
  unsigned(2 * sizes, code);
  for (const size of PAIR_SORT_SIZES) code.push(...sortFunction(size));
  PAIR_SORT_SIZES.forEach((size, f) => code.push(...gatherFunction(size, f)));
  section(10, code, out);
  return new Uint8Array(out);
}

/** The part of the WebAssembly API used here (the compiler options carry no DOM or wasm typings). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

/** Compiled once per thread; each sorter is an instance with its own memory. */
let compiled: object | undefined;

/** A sorter, or undefined where WebAssembly SIMD is unavailable (the JavaScript networks remain). */
export function createPairSorter(): PairSorter | undefined {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (wasm === undefined) return undefined;
  try {
    compiled ??= new wasm.Module(pairSortModuleBytes());
    const exports = new wasm.Instance(compiled).exports;
    const buffer = (exports.memory as { buffer: ArrayBuffer }).buffer;
    type Sort = (pairs: number) => void;
    type Gather = (pairs: number, count: number, start: number) => number;
    const [sort8, sort16, sort32, sort64] = PAIR_SORT_SIZES.map((size) => exports[`sort${size}`]) as Sort[];
    const [gather8, gather16, gather32, gather64] = PAIR_SORT_SIZES.map(
      (size) => exports[`gather${size}`],
    ) as Gather[];
    const table = new Int32Array(buffer, TABLE_BYTE, 2 * PAIR_SORT_MAX_PAIRS);
    return {
      buffer,
      memory: new Float64Array(buffer),
      sort(size, pairs) {
        if (size === 32) sort32!(pairs);
        else if (size === 16) sort16!(pairs);
        else if (size === 64) sort64!(pairs);
        else sort8!(pairs);
      },
      setColumns(byteAddresses) {
        table.set(byteAddresses);
      },
      columnsKey: undefined,
      gatherSort(size, pairs, count, start) {
        const clean =
          size === 32
            ? gather32!(pairs, count, start)
            : size === 16
              ? gather16!(pairs, count, start)
              : size === 64
                ? gather64!(pairs, count, start)
                : gather8!(pairs, count, start);
        return clean === 1;
      },
    };
  } catch {
    return undefined;
  }
}

/** One sorter per thread, shared by the step statistics and the metrics kept in its arena. */
let threadSorter: PairSorter | null | undefined;

export function threadPairSorter(): PairSorter | undefined {
  if (threadSorter === undefined) threadSorter = createPairSorter() ?? null;
  return threadSorter ?? undefined;
}
