import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonl, readLabeledCsv, readLabeledJsonl, readLines, readTextFile, readTextFolder, spamAssassin, TextInputError } from '../src/index.js';

async function dir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'pretext-text-'));
}

describe('text inputs', () => {
  it('reads plain text, lines, JSONL and folders of .txt', async () => {
    const d = await dir();
    await writeFile(join(d, 'a.txt'), 'Hello\nworld\n\nthird line\n');
    await writeFile(join(d, 'docs.jsonl'), '{"text":"one"}\n\n{"text":"two","x":1}\n');
    await mkdir(join(d, 'sub'));
    await writeFile(join(d, 'sub', 'b.txt'), 'nested');
    await writeFile(join(d, 'skip.md'), 'not text');
    expect(await readTextFile(join(d, 'a.txt'))).toBe('Hello\nworld\n\nthird line\n');
    expect(await readLines(join(d, 'a.txt'))).toEqual(['Hello', 'world', 'third line']);
    expect(await readJsonl(join(d, 'docs.jsonl'))).toEqual(['one', 'two']);
    const folder = await readTextFolder(d);
    expect(folder.map((f) => f.text)).toEqual(['Hello\nworld\n\nthird line\n', 'nested']);
  });

  it('names file and line of invalid UTF-8 and malformed JSONL', async () => {
    const d = await dir();
    const bad = join(d, 'bad.txt');
    await writeFile(bad, Buffer.concat([Buffer.from('ok\nfine\nbro'), Buffer.from([0xc3, 0x28]), Buffer.from('ken\n')]));
    await expect(readLines(bad)).rejects.toThrow(`${bad}:3: invalid UTF-8`);
    const overlong = join(d, 'overlong.txt');
    await writeFile(overlong, Buffer.from([0x61, 0x0a, 0xc0, 0xaf]));
    await expect(readTextFile(overlong)).rejects.toThrow(`${overlong}:2`);
    const jl = join(d, 'x.jsonl');
    await writeFile(jl, '{"text":"a"}\n{"text": oops}\n');
    const err = await readJsonl(jl).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TextInputError);
    expect((err as TextInputError).line).toBe(2);
    expect((err as Error).message).toContain(`${jl}:2: malformed JSON line`);
    await writeFile(jl, '{"text":"a"}\n{"body":"b"}\n');
    await expect(readJsonl(jl)).rejects.toThrow(`${jl}:2: field 'text' is missing`);
  });

  it('reads labeled CSV (quoted fields) and JSONL', async () => {
    const d = await dir();
    const csv = join(d, 'l.csv');
    await writeFile(csv, 'label,text\nspam,"buy now, ""cheap"""\nham,"hello\nthere"\r\nspam,win\n');
    const l = await readLabeledCsv(csv);
    expect(l.texts).toEqual(['buy now, "cheap"', 'hello\nthere', 'win']);
    expect([...l.labels]).toEqual([1, 0, 1]);
    expect(l.classes).toEqual(['ham', 'spam']);
    await writeFile(csv, 'label,text\nspam,a\nham\n');
    await expect(readLabeledCsv(csv)).rejects.toThrow(`${csv}:3: expected 2 fields`);
    const jl = join(d, 'l.jsonl');
    await writeFile(jl, '{"text":"a","label":2}\n{"text":"b","label":1}\n');
    const j = await readLabeledJsonl(jl, { classes: ['0', '1', '2'] });
    expect([...j.labels]).toEqual([2, 1]);
  });

  it('splits SpamAssassin into a fixed stratified train/test split', () => {
    const a = spamAssassin();
    expect(a.train.texts.length + a.test.texts.length).toBe(6046);
    const spamRate = (y: Int32Array) => y.reduce((s, v) => s + v, 0) / y.length;
    expect(Math.abs(spamRate(a.train.labels) - spamRate(a.test.labels))).toBeLessThan(0.01);
    const spam = a.train.labels.reduce((s, v) => s + v, 0) + a.test.labels.reduce((s, v) => s + v, 0);
    expect(a.test.texts.length).toBe(Math.round(0.2 * spam) + Math.round(0.2 * (6046 - spam)));
    const b = spamAssassin();
    expect(b.test.texts.slice(0, 5)).toEqual(a.test.texts.slice(0, 5));
    expect(a.train.texts[0]).not.toMatch(/^Return-Path|^From /);
  });
});
