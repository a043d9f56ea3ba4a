// `.npz` archives (np.savez / np.savez_compressed): a zip of `.npy` members, read whole.
//
// A zip's directory sits at its end, so an archive is parsed once all of it is in memory; the chosen
// member is then inflated piece by piece straight into the streaming `.npy` parser, so no second
// full copy of it is made. `createNpzParser` wraps this as a StreamParser that buffers pushes and
// parses at flush(true).
//
// The matrix array: `options.key`, else the first array named like a prediction (MATRIX_NAMES, any
// case), else the only array of two or more axes whose trailing axes hold matrices. Step arrays
// and 1-D arrays are never picked by shape alone, so a 9- or 6-element step or loss vector is not
// mistaken for a matrix. The step array: `options.stepKey`, else the first of STEP_NAMES, used
// when it holds one value per step of the matrix array (its first axis).
//
// Offsets: issues give byte offsets into the .npz (a member's local header when the problem is
// inside a member); block offsets are byte offsets into the member's own .npy bytes.

import type { Representation } from '../core/metrics';
import type { MatrixBlock, ParseIssue, ParseResult, ParserOptions, ResumePoint, StreamParser } from './types';
import { concatBytes } from './bytes';
import { interpretNpy, isNpyHeaderError, type NpyHeader, type NpyPreamble } from './npyHeader';
import { byName, decodeMember, describe, readMember, type NpzMember } from './npzMember';
import { chooseStepArray, STEP_NAMES } from './npzSteps';
import { readZipDirectory } from './npzZip';

export { STEP_NAMES };

export const MATRIX_NAMES = [
  'pred',
  'preds',
  'prediction',
  'predictions',
  'r',
  'rot',
  'rots',
  'rotation',
  'rotations',
  'matrix',
  'matrices',
  'm',
];

export interface NpzArrayInfo {
  name: string;
  /** The member's `descr` ('<f4', '<i8', ...), or '' when its header could not be read. */
  dtype: string;
  shape: number[];
}

export interface NpzResult {
  arrays: NpzArrayInfo[];
  matrixArray?: string;
  stepArray?: string;
  representation?: Representation;
  block: MatrixBlock | undefined;
  issues: ParseIssue[];
  stepSource: 'logged' | 'ordinal' | undefined;
}

export function parseNpz(bytes: Uint8Array, options: ParserOptions = {}): NpzResult {
  const issues: ParseIssue[] = [];
  const result = (extra: Partial<NpzResult>): NpzResult => ({
    arrays,
    block: undefined,
    issues,
    stepSource: undefined,
    ...extra,
  });
  const arrays: NpzArrayInfo[] = [];
  const directory = readZipDirectory(bytes);
  if (!Array.isArray(directory)) {
    issues.push({ severity: 'error', message: directory.error, offset: directory.offset });
    return result({});
  }
  const members: NpzMember[] = [];
  for (const entry of directory) {
    if (!entry.name.endsWith('.npy')) continue;
    const member = readMember(bytes, entry, options.representation ?? 'auto', issues);
    if (member === undefined) continue;
    members.push(member);
    arrays.push({
      name: member.name,
      dtype: member.preamble?.descr ?? '',
      shape: member.preamble?.shape ?? [],
    });
  }
  if (members.length === 0) {
    if (issues.length === 0)
      issues.push({ severity: 'error', message: 'the .npz holds no .npy arrays', offset: 0 });
    return result({});
  }

  const chosen = chooseMatrixArray(members, options, issues);
  if (chosen === undefined) return result({});
  const header = chosen.header as NpyHeader;
  const block = decodeMember(chosen, header, options, issues);
  const steps = chooseStepArray(members, chosen, header, options, issues);
  if (steps !== undefined && block !== undefined) {
    for (let i = 0; i < block.count; i++) block.step[i] = steps.values[block.step[i] as number] as number;
  }
  return result({
    matrixArray: chosen.name,
    stepArray: steps?.name,
    representation: header.representation,
    block,
    stepSource: steps === undefined ? 'ordinal' : 'logged',
  });
}

function chooseMatrixArray(
  members: NpzMember[],
  options: ParserOptions,
  issues: ParseIssue[],
): NpzMember | undefined {
  const listing = members.map(describe).join(', ');
  if (options.key !== undefined) {
    const key = options.key.endsWith('.npy') ? options.key.slice(0, -4) : options.key;
    const member = members.find((m) => m.name === key);
    if (member === undefined) {
      issues.push({
        severity: 'error',
        message: `the .npz has no array '${key}': it holds ${listing}`,
        offset: 0,
      });
      return undefined;
    }
    if (member.header === undefined) {
      const why =
        member.preamble === undefined ? 'its header cannot be read' : headerProblem(member.preamble, options);
      issues.push({
        severity: 'error',
        message: `array '${key}' holds no matrices: ${why}`,
        offset: member.at,
      });
      return undefined;
    }
    return member;
  }
  const holding = members.filter((m) => m.header !== undefined);
  const named = byName(holding, MATRIX_NAMES);
  if (named !== undefined) return named;
  const candidates = holding.filter(
    (m) => (m.preamble?.shape.length ?? 0) >= 2 && !STEP_NAMES.includes(m.name.toLowerCase()),
  );
  if (candidates.length === 1) return candidates[0];
  if (candidates.length === 0) {
    issues.push({
      severity: 'error',
      message: `no array of the .npz holds matrices: expected a float array with trailing axes (..., 3, 3), (..., 9), (..., 6), (..., 2, 3) or (..., 3, 2); found ${listing}`,
      offset: 0,
    });
    return undefined;
  }
  issues.push({
    severity: 'error',
    message: `${candidates.length} arrays of the .npz could hold the matrices: ${candidates.map(describe).join(', ')}; choose one with --key NAME (e.g. --key ${candidates[0]?.name})`,
    offset: 0,
  });
  return undefined;
}

function headerProblem(preamble: NpyPreamble, options: ParserOptions): string {
  const header = interpretNpy(preamble, options.representation ?? 'auto');
  return isNpyHeaderError(header) ? header.error : 'unknown';
}

/**
 * StreamParser face of `parseNpz`: pushes are buffered (a zip cannot be read before its end) and
 * the archive is parsed at flush(true). flush(false) returns nothing and keeps the bytes.
 */
export function createNpzParser(options: ParserOptions = {}): StreamParser {
  return new NpzStreamParser(options);
}

class NpzStreamParser implements StreamParser {
  readonly format = 'npz' as const;
  private chunks: Uint8Array[] = [];
  private size = 0;
  private parsed: NpzResult | undefined;

  constructor(private readonly options: ParserOptions) {}

  get representation(): Representation | undefined {
    return this.parsed?.representation;
  }

  get stepSource(): 'logged' | 'ordinal' | undefined {
    return this.parsed?.stepSource;
  }

  get resume(): ResumePoint {
    const done = this.parsed !== undefined;
    return {
      offset: done ? this.size : 0,
      line: 0,
      records: this.parsed?.block?.count ?? 0,
      state: undefined,
    };
  }

  push(chunk: Uint8Array): ParseResult {
    if (this.parsed === undefined && chunk.length > 0) {
      this.chunks.push(chunk.slice());
      this.size += chunk.length;
    }
    return { block: undefined, issues: [] };
  }

  flush(final: boolean): ParseResult {
    if (!final || this.parsed !== undefined) return { block: undefined, issues: [] };
    const bytes = concatBytes(this.chunks, this.size);
    this.chunks = [];
    this.parsed = parseNpz(bytes, this.options);
    return { block: this.parsed.block, issues: this.parsed.issues };
  }
}
