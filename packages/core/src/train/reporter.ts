/** Where the trainer writes progress and logs: `process.stderr` by default, or any object with `write`. */
export interface LogSink {
  write(chunk: string): unknown;
  /** Set on terminal streams: the bar is drawn only on a TTY. */
  readonly isTTY?: boolean;
  /** Terminal width, when known. */
  readonly columns?: number;
}

/** How progress is shown: `auto` draws a bar on a TTY and writes JSON lines otherwise. */
export type ProgressMode = 'auto' | 'bar' | 'jsonl' | 'none';

/** Where a run stands, for the progress bar (given after every step). */
export interface ProgressSnapshot {
  readonly step: number;
  readonly totalSteps: number;
  /** 0-based epoch. */
  readonly epoch: number;
  /** Planned number of epochs, when the run is sized in epochs. */
  readonly epochs: number | undefined;
  readonly loss: number;
  readonly lr: number;
  readonly samplesPerSec: number;
  /** Estimated seconds to the end, NaN until known. */
  readonly etaSec: number;
}

/** Renders a run's progress and events. */
export interface TrainReporter {
  /** Called after every step; must be cheap. */
  progress(p: ProgressSnapshot): void;
  /** A structured event: `step` (every `logEvery` steps), `checkpoint`, `epoch_end`, callbacks' logs, … */
  event(event: string, fields: Readonly<Record<string, unknown>>): void;
  /** Ends the output (the bar's last line). */
  close(): void;
}
