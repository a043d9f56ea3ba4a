// Number formatting for headers, tooltips and the table: compact, stable width, honest about NaN.

export function formatNumber(value: number, digits = 4): string {
  if (Number.isNaN(value)) return '–';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || magnitude < 1e-3) return value.toExponential(Math.max(1, digits - 2));
  return Number(value.toPrecision(digits)).toString();
}

export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function formatStep(value: number): string {
  return Number.isInteger(value) ? String(value) : formatNumber(value, 6);
}
