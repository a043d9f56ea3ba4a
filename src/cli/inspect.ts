// `so3lens inspect "<text>"`: the metrics of one matrix pasted or printed as text.
// Exit status: 0 printed; 2 the text is no matrix or an option is wrong (one line on stderr).

import { DEFAULT_OPTIONS, type AnalysisOptions } from '../core/metrics';
import { inspectRecord } from '../core/record';
import { parseMatrixText } from '../parsers/matrixText';
import { formatInspectRecord } from './formatInspect';
import type { CliIo } from './main';

/** Where the text comes from when no argument is given; process.stdin unless a test supplies one. */
export interface InspectIo extends CliIo {
  stdin?: AsyncIterable<string | Uint8Array> & { isTTY?: boolean };
}

export function inspectHelp(): string {
  return `Usage: so3lens inspect [options] "<matrix text>"
       ... | so3lens inspect [options] [-]

Reads one matrix as people paste or print it and prints its gradient diagnostics. Accepted:
nested or flat lists (9 numbers: 3x3 row-major; 6: a 6D a1, a2; 2x3 rows / 3x2 columns), NumPy
array(...) repr and str, PyTorch tensor(...), JAX Array(...), MATLAB [a b c; d e f; g h i], and
mathjs expressions such as '[[cos(pi/6), -sin(pi/6), 0], [sin(pi/6), cos(pi/6), 0], [0, 0, 1]]'.
A batch (Bx3x3) is refused: paste one matrix. Several arguments are joined with spaces.

Options:
  --format text|json      text: a readable table (default); json: the inspect record, one object
  --six-d columns|rows    6D convention: a1, a2 are columns (Zhou et al.) or rows (pytorch3d) of R
  --near-singular X       flag near-singular when s3/s1 < X (default ${DEFAULT_OPTIONS.nearSingular})
  --kappa X               flag kappa-high when κ (6D: κ_GS) > X (default ${DEFAULT_OPTIONS.kappa})
  --taylor-k K            Taylor order of the stabilized SVD gradient (default ${DEFAULT_OPTIONS.taylorK})
  --clamp-eps E           clamp floor of the stabilized SVD gradient (default ${DEFAULT_OPTIONS.clampEps})
  --help                  this text

Exit status: 0 printed, 2 the text is no matrix or an option is wrong.
`;
}

class UsageError extends Error {}

interface InspectArgs {
  format: 'text' | 'json';
  options: AnalysisOptions;
  /** undefined: read stdin. */
  text: string | undefined;
  help: boolean;
}

const VALUE_OPTIONS = ['--format', '--six-d', '--near-singular', '--kappa', '--taylor-k', '--clamp-eps'];

/** A negative number (`-0.5`, `-inf`) is matrix text, not an option. */
function looksNumeric(arg: string): boolean {
  return /^-(\d|\.\d|inf|nan)/i.test(arg);
}

function positiveNumber(
  name: string,
  raw: string,
  kind: 'number' | 'integer' | 'number >= 0' = 'number',
): number {
  const value = Number(raw);
  const ok =
    raw.trim() !== '' &&
    Number.isFinite(value) &&
    (kind === 'number >= 0' ? value >= 0 : value > 0) &&
    (kind !== 'integer' || Number.isInteger(value));
  if (!ok)
    throw new UsageError(
      `${name} expects a ${kind === 'number >= 0' ? 'number >= 0' : `positive ${kind}`}, found '${raw}'`,
    );
  return value;
}

function parseInspectArgs(args: string[]): InspectArgs {
  const parsed: InspectArgs = {
    format: 'text',
    options: { ...DEFAULT_OPTIONS },
    text: undefined,
    help: false,
  };
  const texts: string[] = [];
  let stdinDash = false;
  for (let k = 0; k < args.length; k++) {
    const arg = args[k]!;
    if (arg === '--help' || arg === '-h') {
      parsed.help = true;
      continue;
    }
    if (arg === '-') {
      stdinDash = true;
      continue;
    }
    if (arg === '--') {
      texts.push(...args.slice(k + 1));
      break;
    }
    if (!arg.startsWith('-') || looksNumeric(arg)) {
      texts.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!VALUE_OPTIONS.includes(name)) {
      throw new UsageError(`unknown option '${name}'; expected one of ${VALUE_OPTIONS.join(', ')}, --help`);
    }
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      const next = args[k + 1];
      if (next === undefined) throw new UsageError(`${name} expects a value, found the end of the arguments`);
      value = next;
      k++;
    }
    switch (name) {
      case '--format':
        if (value !== 'text' && value !== 'json')
          throw new UsageError(`--format expects text or json, found '${value}'`);
        parsed.format = value;
        break;
      case '--six-d':
        if (value !== 'columns' && value !== 'rows') {
          throw new UsageError(`--six-d expects columns or rows, found '${value}'`);
        }
        parsed.options.sixD = value;
        break;
      case '--near-singular':
        parsed.options.nearSingular = positiveNumber(name, value, 'number >= 0');
        break;
      case '--kappa':
        parsed.options.kappa = positiveNumber(name, value);
        break;
      case '--taylor-k':
        parsed.options.taylorK = positiveNumber(name, value, 'integer');
        break;
      case '--clamp-eps':
        parsed.options.clampEps = positiveNumber(name, value);
        break;
    }
  }
  if (stdinDash && texts.length > 0)
    throw new UsageError("expected the matrix text either as arguments or on stdin ('-'), not both");
  parsed.text = texts.length > 0 ? texts.join(' ') : undefined;
  return parsed;
}

async function readAll(stream: AsyncIterable<string | Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of stream)
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

export async function runInspect(args: string[], io: InspectIo): Promise<number> {
  const fail = (message: string): number => {
    io.stderr.write(`so3lens inspect: ${message}\n`);
    return 2;
  };
  let parsed: InspectArgs;
  try {
    parsed = parseInspectArgs(args);
  } catch (error) {
    if (error instanceof UsageError) return fail(error.message);
    throw error;
  }
  if (parsed.help) {
    io.stdout.write(inspectHelp());
    return 0;
  }
  let text = parsed.text;
  if (text === undefined) {
    const stdin = io.stdin ?? process.stdin;
    if (stdin.isTTY)
      return fail('expected the matrix text as an argument or on stdin; run `so3lens inspect --help`');
    text = await readAll(stdin);
  }
  const matrix = parseMatrixText(text);
  if (!matrix.ok) return fail(matrix.message);
  const record = inspectRecord(matrix.values, matrix.representation, parsed.options);
  if (parsed.format === 'json') io.stdout.write(`${JSON.stringify(record)}\n`);
  else io.stdout.write(formatInspectRecord(record, matrix.form, parsed.options));
  return 0;
}
