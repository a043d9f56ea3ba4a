// One matrix as a plain JSON-ready object: the output of `so3lens inspect --format json` and the
// per-matrix record of `so3lens analyze --per-matrix`. Field names are a public contract (issue 2,
// section 3). Every non-finite number becomes null (JSON has no NaN or Infinity; κ = ∞ is null plus
// the kappa-high flag).

import {
  createBatchMetrics,
  DEFAULT_OPTIONS,
  flagNames,
  FLAG_NON_FINITE,
  type AnalysisOptions,
  type FlagName,
  type Representation,
} from './metrics';
import { analyzeMatrix6, analyzeMatrix9 } from './analyze';
import { svd3 } from './svd3';
import { projectToSO3 } from './projection';
import { gramSchmidtColumns, transpose3InPlace } from './gramSchmidt';

/** A number, or null where it is NaN, ±Infinity or not computed. */
export type RecordNumber = number | null;

export interface GsRecord {
  /** Nonzero singular values of the 9x6 Gram-Schmidt Jacobian, descending. */
  sv: [RecordNumber, RecordNumber, RecordNumber];
  kappa: RecordNumber;
  rho: RecordNumber;
  /** Ranks of the a1 and a2 blocks of the Jacobian: [2, 1]. */
  blockRanks: [RecordNumber, RecordNumber];
}

export interface InspectRecord9D {
  representation: '9d';
  /** The input, row-major. */
  m: RecordNumber[];
  s: [RecordNumber, RecordNumber, RecordNumber];
  det: RecordNumber;
  sigma3Signed: RecordNumber;
  kappa: RecordNumber;
  gains: [RecordNumber, RecordNumber, RecordNumber];
  distSO3: RecordNumber;
  orthDefect: RecordNumber;
  /** The SVD projection U diag(1,1,d) V^T, row-major. */
  R: RecordNumber[];
  /** Gram-Schmidt on the first two columns of m. */
  gs: GsRecord;
  svdGsAngleDeg: RecordNumber;
  stabilized: {
    taylorK: RecordNumber;
    taylorPhiMaxDeg: RecordNumber;
    clampEps: RecordNumber;
    clampPhiMaxDeg: RecordNumber;
  };
  flags: FlagName[];
}

export interface InspectRecord6D {
  representation: '6d';
  a1: RecordNumber[];
  a2: RecordNumber[];
  /** The Gram-Schmidt rotation, row-major (a1, a2 are its first columns, or rows with sixD = 'rows'). */
  R: RecordNumber[];
  gs: GsRecord;
  flags: FlagName[];
}

export type InspectRecord = InspectRecord9D | InspectRecord6D;

const metrics = createBatchMetrics(1);
const u = new Float64Array(9);
const s = new Float64Array(3);
const v = new Float64Array(9);
const r = new Float64Array(9);

function num(x: number): RecordNumber {
  return Number.isFinite(x) ? x : null;
}

function nums(values: ArrayLike<number>, from: number, count: number): RecordNumber[] {
  const list: RecordNumber[] = [];
  for (let k = 0; k < count; k++) list.push(num(Number(values[from + k])));
  return list;
}

function gsRecord(analyzed: boolean): GsRecord {
  return {
    sv: [num(metrics.gsSv1[0]!), num(metrics.gsSv2[0]!), num(metrics.gsSv3[0]!)],
    kappa: num(metrics.gsKappa[0]!),
    rho: num(metrics.gsRho[0]!),
    blockRanks: analyzed ? [2, 1] : [null, null],
  };
}

/**
 * Analyzes one matrix (9 numbers row-major for '9d', a1 then a2 for '6d') into its record.
 * A matrix with a NaN or infinite entry is reported, not analyzed: it keeps `m` (or a1, a2, with
 * null for the bad entries), flags is ['non-finite'], and every other number is null, including
 * blockRanks, taylorK and clampEps. A 6D R is null where Gram-Schmidt is undefined (a1 = 0 or
 * a1 x a2 = 0). Throws a RangeError when `values` holds fewer numbers than the representation needs.
 */
export function inspectRecord(
  values: ArrayLike<number>,
  representation: Representation,
  options: Partial<AnalysisOptions> = {},
): InspectRecord {
  const opts: AnalysisOptions = { ...DEFAULT_OPTIONS, ...options };
  const width = representation === '9d' ? 9 : 6;
  if (values.length < width) {
    throw new RangeError(
      `inspectRecord: a ${representation} matrix needs ${width} numbers, got ${values.length}`,
    );
  }
  const input = new Float64Array(width);
  for (let k = 0; k < width; k++) input[k] = Number(values[k]);

  if (representation === '6d') {
    analyzeMatrix6(input, 0, opts, metrics, 0);
    const analyzed = (metrics.flags[0]! & FLAG_NON_FINITE) === 0;
    if (analyzed) {
      gramSchmidtColumns(r, input[0]!, input[1]!, input[2]!, input[3]!, input[4]!, input[5]!);
      if (opts.sixD === 'rows') transpose3InPlace(r);
    } else {
      r.fill(NaN);
    }
    return {
      representation: '6d',
      a1: nums(input, 0, 3),
      a2: nums(input, 3, 3),
      R: nums(r, 0, 9),
      gs: gsRecord(analyzed),
      flags: flagNames(metrics.flags[0]!),
    };
  }

  analyzeMatrix9(input, 0, opts, metrics, 0);
  const analyzed = (metrics.flags[0]! & FLAG_NON_FINITE) === 0;
  if (analyzed) {
    const det = svd3(u, s, v, input, 0);
    projectToSO3(r, u, v, det < 0 ? -1 : 1);
  } else {
    r.fill(NaN);
  }
  return {
    representation: '9d',
    m: nums(input, 0, 9),
    s: [num(metrics.s1[0]!), num(metrics.s2[0]!), num(metrics.s3[0]!)],
    det: num(metrics.det[0]!),
    sigma3Signed: num(metrics.sigma3[0]!),
    kappa: num(metrics.kappa[0]!),
    gains: [num(metrics.gain12[0]!), num(metrics.gain13[0]!), num(metrics.gain23[0]!)],
    distSO3: num(metrics.distSO3[0]!),
    orthDefect: num(metrics.orthDefect[0]!),
    R: nums(r, 0, 9),
    gs: gsRecord(analyzed),
    svdGsAngleDeg: num(metrics.svdGsAngleDeg[0]!),
    stabilized: {
      taylorK: analyzed ? opts.taylorK : null,
      taylorPhiMaxDeg: num(metrics.taylorPhiMaxDeg[0]!),
      clampEps: analyzed ? opts.clampEps : null,
      clampPhiMaxDeg: num(metrics.clampPhiMaxDeg[0]!),
    },
    flags: flagNames(metrics.flags[0]!),
  };
}
