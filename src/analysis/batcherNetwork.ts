// Batcher's odd-even merge sort as a list of compare-exchanges (i < j: afterwards a[i] <= a[j]).
// Both sorting-network back ends are generated from it: the JavaScript networks of sortNetwork.ts
// (rendered by its test) and the WebAssembly SIMD ones of wasmPairSort.ts (encoded at load).

export type CompareExchange = readonly [number, number];

/** Merges the sorted halves of lo..hi (inclusive), comparing elements r apart. */
export function oddEvenMerge(lo: number, hi: number, r: number, out: CompareExchange[]): void {
  const step = r * 2;
  if (step < hi - lo) {
    oddEvenMerge(lo, hi, step, out);
    oddEvenMerge(lo + r, hi, step, out);
    for (let i = lo + r; i < hi - r; i += step) out.push([i, i + r]);
  } else out.push([lo, lo + r]);
}

/** Sorts lo..hi (inclusive); hi - lo + 1 must be a power of two. */
export function oddEvenSort(lo: number, hi: number, out: CompareExchange[] = []): CompareExchange[] {
  if (hi - lo < 1) return out;
  const mid = lo + ((hi - lo) >> 1);
  oddEvenSort(lo, mid, out);
  oddEvenSort(mid + 1, hi, out);
  oddEvenMerge(lo, hi, 1, out);
  return out;
}
