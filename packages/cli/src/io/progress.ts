/** A progress display for long work (decoding, embedding, writing files). */
export interface Progress {
  /** Advances by `n` items (default 1). */
  tick(n?: number): void;
  /** Ends the display (clears the line). */
  done(): void;
}

const QUIET: Progress = { tick: () => undefined, done: () => undefined };

/**
 * A one-line progress bar on stderr, `label [#####.....] 50/100 12.3/s`, redrawn at most 10 times
 * a second. Quiet (does nothing) when stderr is not a TTY, so logs and pipes stay clean.
 */
export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || total <= 0) return QUIET;
  const start = Date.now();
  let done = 0;
  let last = 0;
  const draw = (): void => {
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - 30));
    const filled = Math.round((width * done) / total);
    const rate = done / Math.max(1e-3, (Date.now() - start) / 1000);
    stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${rate.toFixed(1)}/s`);
  };
  return {
    tick(n = 1) {
      done = Math.min(total, done + n);
      const now = Date.now();
      if (now - last > 100 || done === total) {
        last = now;
        draw();
      }
    },
    done() {
      stream.write('\r\x1b[K');
    },
  };
}
