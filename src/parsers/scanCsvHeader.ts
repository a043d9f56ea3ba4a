// The CSV / TSV header: which delimiter, which columns hold the matrix (and in which order), which
// holds the step. Column names are matched case-insensitively in the forms loggers write:
// m00..m22, r11..r33 (1-based), R_0_0, R[0][0], rot(0,1), m0..m8, rot_1..rot_9, a1_x..a2_z, a1_0..a2_2.

import { STEP_NAMES, type MatrixWidth } from './keyPath';

/** Byte of the delimiter; WHITESPACE for columns separated by runs of spaces or tabs. */
export const WHITESPACE = 0;

export interface CsvLayout {
  delimiter: number;
  /** Header names as written (for messages). */
  names: string[];
  /** Field index of each matrix number: 9D row-major, or 6D a1 then a2. */
  matrixColumns: number[];
  width: MatrixWidth;
  /** Field index of the step, or -1 (steps are then row ordinals). */
  stepColumn: number;
}

const CANDIDATE_DELIMITERS = [44, 9, 59, 124];

/** The delimiter that splits the header line most often outside quotes; whitespace when none does. */
export function sniffDelimiter(header: string): number {
  const counts = new Map<number, number>();
  let quoted = false;
  for (let i = 0; i < header.length; i++) {
    const c = header.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted && CANDIDATE_DELIMITERS.includes(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best = WHITESPACE;
  let bestCount = 0;
  for (const c of CANDIDATE_DELIMITERS) {
    const count = counts.get(c) ?? 0;
    if (count > bestCount) {
      best = c;
      bestCount = count;
    }
  }
  return best;
}

/** Splits a header (or any) line into unquoted fields. */
export function splitFields(line: string, delimiter: number): string[] {
  if (delimiter === WHITESPACE)
    return line
      .trim()
      .split(/[ \t]+/)
      .map(unquote);
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (quoted) {
      if (c === 34 && line.charCodeAt(i + 1) === 34) {
        field += '"';
        i++;
      } else if (c === 34) quoted = false;
      else field += line[i];
    } else if (c === 34) quoted = true;
    else if (c === delimiter) {
      fields.push(field.trim());
      field = '';
    } else field += line[i];
  }
  fields.push(field.trim());
  return fields;
}

function unquote(field: string): string {
  return field.length >= 2 && field.startsWith('"') && field.endsWith('"')
    ? field.slice(1, -1).replace(/""/g, '"')
    : field;
}

interface GridCell {
  column: number;
  row: number;
  col: number;
}

const AXIS: Record<string, number> = { x: 0, y: 1, z: 2 };
const TWO_INDEX = /^(.*?)[\s_\-.([]*([0-9])[\s_\-.,)\][(]*([0-9xyz])[\s)\]]*$/;
const ONE_INDEX = /^(.*?)[\s_\-.([]*([0-9])[\s)\]]*$/;

/** Prefixes in order of preference when a header holds several matrices (prediction before target). */
const PREFERRED_PREFIXES = [
  'pred',
  'prediction',
  'pred_r',
  'r_pred',
  'pred_rot',
  'r',
  'rot',
  'rotation',
  'm',
  'mat',
  'matrix',
  'a',
];

function normalizePrefix(prefix: string): string {
  return prefix.replace(/[\s_\-.([]+$/, '');
}

/** A complete index grid: rows x cols with both ranges contiguous from 0 or from 1. */
function gridOrder(cells: GridCell[]): { rows: number; cols: number; columns: number[] } | undefined {
  const rows = [...new Set(cells.map((c) => c.row))].sort();
  const cols = [...new Set(cells.map((c) => c.col))].sort();
  if (rows.length * cols.length !== cells.length) return undefined;
  const contiguous = (values: number[]) =>
    (values[0] === 0 || values[0] === 1) && values.every((v, i) => v === values[0]! + i);
  if (!contiguous(rows) || !contiguous(cols)) return undefined;
  const columns = new Array<number>(cells.length).fill(-1);
  for (const cell of cells) {
    const index = (cell.row - rows[0]!) * cols.length + (cell.col - cols[0]!);
    if (columns[index] !== -1) return undefined;
    columns[index] = cell.column;
  }
  return { rows: rows.length, cols: cols.length, columns };
}

interface Candidate {
  prefix: string;
  width: MatrixWidth;
  columns: number[];
  first: number;
}

function addGroup(candidates: Candidate[], prefix: string, cells: GridCell[], flat: boolean): void {
  const grid = gridOrder(cells);
  if (!grid) return;
  let first = Infinity;
  for (const cell of cells) first = Math.min(first, cell.column);
  if (flat) {
    if (grid.cols === 9) candidates.push({ prefix, width: 9, columns: grid.columns, first });
    if (grid.cols === 6) candidates.push({ prefix, width: 6, columns: grid.columns, first });
    return;
  }
  if (grid.rows === 3 && grid.cols === 3) candidates.push({ prefix, width: 9, columns: grid.columns, first });
  else if (grid.rows === 2 && grid.cols === 3)
    candidates.push({ prefix, width: 6, columns: grid.columns, first });
  else if (grid.rows === 3 && grid.cols === 2) {
    // Columns a1 a2 of a 3x2 matrix: reorder to a1 then a2.
    const c = grid.columns;
    candidates.push({ prefix, width: 6, columns: [c[0]!, c[2]!, c[4]!, c[1]!, c[3]!, c[5]!], first });
  }
}

function matrixCandidates(names: string[]): Candidate[] {
  const twoIndex = new Map<string, GridCell[]>();
  const oneIndex = new Map<string, GridCell[]>();
  names.forEach((raw, column) => {
    const name = raw.trim().toLowerCase();
    const two = TWO_INDEX.exec(name);
    if (two) {
      const prefix = normalizePrefix(two[1]!);
      const col = two[3]! in AXIS ? AXIS[two[3]!]! : Number(two[3]);
      const cells = twoIndex.get(prefix) ?? [];
      cells.push({ column, row: Number(two[2]), col });
      twoIndex.set(prefix, cells);
    }
    const one = ONE_INDEX.exec(name);
    if (one) {
      const prefix = normalizePrefix(one[1]!);
      const cells = oneIndex.get(prefix) ?? [];
      cells.push({ column, row: 0, col: Number(one[2]) });
      oneIndex.set(prefix, cells);
    }
  });
  const candidates: Candidate[] = [];
  for (const [prefix, cells] of twoIndex) addGroup(candidates, prefix, cells, false);
  for (const [prefix, cells] of oneIndex) addGroup(candidates, prefix, cells, true);
  return candidates;
}

function chooseCandidate(candidates: Candidate[]): Candidate | undefined {
  const rank = (c: Candidate) => {
    const i = PREFERRED_PREFIXES.indexOf(c.prefix);
    return i === -1 ? PREFERRED_PREFIXES.length : i;
  };
  return [...candidates].sort((a, b) => rank(a) - rank(b) || a.first - b.first || b.width - a.width)[0];
}

export interface HeaderOptions {
  /** A known delimiter (a `.tsv` file is tab-separated even if its names hold commas); else sniffed. */
  delimiter?: number;
  columns?: string[];
  stepKey?: string;
  width?: MatrixWidth;
}

/** The layout a header describes, or the sentence saying why it describes none. */
export function readHeader(line: string, options: HeaderOptions): CsvLayout | string {
  const delimiter = options.delimiter ?? sniffDelimiter(line);
  const names = splitFields(line, delimiter);
  const lower = names.map((n) => n.trim().toLowerCase());
  const found = names.length > 12 ? `${names.slice(0, 12).join(', ')}, …` : names.join(', ');
  let matrixColumns: number[];
  let width: MatrixWidth;
  if (options.columns) {
    matrixColumns = options.columns.map((name) => lower.indexOf(name.trim().toLowerCase()));
    const missing = options.columns.filter((_, i) => matrixColumns[i] === -1);
    if (missing.length) return `expected the columns ${missing.join(', ')} in the header, found ${found}`;
    if (matrixColumns.length !== 9 && matrixColumns.length !== 6) {
      return `expected 9 or 6 matrix columns, found ${matrixColumns.length} given`;
    }
    width = matrixColumns.length as MatrixWidth;
  } else {
    const candidates = matrixCandidates(names).filter(
      (c) => options.width === undefined || c.width === options.width,
    );
    const chosen = chooseCandidate(candidates);
    if (!chosen) return `expected a header naming 9 (or 6) matrix columns such as m00..m22, found ${found}`;
    matrixColumns = chosen.columns;
    width = chosen.width;
  }
  let stepColumn = -1;
  if (options.stepKey !== undefined) {
    stepColumn = lower.indexOf(options.stepKey.trim().toLowerCase());
    if (stepColumn === -1) return `expected a step column ${options.stepKey} in the header, found ${found}`;
  } else {
    for (const name of STEP_NAMES) {
      stepColumn = lower.indexOf(name);
      if (stepColumn !== -1) break;
    }
  }
  return { delimiter, names, matrixColumns, width, stepColumn };
}
