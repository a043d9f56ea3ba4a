// The file name an export proposes in the save dialog. Pure, so it is unit-tested.

/** A file name the webview proposed, reduced to one safe path segment. */
export function safeFileName(name: string, fallback: string): string {
  const printable = [...name].map((c) => (c.charCodeAt(0) < 32 ? '_' : c)).join('');
  const cleaned = printable.replace(/[\\/:*?"<>|]+/g, '_').replace(/^\.+/, '');
  return cleaned.length > 0 ? cleaned.slice(0, 120) : fallback;
}
