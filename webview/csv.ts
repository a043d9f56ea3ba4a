// The per-step table as CSV (one row per run and step), for the host to save.

import { STEP_STATISTICS } from '../src/shared/analysis';
import { QUANTILES, type RunStore } from './store';

function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function numberCell(value: number): string {
  return Number.isNaN(value) ? '' : String(value);
}

export function stepsCsv(stores: RunStore[]): string {
  const header = [
    'run',
    'file',
    'step',
    'count',
    'line',
    'offset',
    'nearSingular',
    'detNegative',
    'kappaHigh',
    'nonFinite',
  ];
  for (const stat of STEP_STATISTICS) for (const q of QUANTILES) header.push(`${stat}_${q}`);
  const lines = [header.join(',')];
  for (const store of stores) {
    const label = cell(store.label);
    const file = cell(store.file);
    const order = store.order;
    const columns = (['count', 'line', 'nearSingular', 'detNegative', 'kappaHigh', 'nonFinite'] as const).map(
      (c) => store.column(c),
    );
    const stats = STEP_STATISTICS.flatMap((stat) => QUANTILES.map((q) => store.stat(stat, q)));
    for (let k = 0; k < order.length; k++) {
      const i = order[k] as number;
      const row = [label, file, numberCell(store.steps[i] as number)];
      row.push(String(columns[0]?.[i]), String(columns[1]?.[i]), numberCell(store.offsets[i] as number));
      for (let c = 2; c < columns.length; c++) row.push(String(columns[c]?.[i]));
      for (const series of stats) row.push(numberCell(series[i] as number));
      lines.push(row.join(','));
    }
  }
  return lines.join('\n') + '\n';
}
