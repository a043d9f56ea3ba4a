// The batch API the engine and the benchmark call: N matrices from one typed array into preallocated
// struct-of-arrays outputs.

import type { AnalysisOptions, BatchMetrics, Representation } from './metrics';
import * as analyze from './analyze';

// Module-scope copies: under tsx (CommonJS) each use of an imported binding is a getter call.
const analyzeRange9 = analyze.analyzeRange9;
const analyzeRange6 = analyze.analyzeRange6;

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
  if (representation === '9d') analyzeRange9(input, offset, stride, count, options, out, outOffset);
  else analyzeRange6(input, offset, stride, count, options, out, outOffset);
  return out;
}
