// Sorting networks in WebAssembly SIMD: each v128 holds one value of two independent arrays, so one
// pass sorts two statistics of a step at once, and a compare-exchange is two instructions
// (f64x2.pmin / f64x2.pmax, i.e. minpd / maxpd) instead of the JavaScript networks' store, compare
// and two loads per value. The module is small enough to encode here at load time from the same
// Batcher networks (batcherNetwork.ts): no toolchain, no binary in the repository.
//
// Memory layout (one page, never grown, so the Float64Array view below is never detached): the
// arrays of pair p of a sort of size n are interleaved at doubles [2np, 2n(p+1)): element k of the
// first array at 2np + 2k, of the second at 2np + 2k + 1.
//
// pmin(a, b) = b < a ? b : a and pmax(a, b) = a < b ? b : a: exchange (i, j) keeps the values when
// x_j < x_i is false and swaps them when it is true, like the JavaScript networks, so both back ends
// produce the same permutation (even of -0 and 0) and the same statistics.

import { oddEvenSort } from './batcherNetwork';

/** Network sizes; a count is padded with +Infinity up to the next one. */
export const PAIR_SORT_SIZES = [8, 16, 32, 64] as const;
export type PairSortSize = (typeof PAIR_SORT_SIZES)[number];
/** The most pairs one call sorts (64 KiB / (64 values x 16 bytes)). */
export const PAIR_SORT_MAX_PAIRS = 64;

export interface PairSorter {
  /** The module's memory as doubles (layout above). */
  readonly memory: Float64Array;
  /** Sorts `pairs` interleaved pairs of `size` values each, in place, from double 0. */
  sort(size: PairSortSize, pairs: number): void;
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

/**
 * sort<size>(pairs: i32): local 0 counts pairs down, local 1 is the byte address of the current
 * pair, locals 2 .. 2+size hold its values.
 */
function sortFunction(size: number): number[] {
  const body: number[] = [];
  body.push(2, 1, I32); // two local groups: one i32, `size` v128
  unsigned(size, body);
  body.push(V128);
  const value = (k: number): number => 2 + k;
  const get = (local: number): void => {
    body.push(0x20);
    unsigned(local, body);
  };
  const set = (local: number): void => {
    body.push(0x21);
    unsigned(local, body);
  };
  body.push(0x02, 0x40, 0x03, 0x40); // block, loop
  get(0);
  body.push(0x45, 0x0d, 1); // i32.eqz, br_if 1 (out of the block)
  for (let k = 0; k < size; k++) {
    get(1);
    body.push(SIMD, 0x00, 4); // v128.load align=16
    unsigned(16 * k, body);
    set(value(k));
  }
  for (const [i, j] of oddEvenSort(0, size - 1)) {
    get(value(i));
    get(value(j));
    body.push(SIMD, 0xf6, 0x01); // f64x2.pmin
    get(value(j));
    get(value(i));
    body.push(SIMD, 0xf7, 0x01); // f64x2.pmax
    set(value(j));
    set(value(i));
  }
  for (let k = 0; k < size; k++) {
    get(1);
    get(value(k));
    body.push(SIMD, 0x0b, 4); // v128.store align=16
    unsigned(16 * k, body);
  }
  get(1);
  body.push(0x41);
  signed(16 * size, body);
  body.push(0x6a); // i32.add
  set(1);
  get(0);
  body.push(0x41, 1, 0x6b); // i32.const 1, i32.sub
  set(0);
  body.push(0x0c, 0, 0x0b, 0x0b, 0x0b); // br 0, end loop, end block, end function
  const entry: number[] = [];
  unsigned(body.length, entry);
  entry.push(...body);
  return entry;
}

/** The module's bytes: memory (1 page, max 1) and sort8 .. sort64, all (i32) -> (). */
export function pairSortModuleBytes(): Uint8Array {
  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  section(1, [1, 0x60, 1, I32, 0], out);
  const functions: number[] = [PAIR_SORT_SIZES.length];
  for (let f = 0; f < PAIR_SORT_SIZES.length; f++) functions.push(0);
  section(3, functions, out);
  section(5, [1, 0x01, 1, 1], out);
  const exports: number[] = [];
  unsigned(PAIR_SORT_SIZES.length + 1, exports);
  name('memory', exports);
  exports.push(0x02, 0);
  PAIR_SORT_SIZES.forEach((size, f) => {
    name(`sort${size}`, exports);
    exports.push(0x00, f);
  });
  section(7, exports, out);
  const code: number[] = [];
  unsigned(PAIR_SORT_SIZES.length, code);
  for (const size of PAIR_SORT_SIZES) code.push(...sortFunction(size));
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
    const memory = new Float64Array((exports.memory as { buffer: ArrayBuffer }).buffer);
    const bySize = PAIR_SORT_SIZES.map((size) => exports[`sort${size}`] as (pairs: number) => void);
    const [sort8, sort16, sort32, sort64] = bySize as [
      (pairs: number) => void,
      (pairs: number) => void,
      (pairs: number) => void,
      (pairs: number) => void,
    ];
    return {
      memory,
      sort(size, pairs) {
        if (size === 32) sort32(pairs);
        else if (size === 16) sort16(pairs);
        else if (size === 64) sort64(pairs);
        else sort8(pairs);
      },
    };
  } catch {
    return undefined;
  }
}
