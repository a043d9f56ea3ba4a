// Which format a file is in: by content first (magic bytes, the first non-blank character, a header
// naming matrix columns), by extension second; and the parser for each format.

import type { LogFormat, ParserOptions, ResumePoint, StreamParser } from './types';
import { createJsonlParser } from './jsonl';
import { createJsonParser } from './json';
import { createCsvParser } from './csv';
import { createNpyParser } from './npy';
import { createNpzParser } from './npz';
import { createTextLogParser } from './textLog';
import { readHeader } from './scanCsvHeader';
import { readJsonValue } from './scanJsonValue';

const EXTENSIONS: Record<string, LogFormat> = {
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  json: 'json',
  csv: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  npy: 'npy',
  npz: 'npz',
  log: 'text',
  txt: 'text',
  out: 'text',
};

function startsWith(head: Uint8Array, magic: readonly number[]): boolean {
  return head.length >= magic.length && magic.every((byte, i) => head[i] === byte);
}

function extensionFormat(fileName: string): LogFormat | undefined {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? undefined : EXTENSIONS[fileName.slice(dot + 1).toLowerCase()];
}

/** `[` or `{` first: one record a line (JSONL) or one JSON document spread over lines (JSON). */
function jsonKind(head: Uint8Array, start: number, byExtension: LogFormat | undefined): LogFormat {
  if (byExtension === 'jsonl' || byExtension === 'json') return byExtension;
  const newline = head.indexOf(10, start);
  const lineEnd = newline < 0 ? head.length : newline;
  const first = readJsonValue(head, start, lineEnd);
  if (first.value === undefined) {
    // Not one record on the first line: a JSON document over several lines, unless the text stops
    // being JSON within the head (a printed NumPy array also starts with `[`).
    const document = readJsonValue(head, start, head.length);
    if (document.value === undefined && document.errorPos < head.length) return byExtension ?? 'text';
    let after = document.end;
    while (
      after < head.length &&
      (head[after] === 32 || head[after] === 9 || head[after] === 10 || head[after] === 13)
    ) {
      after++;
    }
    if (document.value !== undefined && after < head.length) return byExtension ?? 'text';
    return newline < 0 && head[start] === 123 ? 'jsonl' : 'json';
  }
  // A one-line array of records is a JSON file; a record (or a bare matrix) a line is JSONL.
  const value = first.value;
  if (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v))
  ) {
    return 'json';
  }
  return 'jsonl';
}

/**
 * The format of a file from its name and first bytes (a few KB are plenty), or undefined when
 * neither says. Content wins over the extension: a `.log` of JSON lines is JSONL.
 */
export function detectFormat(fileName: string, head: Uint8Array): LogFormat | undefined {
  if (startsWith(head, [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59])) return 'npy';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return 'npz';
  const byExtension = extensionFormat(fileName);
  let start = startsWith(head, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (
    start < head.length &&
    (head[start] === 32 || head[start] === 9 || head[start] === 10 || head[start] === 13)
  ) {
    start++;
  }
  if (start === head.length) return byExtension;
  const first = head[start];
  if (first === 91 || first === 123) return jsonKind(head, start, byExtension);
  const newline = head.indexOf(10, start);
  const headerLine = new TextDecoder()
    .decode(head.subarray(start, newline < 0 ? head.length : newline))
    .replace(/^#+\s*/, '');
  const layout = readHeader(headerLine.replace(/\r$/, ''), {});
  if (typeof layout !== 'string') return layout.delimiter === 9 ? 'tsv' : 'csv';
  if (byExtension === 'npy' || byExtension === 'npz') return undefined;
  return byExtension ?? (looksLikeText(head) ? 'text' : undefined);
}

/** Printable text (a printed-tensor log), not some other binary file. */
function looksLikeText(head: Uint8Array): boolean {
  const sample = head.subarray(0, 4096);
  let control = 0;
  for (const byte of sample) if (byte < 9 || (byte > 13 && byte < 32)) control++;
  return control === 0;
}

/** The stream parser of a format. `.npz` and `.json` are buffered: their parsers read at the final flush. */
export function createParser(
  format: LogFormat,
  options: ParserOptions = {},
  resume?: ResumePoint,
): StreamParser {
  switch (format) {
    case 'jsonl':
      return createJsonlParser(options, resume);
    case 'json':
      return createJsonParser(options);
    case 'csv':
    case 'tsv':
      return createCsvParser(options, resume, format);
    case 'npy':
      return createNpyParser(options, resume);
    case 'npz':
      return createNpzParser(options);
    case 'text':
      return createTextLogParser(options, resume);
  }
}
