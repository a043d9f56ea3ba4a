// The parsers the engine drives, by format (the one place the engine names src/parsers modules).

import { createJsonlParser } from '../parsers/jsonl';
import { createNpyParser } from '../parsers/npy';
import { createNpzParser } from '../parsers/npz';
import type { LogFormat, ParserOptions, ResumePoint, StreamParser } from '../parsers/types';

export function createParser(
  format: LogFormat,
  options: ParserOptions,
  resume: ResumePoint | undefined,
): StreamParser {
  switch (format) {
    case 'jsonl':
      return createJsonlParser(options, resume);
    case 'npy':
      return createNpyParser(options, resume);
    case 'npz':
      return createNpzParser(options);
    default:
      throw new Error(`no parser yet for ${format}`);
  }
}

export function detectFormat(fileName: string, _head: Uint8Array): LogFormat | undefined {
  if (fileName.endsWith('.jsonl')) return 'jsonl';
  if (fileName.endsWith('.npy')) return 'npy';
  if (fileName.endsWith('.npz')) return 'npz';
  return undefined;
}
