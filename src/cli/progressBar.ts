// A one-line progress bar on stderr, redrawn at most every 100 ms and erased when done.

export interface ProgressBar {
  update(bytesDone: number, bytesTotal: number): void;
  done(): void;
}

export function progressBar(stream: { write(text: string): unknown }, label: string): ProgressBar {
  let last = 0;
  let shown = false;
  return {
    update(bytesDone, bytesTotal) {
      const now = Date.now();
      if (now - last < 100 && bytesDone < bytesTotal) return;
      last = now;
      const fraction = bytesTotal > 0 ? Math.min(1, bytesDone / bytesTotal) : 1;
      const filled = Math.round(fraction * 30);
      const mb = (n: number): string => (n / 1e6).toFixed(1);
      stream.write(
        `\r${label} [${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${(100 * fraction).toFixed(0).padStart(3)}% ${mb(bytesDone)}/${mb(bytesTotal)} MB`,
      );
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
