// The readable table of `so3lens inspect --format text`: one inspect record, one line per quantity,
// each flag with a line saying what it means for training. Pure (string in, string out).

import type { AnalysisOptions, FlagName } from '../core/metrics';
import type { InspectRecord, InspectRecord6D, InspectRecord9D, RecordNumber } from '../core/record';

/** 6 significant digits, exponent form outside [1e-4, 1e6); `fallback` for null. */
export function formatNumber(x: RecordNumber, fallback = 'n/a'): string {
  if (x === null) return fallback;
  if (x === 0) return '0';
  const magnitude = Math.abs(x);
  if (magnitude >= 1e-4 && magnitude < 1e6) return String(Number(x.toPrecision(6)));
  const [mantissa, exponent] = x.toExponential(4).split('e');
  return `${String(Number(mantissa))}e${exponent}`;
}

function degrees(x: RecordNumber): string {
  return x === null ? 'n/a' : `${formatNumber(x)}°`;
}

function row(label: string, text: string): string {
  return `  ${label.padEnd(17)}${text}`;
}

/** Rows of a row-major 3x3, numbers right-aligned in one column width. */
function matrixRows(label: string, values: RecordNumber[], fallback = 'n/a'): string[] {
  const cells = values.map((v) => formatNumber(v, fallback));
  const width = Math.max(...cells.map((c) => c.length));
  const lines: string[] = [];
  for (let r = 0; r < 3; r++) {
    const text = `[ ${cells
      .slice(3 * r, 3 * r + 3)
      .map((c) => c.padStart(width))
      .join('  ')} ]`;
    lines.push(row(r === 0 ? label : '', text));
  }
  return lines;
}

/** The record writes NaN and ±Infinity inputs as null. */
const NON_FINITE_INPUT = 'NaN/Inf';

function vector(values: RecordNumber[]): string {
  return `(${values.map((v) => formatNumber(v, NON_FINITE_INPUT)).join(', ')})`;
}

function flagExplanation(flag: FlagName, record: InspectRecord, options: AnalysisOptions): string {
  switch (flag) {
    case 'non-finite':
      return 'NaN or Inf entries: the matrix is reported but not analyzed';
    case 'near-singular': {
      const s = record.representation === '9d' ? record.s : [null, null, null];
      const ratio = s[0] !== null && s[2] !== null && s[0] > 0 ? s[2] / s[0] : 0;
      return (
        `s3/s1 = ${formatNumber(ratio)} < ${options.nearSingular}: close to rank two, where the SVD ` +
        'projection flips its weakest axis and R can jump'
      );
    }
    case 'det-negative':
      return 'det < 0: the nearest rotation reflects the weakest axis; κ = (s1+s2)/(s2-s3) diverges as s2 -> s3';
    case 'kappa-high':
      if (record.representation === '6d') {
        return `κ_GS = ${formatNumber(record.gs.kappa, '∞')} > ${options.kappa}: Gram-Schmidt scales gradient directions very unevenly`;
      }
      return (
        `κ = ${formatNumber(record.kappa, '∞')} > ${options.kappa}: the SVD layer distorts the gradient; ` +
        `its largest gain 2/(σ2+σ3) is ${formatNumber(record.gains[2], '∞')}`
      );
    case 'gs-degenerate':
      return 'a1 is zero or a1, a2 are (nearly) collinear: Gram-Schmidt is undefined here';
  }
}

function gsRows(record: InspectRecord): string[] {
  const gs = record.gs;
  const ranks = gs.blockRanks[0] === null ? 'n/a' : `a1: ${gs.blockRanks[0]}, a2: ${gs.blockRanks[1]}`;
  return [
    row('GS sv', gs.sv.map((v) => formatNumber(v, '∞')).join('  ')),
    row('κ_GS', formatNumber(gs.kappa, '∞')),
    row('ρ_GS', `${formatNumber(gs.rho)}   (|J_a1|²/|J_a2|², 2 at orthonormal a1, a2; block ranks ${ranks})`),
  ];
}

function flagRows(record: InspectRecord, options: AnalysisOptions): string[] {
  if (record.flags.length === 0) return [row('flags', 'none')];
  return record.flags.map((flag, k) =>
    row(k === 0 ? 'flags' : '', `${flag}: ${flagExplanation(flag, record, options)}`),
  );
}

function format9(record: InspectRecord9D, options: AnalysisOptions): string[] {
  // Every metric of a non-finite matrix is null: show the input and the reason only.
  if (record.flags.includes('non-finite'))
    return [...matrixRows('M', record.m, NON_FINITE_INPUT), ...flagRows(record, options)];
  const infinite = record.s[0] !== null ? '∞' : 'n/a';
  const [g12, g13, g23] = record.gains.map((g) => formatNumber(g, infinite));
  const st = record.stabilized;
  return [
    ...matrixRows('M', record.m, NON_FINITE_INPUT),
    row('s', record.s.map((v) => formatNumber(v)).join('  ')),
    row('det', `${formatNumber(record.det)}   (signed σ3 ${formatNumber(record.sigma3Signed)})`),
    row('κ', formatNumber(record.kappa, infinite)),
    row('gains', `2/(σ1+σ2) ${g12}   2/(σ1+σ3) ${g13}   2/(σ2+σ3) ${g23}`),
    row('dist SO(3)', `${formatNumber(record.distSO3)}   (|M - R|_F)`),
    row('orth defect', `${formatNumber(record.orthDefect)}   (|MᵀM - I|_F)`),
    ...matrixRows('R (SVD)', record.R),
    ...gsRows(record),
    row('SVD vs GS', `${degrees(record.svdGsAngleDeg)}   (angle between the two projections)`),
    row(
      'φ_max',
      `Taylor(K=${formatNumber(st.taylorK)}) ${degrees(st.taylorPhiMaxDeg)}   ` +
        `clamp(ε=${formatNumber(st.clampEps)}) ${degrees(st.clampPhiMaxDeg)}   (stabilized-gradient direction error)`,
    ),
    ...flagRows(record, options),
  ];
}

function format6(record: InspectRecord6D, options: AnalysisOptions): string[] {
  const input = [row('a1', vector(record.a1)), row('a2', vector(record.a2))];
  if (record.flags.includes('non-finite')) return [...input, ...flagRows(record, options)];
  return [
    ...input,
    ...matrixRows(`R (GS, ${options.sixD})`, record.R),
    ...gsRows(record),
    ...flagRows(record, options),
  ];
}

/** The whole table; `form` says how the text was read. */
export function formatInspectRecord(record: InspectRecord, form: string, options: AnalysisOptions): string {
  const title = record.representation === '9d' ? '9D matrix' : `6D prediction (a1, a2 as ${options.sixD})`;
  const body = record.representation === '9d' ? format9(record, options) : format6(record, options);
  return [`${title}, read as ${form}`, ...body].join('\n') + '\n';
}
