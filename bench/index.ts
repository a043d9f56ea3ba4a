// `npm run bench`: runs every benchmark section in order and prints its figures.
//
// Adding a section: write bench/<name>.ts exporting an async function `<name>Section()` whose
// parameters all have defaults (it prints its own lines), then append one line to SECTIONS below:
//     () => import('./<name>'),
// `npm run bench -- <name> ...` runs only the sections whose name contains one of the words; arguments
// starting with `-` are ignored here (a section may read its own options from process.argv).
// CPU-heavy and shared machine: each section keeps its run short and reports best-of-N timings.
import { cpus, loadavg } from 'node:os';

type SectionModule = Record<string, unknown>;

const SECTIONS: Array<() => Promise<SectionModule>> = [
  () => import('./core'),
  () => import('./parsers'),
  () => import('./engine'),
  () => import('./webview'),
];

async function main(): Promise<void> {
  // Words select sections; options (--x) are left for the sections themselves to read.
  const filter = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `so3-lens bench: Node ${process.version}, ${cpu}, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(2)}`,
  );
  for (const load of SECTIONS) {
    const module = await load();
    for (const [name, run] of Object.entries(module)) {
      if (!name.endsWith('Section') || typeof run !== 'function') continue;
      const label = name.slice(0, -'Section'.length);
      if (filter.length > 0 && !filter.some((word) => label.includes(word))) continue;
      await (run as () => unknown)();
    }
  }
}

void main();
