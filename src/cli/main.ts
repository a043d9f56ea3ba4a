// Sub-command dispatch for `so3lens`. Each sub-command lives in its own file and returns an exit code.
import { version } from '../../package.json';

export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

type SubCommand = (args: string[], io: CliIo) => Promise<number>;

const subCommands: Record<string, { run: () => Promise<SubCommand>; summary: string }> = {
  analyze: {
    run: async () => (await import('./analyze')).runAnalyze,
    summary: 'per-step gradient diagnostics of a logged run',
  },
  demo: {
    run: async () => (await import('./demo')).runDemo,
    summary: 'train a small network three ways and log its predictions',
  },
  inspect: {
    run: async () => (await import('./inspect')).runInspect,
    summary: 'the gradient diagnostics of one matrix given as text',
  },
};

export function usage(): string {
  const lines = [
    `so3lens ${version}: gradient diagnostics for networks that predict rotations`,
    '',
    'Usage:',
  ];
  for (const [name, { summary }] of Object.entries(subCommands))
    lines.push(`  so3lens ${name.padEnd(8)} ${summary}`);
  lines.push('', 'Run `so3lens <command> --help` for the options of a command.');
  return lines.join('\n') + '\n';
}

export async function runCli(args: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${version}\n`);
    return 0;
  }
  const entry = subCommands[name];
  if (!entry) {
    io.stderr.write(
      `so3lens: unknown command '${name}'. Expected one of: ${Object.keys(subCommands).join(', ')}.\n`,
    );
    return 2;
  }
  return (await entry.run())(rest, io);
}
