import type { LogSink, ProgressSnapshot, TrainReporter } from './reporter.js';

/**
 * Writes one JSON object per line for every event, `{"event": …, …fields, "time": ISO 8601}`, for log
 * collectors and `jq`. A step line holds `step, epoch, loss, lr, samplesPerSec, gradNorm, time`.
 * Non-finite numbers are written as strings (`"NaN"`, `"Infinity"`) so that they are not lost.
 */
export class JsonLinesReporter implements TrainReporter {
  /** @param sink where lines go. */
  constructor(private readonly sink: LogSink) {}

  progress(_p: ProgressSnapshot): void {}

  event(event: string, fields: Readonly<Record<string, unknown>>): void {
    const line = JSON.stringify({ event, ...fields, time: new Date().toISOString() }, (_k, v: unknown) =>
      typeof v === 'number' && !Number.isFinite(v) ? String(v) : v,
    );
    this.sink.write(`${line}\n`);
  }

  close(): void {}
}
