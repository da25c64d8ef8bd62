import type { ClassLabels, tf } from '@pretext/core';
import type { ObjectivePlan, SuiteConfig } from './suite-config.js';

/** Labeled examples the evaluation protocols run on (inputs in the encoder's input format). */
export interface LabeledSplit {
  readonly inputs: tf.Tensor;
  readonly labels: ClassLabels;
}

/** What one objective's pre-training did (stored in the results). */
export interface PretrainingRecord {
  readonly objective: string;
  readonly encoder: string;
  /** Optimizer steps done / planned from the timed copy. */
  readonly steps: number;
  readonly plannedSteps: number;
  /** Seconds of the real run (the timing copy excluded). */
  readonly seconds: number;
  readonly secondsPerStep: number;
  readonly finalLoss: number;
  readonly stopReason: string;
  readonly lr: number;
  readonly batchSize: number;
  readonly minutes: number;
  /** Extra numbers an objective reports (CLIP's zero-shot accuracy, word2vec's words/s, …). */
  readonly extra?: Readonly<Record<string, number | string>>;
}

/** A pre-trained encoder, ready for the protocols; `dispose` frees it and whatever owns it. */
export interface PretrainedEncoder {
  readonly encoder: tf.LayersModel;
  readonly record: PretrainingRecord;
  dispose(): void;
}

/** A suite's data, loaded on the active backend, and how to pre-train and rebuild its encoders. */
export interface LoadedSuite {
  readonly train: LabeledSplit;
  readonly test: LabeledSplit;
  readonly numClasses: number;
  /** Counts and facts about the data, recorded in the results. */
  readonly facts: Readonly<Record<string, number | string>>;
  /** Pre-trains one objective of the suite within its budget. */
  pretrain(plan: ObjectivePlan, log: (line: string) => void): Promise<PretrainedEncoder>;
  /** A freshly initialised encoder of architecture `key` (fine-tune copies, supervised-only baseline). */
  buildEncoder(key: string, seed: number): tf.LayersModel;
  /** Frees the data tensors. */
  dispose(): void;
}

/**
 * A benchmark suite: its full and quick configs and the code that loads its data.
 *
 * @typeParam D - the suite's data settings.
 */
export interface SuiteDefinition<D extends object> {
  readonly name: string;
  readonly full: SuiteConfig<D>;
  readonly quick: SuiteConfig<D>;
  load(config: SuiteConfig<D>, log: (line: string) => void): Promise<LoadedSuite>;
}

/** A suite with its data-settings type erased, as the registry holds it. */
export interface RegisteredSuite {
  readonly name: string;
  readonly full: SuiteConfig<object>;
  readonly quick: SuiteConfig<object>;
  load(config: SuiteConfig<object>, log: (line: string) => void): Promise<LoadedSuite>;
}

/** Erases a suite's data-settings type; `load` is only ever given configs derived from its own. */
export function registerSuite<D extends object>(s: SuiteDefinition<D>): RegisteredSuite {
  return { name: s.name, full: s.full, quick: s.quick, load: (config, log) => s.load(config as SuiteConfig<D>, log) };
}
