// The Inspect Matrix page: every number of the core's inspect record, laid out to be read, and the
// record itself as JSON for copying. Pure, unit-tested on plain Node.
import type { InspectRecord, RecordNumber } from '../core/record';
import { FLAG_EXPLANATIONS } from '../shared/flagText';
import { formatNumber } from './hoverMarkdown';

function matrixTable(values: RecordNumber[], rows: number, columns: number, header: string[]): string[] {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '--:').join('|')}|`];
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < columns; c++) cells.push(formatNumber(values[r * columns + c] ?? null, 6));
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines;
}

const inf = (x: RecordNumber) => (x === null ? '∞' : formatNumber(x, 6));

export function inspectMarkdown(record: InspectRecord, source: { text: string; form?: string }): string {
  const lines: string[] = ['# SO3 Lens: Inspect Matrix', ''];
  if (source.form) lines.push(`Read as: ${source.form}.`, '');
  const shown = source.text.length > 2000 ? `${source.text.slice(0, 2000)}…` : source.text;
  lines.push('~~~text', shown.replace(/~~~/g, '~ ~ ~'), '~~~', '');
  const finite = !record.flags.includes('non-finite');
  if (record.representation === '9d') {
    lines.push('## Input M', '', ...matrixTable(record.m, 3, 3, ['col 0', 'col 1', 'col 2']), '');
    if (finite) {
      lines.push(
        '## SVD projection',
        '',
        '| quantity | value |',
        '|:--|--:|',
        `| singular values s1 · s2 · s3 | ${record.s.map((x) => formatNumber(x, 6)).join(' · ')} |`,
        `| det M | ${formatNumber(record.det, 6)} |`,
        `| signed σ3 = d·s3 | ${formatNumber(record.sigma3Signed, 6)} |`,
        `| κ = (σ1+σ2)/(σ2+σ3) | ${inf(record.kappa)} |`,
        `| gains 2/(σ1+σ2) · 2/(σ1+σ3) · 2/(σ2+σ3) | ${record.gains.map(inf).join(' · ')} |`,
        `| distance to SO(3) ‖M − R‖_F | ${formatNumber(record.distSO3, 6)} |`,
        `| orthogonality defect ‖MᵀM − I‖_F | ${formatNumber(record.orthDefect, 6)} |`,
        '',
        '### R = U diag(1, 1, d) Vᵀ',
        '',
        ...matrixTable(record.R, 3, 3, ['col 0', 'col 1', 'col 2']),
        '',
        '## Gram-Schmidt on the first two columns',
        '',
        '| quantity | value |',
        '|:--|--:|',
        `| Jacobian singular values | ${record.gs.sv.map(inf).join(' · ')} |`,
        `| κ_GS | ${inf(record.gs.kappa)} |`,
        `| ρ_GS (gradient energy a1 : a2) | ${inf(record.gs.rho)} |`,
        `| block ranks a1 : a2 | ${record.gs.blockRanks.map((x) => formatNumber(x)).join(' : ')} |`,
        `| angle between R_svd and R_gs | ${formatNumber(record.svdGsAngleDeg, 6)}° |`,
        '',
        '## Stabilized SVD gradients',
        '',
        '| stabilizer | worst-case direction error φ_max |',
        '|:--|--:|',
        `| Taylor, K = ${formatNumber(record.stabilized.taylorK)} | ${formatNumber(record.stabilized.taylorPhiMaxDeg, 6)}° |`,
        `| clamp, ε = ${formatNumber(record.stabilized.clampEps)} | ${formatNumber(record.stabilized.clampPhiMaxDeg, 6)}° |`,
        '',
      );
    }
  } else {
    lines.push(
      '## Input (6D)',
      '',
      '| | x | y | z |',
      '|:--|--:|--:|--:|',
      `| a1 | ${record.a1.map((x) => formatNumber(x, 6)).join(' | ')} |`,
      `| a2 | ${record.a2.map((x) => formatNumber(x, 6)).join(' | ')} |`,
      '',
    );
    if (finite) {
      lines.push(
        '## Gram-Schmidt',
        '',
        '| quantity | value |',
        '|:--|--:|',
        `| Jacobian singular values | ${record.gs.sv.map(inf).join(' · ')} |`,
        `| κ_GS | ${inf(record.gs.kappa)} |`,
        `| ρ_GS (gradient energy a1 : a2) | ${inf(record.gs.rho)} |`,
        `| block ranks a1 : a2 | ${record.gs.blockRanks.map((x) => formatNumber(x)).join(' : ')} |`,
        '',
        '### R_gs',
        '',
        ...matrixTable(record.R, 3, 3, ['col 0', 'col 1', 'col 2']),
        '',
      );
    }
  }
  lines.push('## Flags', '');
  if (record.flags.length === 0) lines.push('None.');
  for (const flag of record.flags) lines.push(`- **${flag}**: ${FLAG_EXPLANATIONS[flag]}`);
  lines.push(
    '',
    '## Record (`so3lens inspect --format json`)',
    '',
    '```json',
    JSON.stringify(record, null, 2),
    '```',
    '',
  );
  return lines.join('\n');
}
