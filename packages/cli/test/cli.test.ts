import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

let dir: string;
let images: string;
let run: string;
let config: string;

/** Two classes of 8×8 RGB images: bright left half (a) or bright right half (b), with seeded noise. */
async function writeImages(root: string, perClass: number): Promise<void> {
  let seed = 1;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (const [c, left] of [['a', true], ['b', false]] as const) {
    await mkdir(join(root, c), { recursive: true });
    for (let i = 0; i < perClass; i++) {
      const px = Buffer.alloc(8 * 8 * 3);
      for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) for (let k = 0; k < 3; k++) px[(y * 8 + x) * 3 + k] = (x < 4) === left ? 200 + rand() * 55 : rand() * 60;
      await sharp(px, { raw: { width: 8, height: 8, channels: 3 } }).png().toFile(join(root, c, `${i}.png`));
    }
  }
}

const pretrainArgs = (steps: number): string[] =>
  ['pretrain', 'simclr', '--data', images, '--out', run, '--config', config, '--steps', String(steps), '--batch-size', '8', '--image-size', '8', '--checkpoint-every', '1', '--progress', 'none'];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pretext-cli-'));
  images = join(dir, 'images');
  run = join(dir, 'run');
  config = join(dir, 'tiny.json');
  await writeImages(images, 8);
  await writeFile(config, JSON.stringify({ objective: { encoder: { type: 'resnet', widths: [4] }, projection: { hidden: 8, out: 8, batchNorm: false } }, trainer: { lr: 0.01 } }));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('pretext pretrain → probe → embed', () => {
  it('pre-trains simclr on an image folder and saves the encoder with its run metadata', async () => {
    const r = await runCli(pretrainArgs(2));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/simclr: 2 steps/);
    const meta = JSON.parse(await readFile(join(run, 'pretext.json'), 'utf8')) as { objective: string; inputShape: number[]; user: { cli: { kind: string; imageSize: number[] } } };
    expect(meta.objective).toBe('simclr');
    expect(meta.inputShape).toEqual([null, 8, 8, 3]);
    expect(meta.user.cli).toMatchObject({ kind: 'images', imageSize: [8, 8], steps: 2 });
  });

  it('refuses to overwrite a run without --resume, and --resume continues the step count', async () => {
    const again = await runCli(pretrainArgs(3));
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already holds checkpoints; pass --resume/);
    const resumed = await runCli([...pretrainArgs(3), '--resume']);
    expect(resumed.code).toBe(0);
    expect(resumed.out).toMatch(/simclr: 3 steps/);
  });

  it('probes the encoder with kNN and a linear probe (JSON)', async () => {
    const r = await runCli(['probe', '--encoder', run, '--labeled', images, '--fractions', '0.5,1', '--protocol', 'knn,linear', '--test-fraction', '0.25', '-k', '3', '--json']);
    expect(r.code).toBe(0);
    const res = JSON.parse(r.out) as { rows: { protocol: string; fraction: number; accuracy: number }[]; testSize: number };
    expect(res.testSize).toBe(4);
    expect(res.rows.map((x) => `${x.protocol}@${x.fraction}`)).toEqual(['knn@0.5', 'linear-probe@0.5', 'knn@1', 'linear-probe@1']);
    for (const x of res.rows) expect(x.accuracy).toBeGreaterThanOrEqual(0);
  });

  it('writes the same embeddings as .npy, JSONL and Arrow', async () => {
    const files = ['e.npy', 'e.jsonl', 'e.arrow'].map((f) => join(dir, f));
    for (const f of files) expect((await runCli(['embed', '--encoder', run, '--data', images, '--out', f])).code).toBe(0);
    const npy = await readFile(files[0]!);
    expect(npy.subarray(0, 6).toString('latin1')).toBe('\x93NUMPY');
    const headerLen = npy.readUInt16LE(8);
    const header = npy.subarray(10, 10 + headerLen).toString('latin1');
    expect((10 + headerLen) % 64).toBe(0);
    const shape = /'shape': \((\d+), (\d+)\)/.exec(header)!.slice(1).map(Number);
    expect(shape[0]).toBe(16);
    const values = new Float32Array(npy.buffer.slice(npy.byteOffset + 10 + headerLen, npy.byteOffset + npy.length));
    const lines = (await readFile(files[1]!, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { index: number; label: number; class: string; embedding: number[] });
    expect(lines).toHaveLength(16);
    expect(lines[9]).toMatchObject({ index: 9, label: 1, class: 'b' });
    expect(lines[3]!.embedding).toEqual(Array.from(values.subarray(3 * shape[1]!, 4 * shape[1]!)));
    const table = tableFromIPC(await readFile(files[2]!));
    expect(table.numRows).toBe(16);
    expect(Array.from(table.getChild('embedding')!.get(3) as Iterable<number>)).toEqual(lines[3]!.embedding);
  });
});

describe('bad input: exit code 1 and a one-line cause', () => {
  const oneLineError = (err: string): void => expect(err.trim().split('\n')).toHaveLength(1);

  it('a missing data path', async () => {
    const r = await runCli(['pretrain', 'simclr', '--data', join(dir, 'nope'), '--out', join(dir, 'x')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--data .*nope: no such file or directory/);
    oneLineError(r.err);
  });

  it('an unknown objective lists the available ones', async () => {
    const r = await runCli(['pretrain', 'simclear', '--data', images, '--out', join(dir, 'x')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/unknown objective 'simclear'; available: .*byol.*causal-lm.*clip.*cpc.*mae.*masked-lm.*simclr.*wav2vec.*word2vec/);
    oneLineError(r.err);
  });

  it('data of the wrong kind for the objective', async () => {
    const text = join(dir, 'notes.txt');
    await writeFile(text, 'one line\nanother line\n');
    const r = await runCli(['pretrain', 'mae', '--data', text, '--out', join(dir, 'x')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/mae needs images, got text file .*notes\.txt/);
    const audio = await runCli(['pretrain', 'cpc', '--data', 'mnist', '--out', join(dir, 'x')]);
    expect(audio.err).toMatch(/cpc needs audio \(WAV\), got the built-in images data set 'mnist'/);
  });

  it('an unreadable (corrupt) file', async () => {
    const bad = join(dir, 'bad');
    await writeImages(bad, 2);
    await writeFile(join(bad, 'a', 'broken.png'), 'not a png');
    const r = await runCli(['pretrain', 'simclr', '--data', bad, '--out', join(dir, 'x'), '--image-size', '8']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot decode .*broken\.png/);
    oneLineError(r.err);
  });

  it('a directory that is not a saved encoder, and an unknown embedding format', async () => {
    const r = await runCli(['probe', '--encoder', images, '--labeled', images]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--encoder .*pretext\.json/);
    const f = await runCli(['embed', '--encoder', run, '--data', images, '--out', join(dir, 'e.csv')]);
    expect(f.code).toBe(1);
    expect(f.err).toMatch(/unknown format '\.csv'/);
  });

  it('documents every flag with its default in --help', async () => {
    const r = await runCli(['pretrain', '--help']);
    expect(r.out).toMatch(/--batch-size <n>\s+examples per batch \(default: 32\)/);
    expect(r.out).toMatch(/simclr\s+images/);
  });
});
