import { labelEfficiencyTable, type MethodSummary } from '@pretext/core';
import type { ClipEvaluation } from './evaluate-clip.js';

/** What the MNIST CLIP benchmark measured. */
export interface MnistClipResults {
  readonly training: { readonly steps: number; readonly plannedSteps: number; readonly seconds: number; readonly secondsPerStep: number; readonly finalLoss: number; readonly stopReason: string; readonly logitScale: number };
  readonly evaluation: ClipEvaluation;
  readonly probes: readonly MethodSummary[];
  readonly notes: readonly string[];
}

const pct = (v: number): string => (100 * v).toFixed(1);

/** The benchmark's Markdown report. */
export function mnistClipMarkdown(results: MnistClipResults, environment: Record<string, unknown>): string {
  const e = results.evaluation;
  const t = results.training;
  const ks = Object.keys(e.retrieval.imageToText);
  return [
    '# MNIST CLIP (@pretext/multimodal)',
    '',
    'Image tower: ResNet on 28×28×1 digits; text tower: a small transformer over a word tokenizer trained on the training captions only.',
    'Trained on the 8,000 training digits with template captions; evaluated on the 2,000 test digits.',
    '',
    '| metric | test (%) |',
    '|---|---:|',
    `| zero-shot accuracy, evaluation prompts (unseen in training) | ${pct(e.zeroShotUnseenPrompts)} |`,
    `| zero-shot accuracy, training templates | ${pct(e.zeroShotTrainingPrompts)} |`,
    ...ks.map((k) => `| image → text Recall@${k} (class relevance) | ${pct(e.retrieval.imageToText[Number(k)]!)} |`),
    ...ks.map((k) => `| text → image Recall@${k} (class relevance) | ${pct(e.retrieval.textToImage[Number(k)]!)} |`),
    '',
    `Retrieval searches the test images and ${e.retrieval.captions}; a caption names a digit, so any image of that digit is relevant (class relevance).`,
    'Target of issue #8: zero-shot ≥ 90 %.',
    '',
    '## Linear probe of the image tower',
    '',
    'Test accuracy (%), mean ± std over seeds; each seed draws its own stratified labeled subset.',
    '',
    labelEfficiencyTable(results.probes),
    '',
    ...results.notes.map((n) => `- ${n}`),
    '',
    '## Training',
    '',
    `${t.steps} / ${t.plannedSteps} steps in ${(t.seconds / 60).toFixed(1)} min (${t.secondsPerStep.toFixed(3)} s/step), final loss ${t.finalLoss.toFixed(4)}, logit scale ${t.logitScale.toFixed(1)}, stopped: ${t.stopReason}.`,
    '',
    '## Environment',
    '',
    '```json',
    JSON.stringify(environment, null, 2),
    '```',
    '',
  ].join('\n');
}
