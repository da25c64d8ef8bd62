import { getObjectiveInfo, hasObjective, listObjectives } from '@pretext/core';
import { CliError } from '../cli-error.js';
import { KIND_WORDS, type DataKind } from '../data/data-kind.js';
import type { Modalities } from './load-modalities.js';

/** An objective the CLI can pre-train: its name, the data it takes and a one-line description. */
export interface CatalogEntry {
  readonly name: string;
  readonly kind: DataKind;
  readonly description: string;
  /** `registry`: a core `Objective` trained by the Trainer; `word2vec`: text's own typed-array trainer. */
  readonly trainer: 'registry' | 'word2vec';
}

/** The data kind of each objective the modality packages register. */
const KINDS: Readonly<Record<string, DataKind>> = {
  simclr: 'images',
  byol: 'images',
  mae: 'images',
  'masked-lm': 'text',
  'causal-lm': 'text',
  cpc: 'audio',
  wav2vec: 'audio',
  clip: 'pairs',
};

/** Every objective reachable by name with the installed packages, sorted by name. */
export function objectiveCatalog(m: Modalities): CatalogEntry[] {
  const entries: CatalogEntry[] = listObjectives()
    .filter((name) => KINDS[name] !== undefined)
    .map((name) => ({ name, kind: KINDS[name]!, description: getObjectiveInfo(name).description ?? '', trainer: 'registry' }));
  if (m.text) {
    entries.push({ name: 'word2vec', kind: 'text', description: 'word2vec skip-gram / CBOW with negative sampling (Mikolov et al. 2013)', trainer: 'word2vec' });
  }
  return entries.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The catalog entry of `name`.
 * @throws CliError listing the available objectives when `name` is unknown.
 */
export function findObjective(m: Modalities, name: string): CatalogEntry {
  const all = objectiveCatalog(m);
  const hit = all.find((e) => e.name === name);
  if (hit) return hit;
  const why = hasObjective(name) ? ` ('${name}' is registered but the CLI does not know which data it takes)` : '';
  throw new CliError(
    `unknown objective '${name}'${why}; available: ${all.map((e) => `${e.name} (${KIND_WORDS[e.kind]})`).join(', ') || 'none (install @pretext/vision, text, audio or multimodal)'}`,
  );
}
