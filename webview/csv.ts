// The per-step table as CSV, in exactly the columns of `so3lens analyze --format csv` (one row per
// run and step, in step order), so a file exported here and one from the CLI read the same way.

import { STEP_STATISTICS } from '../src/shared/analysis';
import { QUANTILES, type RunStore } from './store';

const COUNTS = ['nearSingular', 'detNegative', 'kappaHigh', 'nonFinite'] as const;

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function numberField(value: number): string {
  if (Number.isNaN(value)) return '';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return String(value);
}

export function stepsCsvHeader(): string {
  const columns = ['file', 'step', 'count', 'line', 'offset'];
  for (const stat of STEP_STATISTICS) for (const q of QUANTILES) columns.push(`${stat}_${q}`);
  columns.push(...COUNTS);
  return columns.join(',');
}

export function stepsCsv(stores: RunStore[]): string {
  const lines = [stepsCsvHeader()];
  for (const store of stores) {
    const file = field(store.file);
    const order = store.order;
    const count = store.column('count');
    const line = store.column('line');
    const counts = COUNTS.map((c) => store.column(c));
    const stats = STEP_STATISTICS.flatMap((stat) => QUANTILES.map((q) => store.stat(stat, q)));
    for (let k = 0; k < order.length; k++) {
      const i = order[k] as number;
      const row = [
        file,
        numberField(store.steps[i] as number),
        String(count[i]),
        String(line[i]),
        numberField(store.offsets[i] as number),
      ];
      for (const series of stats) row.push(numberField(series[i] as number));
      for (const column of counts) row.push(String(column[i]));
      lines.push(row.join(','));
    }
  }
  return lines.join('\n') + '\n';
}
