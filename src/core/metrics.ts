// The per-matrix metric set, as struct-of-arrays, and the options and flags that shape it.
//
// Layout, stated once for all of src/core: a 3x3 matrix is 9 consecutive numbers, row-major,
// `index = 3*row + col`. A 6D prediction is 6 consecutive numbers, a1 then a2. Kernels read from an
// offset into one large Float32Array or Float64Array and write into preallocated outputs.
//
// "Not applicable" is NaN in these arrays (the SVD fields of a 6D input, every field of a non-finite
// matrix). Statistics skip NaN; JSON writes it as null. Infinity is a real value (κ when σ2+σ3 <= 0).

export type Representation = '9d' | '6d';
export type SixDLayout = 'columns' | 'rows';

export interface AnalysisOptions {
  /** `near-singular` when s3/s1 is below this. */
  nearSingular: number;
  /** `kappa-high` when κ (9D) or κ_GS (6D) is above this. */
  kappa: number;
  /** Taylor truncation order of the stabilized SVD gradient (Wang et al. 2022 use 9). */
  taylorK: number;
  /** Clamp floor ε on |s_i^2 - s_j^2| of the stabilized SVD gradient. */
  clampEps: number;
  /** Whether a1, a2 of a 6D prediction are the first two columns (Zhou et al.) or rows (pytorch3d). */
  sixD: SixDLayout;
}

export const DEFAULT_OPTIONS: Readonly<AnalysisOptions> = Object.freeze({
  nearSingular: 0.05,
  kappa: 10,
  taylorK: 9,
  clampEps: 1e-2,
  sixD: 'columns',
});

export const FLAG_NEAR_SINGULAR = 1;
export const FLAG_DET_NEGATIVE = 2;
export const FLAG_KAPPA_HIGH = 4;
export const FLAG_GS_DEGENERATE = 8;
export const FLAG_NON_FINITE = 16;

export type FlagName = 'near-singular' | 'det-negative' | 'kappa-high' | 'gs-degenerate' | 'non-finite';

/** Bit and name of every flag, in the order they are reported. */
export const FLAGS: ReadonlyArray<{ bit: number; name: FlagName }> = [
  { bit: FLAG_NON_FINITE, name: 'non-finite' },
  { bit: FLAG_NEAR_SINGULAR, name: 'near-singular' },
  { bit: FLAG_DET_NEGATIVE, name: 'det-negative' },
  { bit: FLAG_KAPPA_HIGH, name: 'kappa-high' },
  { bit: FLAG_GS_DEGENERATE, name: 'gs-degenerate' },
];

export function flagNames(bits: number): FlagName[] {
  const names: FlagName[] = [];
  for (const flag of FLAGS) if (bits & flag.bit) names.push(flag.name);
  return names;
}

/** Every Float64 field of BatchMetrics, in one list so that allocation, copying and merging stay in step. */
export const METRIC_FIELDS = [
  's1',
  's2',
  's3',
  's3Rel',
  'det',
  'sigma3',
  'kappa',
  'gain12',
  'gain13',
  'gain23',
  'distSO3',
  'orthDefect',
  'gsSv1',
  'gsSv2',
  'gsSv3',
  'gsKappa',
  'gsRho',
  'svdGsAngleDeg',
  'taylorPhiMaxDeg',
  'clampPhiMaxDeg',
] as const;

export type MetricField = (typeof METRIC_FIELDS)[number];

/**
 * Output of `analyzeBatch`: one entry per matrix in each array.
 * s1 >= s2 >= s3 >= 0; s3Rel = s3/s1 (0 for the zero matrix); sigma3 = d*s3; gainIJ = 2/(σi+σj); gsSv1 >= gsSv2 >= gsSv3.
 */
export type BatchMetrics = { readonly capacity: number; readonly flags: Uint8Array } & {
  readonly [K in MetricField]: Float64Array;
};

/** Bytes a BatchMetrics of `capacity` takes inside a caller's buffer (createBatchMetrics). */
export function batchMetricsBytes(capacity: number): number {
  return METRIC_FIELDS.length * 8 * capacity + capacity;
}

/**
 * Metric arrays for `capacity` matrices: each its own, or, given `buffer`, laid out back to back in
 * it from `byteOffset` (8-aligned; batchMetricsBytes(capacity) bytes), the fields in METRIC_FIELDS
 * order, then the flags. A buffer lets WebAssembly read the columns where the kernels wrote them.
 */
export function createBatchMetrics(capacity: number, buffer?: ArrayBuffer, byteOffset = 0): BatchMetrics {
  if (buffer === undefined) {
    const metrics: Record<string, unknown> = { capacity, flags: new Uint8Array(capacity) };
    for (const field of METRIC_FIELDS) metrics[field] = new Float64Array(capacity);
    return metrics as BatchMetrics;
  }
  if (byteOffset % 8 !== 0 || byteOffset + batchMetricsBytes(capacity) > buffer.byteLength) {
    throw new RangeError(`createBatchMetrics: ${capacity} matrices do not fit the buffer at ${byteOffset}`);
  }
  // The same property order as above: one object shape for the kernels, wherever the arrays live.
  const flagsAt = byteOffset + METRIC_FIELDS.length * 8 * capacity;
  const metrics: Record<string, unknown> = { capacity, flags: new Uint8Array(buffer, flagsAt, capacity) };
  METRIC_FIELDS.forEach((field, k) => {
    metrics[field] = new Float64Array(buffer, byteOffset + k * 8 * capacity, capacity);
  });
  return metrics as BatchMetrics;
}
