// The hover's text for one matrix: a compact markdown table built from the core's inspect record.
// Pure (no `vscode`), so it is unit-tested on plain Node; hover.ts wraps it in a MarkdownString.
import type { InspectRecord, RecordNumber } from '../core/record';
import { FLAG_EXPLANATIONS } from '../shared/flagText';

export function formatNumber(x: RecordNumber, digits = 4): string {
  if (x === null) return '—';
  if (x === 0) return '0';
  const magnitude = Math.abs(x);
  if (magnitude >= 1e5 || magnitude < 1e-3) return x.toExponential(digits - 1).replace('e+', 'e');
  return Number(x.toPrecision(digits)).toString();
}

function infinite(x: RecordNumber): string {
  return x === null ? '∞' : formatNumber(x);
}

/**
 * `inspectLink` is a `command:` URI that opens the matrix in Inspect Matrix; the caller builds it
 * because only the adapter knows the command's arguments.
 */
export function hoverMarkdown(record: InspectRecord, inspectLink: string): string {
  const rows: string[] = [];
  const row = (name: string, value: string) => rows.push(`| ${name} | ${value} |`);
  if (record.representation === '9d') {
    if (!record.flags.includes('non-finite')) {
      row('s1 · s2 · s3', record.s.map((x) => formatNumber(x)).join(' · '));
      row('det', formatNumber(record.det));
      row('κ (SVD Jacobian)', infinite(record.kappa));
      row('gains 2/(σi+σj)', record.gains.map(infinite).join(' · '));
      row('‖M − R‖_F', formatNumber(record.distSO3));
      row('ρ_GS · κ_GS', `${infinite(record.gs.rho)} · ${infinite(record.gs.kappa)}`);
      row('SVD vs GS angle', `${formatNumber(record.svdGsAngleDeg)}°`);
      row(
        `φ_max Taylor K=${record.stabilized.taylorK} · clamp ε=${formatNumber(record.stabilized.clampEps)}`,
        `${formatNumber(record.stabilized.taylorPhiMaxDeg)}° · ${formatNumber(record.stabilized.clampPhiMaxDeg)}°`,
      );
    }
  } else if (!record.flags.includes('non-finite')) {
    row('GS singular values', record.gs.sv.map(infinite).join(' · '));
    row('κ_GS', infinite(record.gs.kappa));
    row('ρ_GS (a1 : a2 gradient energy)', `${infinite(record.gs.rho)} (block ranks 2 : 1)`);
  }
  const title =
    record.representation === '9d' ? '**SO3 Lens** · 3x3 prediction' : '**SO3 Lens** · 6D prediction';
  const lines = [title, ''];
  if (rows.length > 0) lines.push('| | |', '|:--|--:|', ...rows, '');
  for (const flag of record.flags) lines.push(`- ⚠ \`${flag}\`: ${FLAG_EXPLANATIONS[flag]}`);
  if (record.flags.length > 0) lines.push('');
  lines.push(`[Open in Inspect Matrix](${inspectLink})`);
  return lines.join('\n');
}
