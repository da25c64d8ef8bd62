import { formatBackendReport, initBackend, trainingCheck, type BackendName } from '@pretext/core';

/** Options of `pretext doctor`. */
export interface DoctorOptions {
  readonly backend?: BackendName;
  readonly steps: number;
  readonly json: boolean;
}

/**
 * `pretext doctor`: which backend Pretext picks here and why the better ones were skipped, then a
 * short training run on it (loss must fall, no tensor may leak). Exit code 1 if training fails.
 */
export async function doctor(opts: DoctorOptions): Promise<number> {
  const report = await initBackend(opts.backend ? { prefer: opts.backend, strict: true } : {});
  if (!opts.json) {
    process.stdout.write(`${formatBackendReport(report)}\n\ntraining check (small conv net, batch 32, Adam, ${opts.steps} steps)…\n`);
  }
  const check = await trainingCheck({ steps: opts.steps });
  const ok = check.lastLoss < check.firstLoss && check.leakedTensors === 0 && Number.isFinite(check.lastLoss);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ backend: report, trainingCheck: check, ok })}\n`);
  } else {
    process.stdout.write(
      `  loss ${check.firstLoss.toFixed(4)} → ${check.lastLoss.toFixed(4)}, ${check.msPerStep.toFixed(1)} ms/step ` +
        `(${check.samplesPerSec.toFixed(0)} samples/s), leaked tensors: ${check.leakedTensors}\n` +
        `${ok ? 'OK: Pretext can train here.' : 'FAILED: the training check did not pass.'}\n`,
    );
  }
  return ok ? 0 : 1;
}
