import { stat } from 'node:fs/promises';
import type * as tf from '@tensorflow/tfjs';
import type { Objective } from '../objective/objective.js';
import { createOptimizer, type Optimizer } from '../optim/optimizer.js';
import { createSchedule, type LrSchedule } from '../optim/schedule.js';
import { Rng } from '../tensor/rng.js';
import { resolveCheckpoint } from './checkpoint-dir.js';
import { CheckpointError } from './checkpoint-error.js';
import { restoreCheckpoint } from './checkpoint.js';
import type { DataSource } from './data-source.js';
import { FitRun, type RunProgress } from './fit-run.js';
import type { FitOptions, FitResult, TrainerOptions } from './fit-types.js';
import { JsonLinesReporter } from './json-lines-reporter.js';
import { ProgressBar } from './progress-bar.js';
import type { LogSink, ProgressMode, TrainReporter } from './reporter.js';
import { planRun } from './run-plan.js';
import { exitCodeOf, SignalGuard } from './signal-guard.js';
import { parseTrainerConfig, type NormalizedTrainerConfig } from './trainer-config.js';

const PROGRESS_MODES: readonly ProgressMode[] = ['auto', 'bar', 'jsonl', 'none'];
/** Trainer settings that change the weights a run produces. */
const RESULT_KEYS = ['optimizer', 'lr', 'schedule', 'clipNorm', 'accumulate', 'seed'];

/**
 * Trains an {@link Objective}: batches from a dataset or iterable, gradients of `objective.loss`,
 * accumulation over micro-batches, clipping by global norm, an optimizer (Adam, AdamW, SGD, LARS)
 * under a learning-rate schedule, then `objective.afterStep`. Logs progress (a bar on a TTY, JSON
 * lines otherwise), calls callbacks, and writes checkpoints that resume exactly.
 *
 * Runs are reproducible: micro-batch `k` of step `s` gets `StepContext.seed = mixSeed(seed, s, k)`,
 * so the same seed, data and backend give the same loss curve, straight or resumed.
 *
 * Losses are read back from the device once every `logEvery` steps (all of the window's losses in
 * one transfer), not every step. Every step's loss is still checked for NaN/Inf, at the end of its
 * window: a divergence stops `fit` with a {@link TrainingDivergedError} naming the exact step, at
 * most `logEvery - 1` steps later, and no checkpoint is ever written from non-finite weights (they are
 * checked before every write), so the last checkpoint stays the last good one.
 *
 * @example
 * ```ts
 * const trainer = new Trainer(createObjective('simclr', config), {
 *   optimizer: { type: 'lars', weightDecay: 1e-6 }, lr: 0.3, schedule: { type: 'cosine', warmupSteps: 500 },
 *   clipNorm: 1, accumulate: 4, seed: 42, outDir: 'runs/simclr', checkpointEvery: 1000,
 * });
 * await trainer.fit((epoch) => loadEpoch(epoch), { epochs: 100, stepsPerEpoch: 390, resume: 'auto' });
 * ```
 */
export class Trainer {
  /** The objective being trained. */
  readonly objective: Objective;
  /** The validated configuration, defaults filled. */
  readonly config: NormalizedTrainerConfig;
  /**
   * The run's generator for JS-side randomness (e.g. shuffling inside a data function), seeded with
   * `config.seed`, saved in checkpoints and restored on resume.
   */
  readonly rng: Rng;
  private readonly optimizer: Optimizer;
  private readonly customSchedule: LrSchedule | undefined;
  private readonly options: TrainerOptions;
  private readonly progress: RunProgress = { step: 0, epoch: 0, positionInEpoch: 0, totalSteps: 0, samplesSeen: 0 };
  private running = false;

  /**
   * @param objective The objective to train (the trainer does not dispose it).
   * @param options Optimizer, schedule, clipping, accumulation, seed, logging and checkpointing.
   * @throws Error listing every invalid option.
   */
  constructor(objective: Objective, options: TrainerOptions = {}) {
    if (typeof objective?.loss !== 'function' || typeof objective.trainableVariables !== 'function') {
      throw new Error('new Trainer: objective must implement the Objective interface (loss, trainableVariables, …)');
    }
    const { schedule, callbacks: _c, progress, logTo: _l, handleSignals: _h, exitOnSignal: _e, ...json } = options;
    this.config = parseTrainerConfig(typeof schedule === 'function' || schedule === undefined ? json : { ...json, schedule });
    if (progress !== undefined && !PROGRESS_MODES.includes(progress)) {
      throw new Error(`new Trainer: progress must be one of ${PROGRESS_MODES.join(', ')}, got ${String(progress)}`);
    }
    this.objective = objective;
    this.options = options;
    this.customSchedule = typeof schedule === 'function' ? schedule : undefined;
    this.optimizer = createOptimizer(this.config.optimizer);
    this.rng = new Rng(this.config.seed);
  }

  /** Optimizer steps done (restored ones included). */
  get step(): number {
    return this.progress.step;
  }

  /** The 0-based epoch the next batch belongs to. */
  get epoch(): number {
    return this.progress.epoch;
  }

  /**
   * Trains until `steps` optimizer steps, or `epochs` epochs, are done in total — counting those
   * already done by this trainer or restored from a checkpoint (`resume`).
   *
   * At the end (and when a callback stops the run) a checkpoint is written if `outDir` is set.
   * On SIGINT/SIGTERM (see `handleSignals`) the current step finishes, a checkpoint is written and the
   * process exits with 130/143; the signal handlers are removed when `fit` returns.
   *
   * @throws TrainingDivergedError when a loss or weight becomes NaN/Inf; CheckpointError when the
   *   checkpoint to resume from is missing, corrupt or from another model (nothing is loaded then);
   *   Error on invalid options or data, or when a callback throws.
   */
  async fit(data: DataSource, options: FitOptions): Promise<FitResult> {
    if (this.running) throw new Error('Trainer.fit: this trainer is already running a fit');
    this.running = true;
    const reporter = this.makeReporter();
    let guard: SignalGuard | undefined;
    try {
      const plan = planRun(data, options, this.config.accumulate);
      const { trainable, state } = this.variables();
      if (options.resume !== undefined && options.resume !== false) {
        await this.resume(options.resume, trainable, state, reporter, plan.totalSteps);
      }
      this.progress.totalSteps = plan.totalSteps;
      const schedule = this.customSchedule ?? createSchedule(this.config.schedule, plan.totalSteps, this.config.lr);
      if (this.options.handleSignals ?? this.config.outDir !== undefined) {
        guard = new SignalGuard((sig) =>
          reporter.event('signal', { signal: sig, step: this.progress.step, action: 'finishing the step, then checkpoint' }),
        );
        guard.install();
      }
      const { step, epoch } = this.progress;
      reporter.event('train_begin', { step, epoch, totalSteps: plan.totalSteps, objective: this.objective.name });
      const result = await new FitRun({
        objective: this.objective,
        data,
        trainable,
        state,
        optimizer: this.optimizer,
        rng: this.rng,
        config: this.config,
        trainerJson: this.trainerJson(),
        schedule,
        reporter,
        callbacks: [...(this.options.callbacks ?? []), ...(options.callbacks ?? [])],
        disposeBatches: options.disposeBatches ?? true,
        plan,
        progress: this.progress,
        guard,
      }).run();
      reporter.close();
      guard?.remove();
      if (result.stopReason === 'signal' && (this.options.exitOnSignal ?? true)) {
        process.exit(exitCodeOf(guard!.signal!));
      }
      return result;
    } catch (e) {
      reporter.close();
      throw e;
    } finally {
      guard?.remove();
      this.running = false;
    }
  }

  /** Frees the optimizer's state (not the objective). The trainer cannot be used afterwards. */
  dispose(): void {
    this.optimizer.dispose();
  }

  private variables(): { trainable: tf.Variable[]; state: tf.Variable[] } {
    const trainable = this.objective.trainableVariables();
    const state = this.objective.stateVariables?.() ?? [];
    if (trainable.length === 0) throw new Error(`Trainer.fit: objective '${this.objective.name}' has no trainable variables`);
    const seen = new Set<string>();
    for (const v of [...trainable, ...state]) {
      if (seen.has(v.name)) throw new Error(`Trainer.fit: objective '${this.objective.name}' lists variable '${v.name}' twice`);
      seen.add(v.name);
    }
    return { trainable, state };
  }

  private async resume(
    resume: true | 'auto' | string,
    trainable: tf.Variable[],
    state: tf.Variable[],
    reporter: TrainReporter,
    totalSteps: number,
  ): Promise<void> {
    const auto = resume === 'auto';
    const path = resume === true || auto ? this.config.outDir : resume;
    if (path === undefined) throw new Error(`Trainer.fit: resume: ${String(resume)} needs outDir (or give a checkpoint path)`);
    if (auto && !(await stat(path).then(() => true, () => false))) return;
    const file = await resolveCheckpoint(path);
    if (file === undefined) {
      if (auto) return;
      throw new CheckpointError(path, 'the directory holds no checkpoint (no latest pointer)');
    }
    const target = { objective: this.objective, trainable, state, optimizer: this.optimizer, rng: this.rng };
    const meta = await restoreCheckpoint(file, target);
    Object.assign(this.progress, meta.progress);
    const { step, epoch, positionInEpoch } = meta.progress;
    reporter.event('resume', { file, step, epoch, positionInEpoch });
    const now = this.trainerJson();
    const changed = RESULT_KEYS.filter((k) => JSON.stringify(now[k]) !== JSON.stringify(meta.trainer[k]));
    if (meta.progress.totalSteps !== totalSteps) changed.push(`totalSteps ${meta.progress.totalSteps} → ${totalSteps}`);
    if (changed.length) {
      reporter.event('warning', {
        message: `resuming with different settings (${changed.join(', ')}); the run will not match a straight one`,
      });
    }
    if (JSON.stringify(meta.objective.config) !== JSON.stringify(this.objective.getConfig())) {
      reporter.event('warning', { message: `the objective's config differs from the checkpoint's` });
    }
  }

  private trainerJson(): Record<string, unknown> {
    return { ...this.config, schedule: this.customSchedule ? 'custom' : this.config.schedule };
  }

  private makeReporter(): TrainReporter {
    const sink: LogSink = this.options.logTo ?? process.stderr;
    const mode = this.options.progress ?? 'auto';
    if (mode === 'none') return { progress() {}, event() {}, close() {} };
    if (mode === 'bar' || (mode === 'auto' && sink.isTTY === true)) return new ProgressBar(sink);
    return new JsonLinesReporter(sink);
  }
}
