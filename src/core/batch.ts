// The batch API the engine and the benchmark call: N matrices from one typed array into preallocated
// struct-of-arrays outputs.

import type { AnalysisOptions, BatchMetrics, Representation } from './metrics';
import { analyzeMatrix6, analyzeMatrix9 } from './analyze';

/**
 * Analyzes `count` matrices; matrix k starts at input[offset + k*stride] (9 numbers row-major for 9D,
 * a1 then a2 for 6D) and its metrics go to out[field][outOffset + k]. Returns out.
 */
export function analyzeBatch(
  input: Float32Array | Float64Array,
  offset: number,
  stride: number,
  count: number,
  representation: Representation,
  options: AnalysisOptions,
  out: BatchMetrics,
  outOffset = 0,
): BatchMetrics {
  const width = representation === '9d' ? 9 : 6;
  if (count < 0 || outOffset < 0 || outOffset + count > out.capacity) {
    throw new RangeError(
      `analyzeBatch: ${count} results at ${outOffset} do not fit a capacity of ${out.capacity}`,
    );
  }
  if (count > 0 && (offset < 0 || offset + (count - 1) * stride + width > input.length)) {
    throw new RangeError(
      `analyzeBatch: ${count} matrices of ${width} at offset ${offset}, stride ${stride} overrun ${input.length} values`,
    );
  }
  if (representation === '9d') {
    for (let k = 0; k < count; k++) analyzeMatrix9(input, offset + k * stride, options, out, outOffset + k);
  } else {
    for (let k = 0; k < count; k++) analyzeMatrix6(input, offset + k * stride, options, out, outOffset + k);
  }
  return out;
}
