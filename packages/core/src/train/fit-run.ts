import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import type { Objective } from '../objective/objective.js';
import type { Optimizer } from '../optim/optimizer.js';
import type { LrSchedule } from '../optim/schedule.js';
import type { Rng } from '../tensor/rng.js';
import type { Callback, CallbackContext, TrainState } from './callback.js';
import { checkpointFileName, commitCheckpoint, ensureCheckpointDir } from './checkpoint-dir.js';
import type { CheckpointProgress } from './checkpoint-meta.js';
import { writeCheckpoint } from './checkpoint.js';
import { asBatch, batchSize, disposeBatch, isReiterable, openEpoch, type DataSource } from './data-source.js';
import { firstNonFinite } from './finite-check.js';
import type { FitResult, StopReason } from './fit-types.js';
import { LossWindow } from './loss-window.js';
import type { TrainReporter } from './reporter.js';
import type { SignalGuard } from './signal-guard.js';
import { StepRunner } from './step-runner.js';
import type { NormalizedTrainerConfig } from './trainer-config.js';
import { TrainingDivergedError } from './training-diverged-error.js';

/** Mutable position of a run, shared by the trainer and its checkpoints. */
export type RunProgress = { -readonly [K in keyof CheckpointProgress]: CheckpointProgress[K] };

/** Everything one `fit` needs. */
export interface FitRunSetup {
  readonly objective: Objective;
  readonly data: DataSource;
  readonly trainable: tf.Variable[];
  readonly state: tf.Variable[];
  readonly optimizer: Optimizer;
  readonly rng: Rng;
  readonly config: NormalizedTrainerConfig;
  /** The trainer config as checkpoints record it. */
  readonly trainerJson: Readonly<Record<string, unknown>>;
  readonly schedule: LrSchedule;
  readonly reporter: TrainReporter;
  readonly callbacks: readonly Callback[];
  readonly disposeBatches: boolean;
  /** `epochs` when the run is sized in epochs; `batchesPerEpoch` caps an epoch (Infinity: until the data ends). */
  readonly plan: { readonly totalSteps: number; readonly epochs: number | undefined; readonly batchesPerEpoch: number };
  readonly progress: RunProgress;
  readonly guard: SignalGuard | undefined;
}

/** One `Trainer.fit`: the loop over epochs, batches and steps, with logging, callbacks and checkpoints. */
export class FitRun {
  private readonly runner: StepRunner;
  private readonly window = new LossWindow();
  private readonly ctx: CallbackContext;
  private readonly losses: number[] = [];
  private readonly firstStep: number;
  private stopRequest: string | undefined;
  private loss = NaN;
  private lr = NaN;
  private samplesPerSec = 0;
  private windowSamples = 0;
  private windowStart = performance.now();
  private readonly startedAt = performance.now();
  private lastCheckpoint: string | undefined;
  private lastCheckpointStep = -1;

  constructor(private readonly s: FitRunSetup) {
    this.runner = new StepRunner(s.objective, s.trainable, s.optimizer, { clipNorm: s.config.clipNorm, seed: s.config.seed });
    this.firstStep = s.progress.step + 1;
    this.ctx = {
      objective: s.objective,
      log: (event, fields) => s.reporter.event(event, { step: s.progress.step, ...fields }),
      stop: (reason) => {
        this.stopRequest ??= reason;
      },
    };
  }

  /** Runs to the end; on failure frees what it holds and rethrows (no checkpoint is written). */
  async run(): Promise<FitResult> {
    try {
      return await this.loop();
    } finally {
      this.runner.dispose();
      this.window.dispose();
    }
  }

  private async loop(): Promise<FitResult> {
    const { s } = this;
    const p = s.progress;
    if (s.config.outDir !== undefined) await ensureCheckpointDir(s.config.outDir);
    for (const cb of s.callbacks) await cb.onTrainBegin?.(this.ctx);
    let stop: { reason: StopReason; why?: string } | undefined;
    while (stop === undefined && !this.planDone()) {
      const epoch = p.epoch;
      const it = await openEpoch(s.data, epoch);
      let exhausted = false;
      try {
        for (let skipped = 0; skipped < p.positionInEpoch; skipped++) {
          const r = await it.next();
          if (r.done) {
            exhausted = true;
            break;
          }
          if (s.disposeBatches) disposeBatch(asBatch(r.value, epoch, skipped));
        }
        while (!exhausted && p.positionInEpoch < s.plan.batchesPerEpoch && !this.planDone()) {
          while (this.runner.pending < s.config.accumulate && p.positionInEpoch < s.plan.batchesPerEpoch) {
            const r = await it.next();
            if (r.done) {
              exhausted = true;
              break;
            }
            const batch = asBatch(r.value, epoch, p.positionInEpoch);
            const n = batchSize(batch);
            try {
              this.runner.micro(batch, p.step, s.plan.totalSteps);
            } finally {
              if (s.disposeBatches) disposeBatch(batch);
            }
            p.samplesSeen += n;
            this.windowSamples += n;
            p.positionInEpoch++;
          }
          if (this.runner.pending > 0) await this.step();
          const epochOver = exhausted || p.positionInEpoch >= s.plan.batchesPerEpoch;
          if (epochOver && p.positionInEpoch === 0) {
            throw new Error(`Trainer.fit: the data yielded no batch in epoch ${epoch}`);
          }
          if (epochOver) await this.endEpoch(epoch);
          if (this.due()) await this.checkpoint();
          stop = this.stopCause();
          if (stop !== undefined || epochOver) break;
        }
      } finally {
        if (!exhausted) await it.return?.();
      }
      if (stop === undefined && p.epoch === epoch && exhausted) {
        await this.endEpoch(epoch); // the epoch ended exactly at a resumed position
      }
      if (stop === undefined && p.epoch > epoch && !isReiterable(s.data) && !this.planDone()) {
        stop = { reason: 'data-exhausted', why: `the data source is a one-pass iterator and ended after epoch ${epoch}` };
      }
    }
    return this.finish(stop ?? { reason: 'completed' });
  }

  private planDone(): boolean {
    const { plan, progress } = this.s;
    return plan.epochs !== undefined ? progress.epoch >= plan.epochs : progress.step >= plan.totalSteps;
  }

  private stopCause(): { reason: StopReason; why?: string } | undefined {
    const sig = this.s.guard?.signal;
    if (sig !== undefined) return { reason: 'signal', why: sig };
    if (this.stopRequest !== undefined) return { reason: 'callback', why: this.stopRequest };
    return undefined;
  }

  private isLogStep(step: number): boolean {
    return step === 1 || step % this.s.config.logEvery === 0 || step === this.s.plan.totalSteps;
  }

  private due(): boolean {
    const every = this.s.config.checkpointEvery;
    return every !== undefined && this.s.progress.step % every === 0 && this.lastCheckpointStep !== this.s.progress.step;
  }

  private async step(): Promise<void> {
    const { s } = this;
    const p = s.progress;
    this.lr = s.schedule(p.step);
    const out = this.runner.apply(p.step, s.plan.totalSteps, this.lr, this.isLogStep(p.step + 1));
    p.step++;
    this.window.push(p.step, out.loss, out.gradNorm);
    if (this.isLogStep(p.step)) await this.flush();
    // Let signal handlers and I/O run even when the data and the backend never yield.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const done = p.step - this.firstStep + 1;
    const etaSec = ((performance.now() - this.startedAt) / 1000 / done) * (s.plan.totalSteps - p.step);
    s.reporter.progress({ ...this.state(), epochs: s.plan.epochs, etaSec });
    for (const cb of s.callbacks) await cb.onStepEnd?.(this.ctx, this.state());
  }

  /** Reads the window's losses back, checks them, records and logs them. */
  private async flush(): Promise<void> {
    if (this.window.size === 0) return;
    const { s } = this;
    const v = await this.window.read();
    const bad = v.losses.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) {
      const what = `the loss is ${v.losses[bad]}`;
      throw new TrainingDivergedError(what, v.firstStep + bad, s.progress.epoch, this.lastCheckpoint);
    }
    let sum = 0;
    for (const x of v.losses) {
      this.losses.push(x);
      sum += x;
    }
    this.loss = sum / v.losses.length;
    const now = performance.now();
    this.samplesPerSec = this.windowSamples / Math.max(1e-9, (now - this.windowStart) / 1000);
    this.windowSamples = 0;
    this.windowStart = now;
    s.reporter.event('step', {
      step: s.progress.step,
      epoch: s.progress.epoch,
      loss: this.loss,
      lr: this.lr,
      samplesPerSec: this.samplesPerSec,
      gradNorm: Number.isNaN(v.gradNorm) ? null : v.gradNorm,
    });
  }

  private async endEpoch(epoch: number): Promise<void> {
    const { s } = this;
    await this.flush();
    const state = { ...this.state(), epoch };
    s.progress.epoch = epoch + 1;
    s.progress.positionInEpoch = 0;
    s.reporter.event('epoch_end', { step: s.progress.step, epoch, loss: this.loss });
    for (const cb of s.callbacks) await cb.onEpochEnd?.(this.ctx, state);
  }

  /** Writes a checkpoint after checking that the losses and weights are finite. */
  private async checkpoint(): Promise<void> {
    const { s } = this;
    const outDir = s.config.outDir;
    if (outDir === undefined || s.progress.step === 0) return;
    await this.flush();
    const named = [...s.trainable, ...s.state].map((v) => ({ name: v.name, tensor: v as tf.Tensor }));
    const bad = await firstNonFinite(named);
    if (bad !== undefined) {
      const { step, epoch } = s.progress;
      throw new TrainingDivergedError(`variable '${bad}' holds NaN or Inf`, step, epoch, this.lastCheckpoint);
    }
    const file = join(outDir, checkpointFileName(s.progress.step));
    await writeCheckpoint(file, s, { trainer: s.trainerJson, progress: { ...s.progress } });
    await commitCheckpoint(file, s.config.keepLast);
    this.lastCheckpoint = file;
    this.lastCheckpointStep = s.progress.step;
    s.reporter.event('checkpoint', { step: s.progress.step, file });
  }

  private async finish(stop: { reason: StopReason; why?: string }): Promise<FitResult> {
    const { s } = this;
    await this.flush();
    if (s.progress.step >= this.firstStep && this.lastCheckpointStep !== s.progress.step) await this.checkpoint();
    const state = this.state();
    for (const cb of s.callbacks) await cb.onTrainEnd?.(this.ctx, state);
    s.reporter.event('train_end', {
      step: s.progress.step,
      epoch: s.progress.epoch,
      loss: this.loss,
      stopReason: stop.reason,
      ...(stop.why !== undefined ? { reason: stop.why } : {}),
    });
    return {
      step: s.progress.step,
      epoch: s.progress.epoch,
      stopReason: stop.reason,
      ...(stop.why !== undefined ? { reason: stop.why } : {}),
      loss: this.loss,
      history: { firstStep: this.firstStep, losses: this.losses },
      ...(this.lastCheckpoint !== undefined ? { checkpoint: this.lastCheckpoint } : {}),
    };
  }

  private state(): TrainState {
    const p = this.s.progress;
    return {
      step: p.step,
      epoch: p.epoch,
      totalSteps: this.s.plan.totalSteps,
      loss: this.loss,
      lr: this.lr,
      samplesPerSec: this.samplesPerSec,
    };
  }
}
