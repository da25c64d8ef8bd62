/** The signals the trainer turns into a checkpoint and a clean exit. */
export type StopSignal = 'SIGINT' | 'SIGTERM';

/** Exit status after a signal, as shells report it: 128 + signal number (130 for SIGINT, 143 for SIGTERM). */
export function exitCodeOf(signal: StopSignal): number {
  return signal === 'SIGINT' ? 130 : 143;
}

/** Repeats of a signal within this time are taken for one (a wrapper such as tsx relays it again). */
const REPEAT_MS = 1000;

/**
 * Catches SIGINT and SIGTERM during a run so that the trainer can finish the current step and write
 * a checkpoint. A second signal, a second or more after the first, exits at once (with the same
 * status): checkpoint writes are atomic, so this never leaves a torn file.
 */
export class SignalGuard {
  private caught: StopSignal | undefined;
  private caughtAt = 0;
  private readonly handlers = new Map<StopSignal, () => void>();

  /** @param onSignal told about the first signal (to log it). */
  constructor(private readonly onSignal: (signal: StopSignal) => void) {}

  /** The first signal received, if any. */
  get signal(): StopSignal | undefined {
    return this.caught;
  }

  /** Starts catching the signals. */
  install(): void {
    for (const sig of ['SIGINT', 'SIGTERM'] as const) {
      const handler = (): void => {
        if (this.caught !== undefined) {
          if (Date.now() - this.caughtAt >= REPEAT_MS) process.exit(exitCodeOf(sig));
          return;
        }
        this.caught = sig;
        this.caughtAt = Date.now();
        this.onSignal(sig);
      };
      this.handlers.set(sig, handler);
      process.on(sig, handler);
    }
  }

  /** Stops catching them (restores the previous behaviour). */
  remove(): void {
    for (const [sig, handler] of this.handlers) process.off(sig, handler);
    this.handlers.clear();
  }
}
