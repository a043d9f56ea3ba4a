// The step array of an `.npz`: named like a step (or given), one value per step of the matrix
// array, any integer or float dtype. Anything else is a warning and ordinal steps.

import type { ParseIssue, ParserOptions } from './types';
import { halfBitsToNumber } from './float16';
import { formatShape, type NpyHeader, type NpyPreamble } from './npyHeader';
import { byName, type NpzMember } from './npzMember';
import { entryPrefix } from './npzZip';

export const STEP_NAMES = ['step', 'steps', 'global_step', 'iteration', 'iter', 'it', 'epoch'];

export function chooseStepArray(
  members: NpzMember[],
  chosen: NpzMember,
  header: NpyHeader,
  options: ParserOptions,
  issues: ParseIssue[],
): { name: string; values: Float64Array } | undefined {
  const others = members.filter((m) => m !== chosen);
  let member: NpzMember | undefined;
  if (options.stepKey !== undefined) {
    const key = options.stepKey.endsWith('.npy') ? options.stepKey.slice(0, -4) : options.stepKey;
    member = others.find((m) => m.name === key);
    if (member === undefined) {
      issues.push({
        severity: 'warning',
        message: `the .npz has no step array '${key}'; using the index along the first axis as the step`,
        offset: 0,
      });
      return undefined;
    }
  } else member = byName(others, STEP_NAMES);
  if (member === undefined) return undefined;
  const fallback = `; using the index along the first axis of '${chosen.name}' as the step`;
  const preamble = member.preamble;
  if (preamble === undefined) {
    issues.push({
      severity: 'warning',
      message: `step array '${member.name}' cannot be read${fallback}`,
      offset: member.at,
    });
    return undefined;
  }
  if (preamble.elements !== header.steps) {
    issues.push({
      severity: 'warning',
      message: `step array '${member.name}' ${formatShape(preamble.shape)} has ${preamble.elements} values, but '${chosen.name}' ${formatShape(header.shape)} has ${header.steps} steps${fallback}`,
      offset: member.at,
    });
    return undefined;
  }
  const values = readNumbers(member, preamble);
  if (typeof values === 'string') {
    issues.push({
      severity: 'warning',
      message: `step array '${member.name}': ${values}${fallback}`,
      offset: member.at,
    });
    return undefined;
  }
  return { name: member.name, values };
}

/** A small numeric array (int, uint or float of any width and byte order) as Float64 values. */
function readNumbers(member: NpzMember, preamble: NpyPreamble): Float64Array | string {
  const match = /^([<>|=])([iuf])([1248])$/.exec(preamble.descr);
  if (match === null) return `unsupported dtype '${preamble.descr}': expected integers or floats`;
  const little = match[1] !== '>';
  const kind = match[2];
  const size = Number(match[3]);
  if (kind === 'f' && size === 1) return `unsupported dtype '${preamble.descr}'`;
  const length = preamble.dataOffset + preamble.elements * size;
  const { bytes, error } = entryPrefix(member.data, member.entry.method, length);
  if (error !== undefined) return `corrupt compressed data (${error})`;
  if (bytes.length < length) return `the data ends early: expected ${length} bytes, found ${bytes.length}`;
  const view = new DataView(bytes.buffer, bytes.byteOffset + preamble.dataOffset, preamble.elements * size);
  const values = new Float64Array(preamble.elements);
  for (let i = 0; i < values.length; i++) values[i] = readNumber(view, i * size, kind, size, little);
  return values;
}

function readNumber(
  view: DataView,
  at: number,
  kind: string | undefined,
  size: number,
  little: boolean,
): number {
  if (kind === 'f') {
    if (size === 8) return view.getFloat64(at, little);
    if (size === 4) return view.getFloat32(at, little);
    return halfBitsToNumber(view.getUint16(at, little));
  }
  const signed = kind === 'i';
  switch (size) {
    case 1:
      return signed ? view.getInt8(at) : view.getUint8(at);
    case 2:
      return signed ? view.getInt16(at, little) : view.getUint16(at, little);
    case 4:
      return signed ? view.getInt32(at, little) : view.getUint32(at, little);
    default: {
      const low = view.getUint32(little ? at : at + 4, little);
      const high = signed
        ? view.getInt32(little ? at + 4 : at, little)
        : view.getUint32(little ? at + 4 : at, little);
      return high * 2 ** 32 + low;
    }
  }
}
