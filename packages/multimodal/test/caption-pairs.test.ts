import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeWav, loadAudioFolder } from '@pretext/audio';
import { tf } from '@pretext/core';
import { WordTokenizer } from '@pretext/text';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { audioCaptionPairs, imageCaptionPairs, readCaptionsFile } from '../src/index.js';
import { useTestBackend } from './helpers/backend.js';

let root: string;
let images: string;
let sounds: string;

const png = (gray: number): Promise<Buffer> => sharp({ create: { width: 6, height: 6, channels: 3, background: { r: gray, g: gray, b: gray } } }).png().toBuffer();
const tone = (n: number, f: number): Float32Array => Float32Array.from({ length: n }, (_, i) => 0.3 * Math.sin((2 * Math.PI * f * i) / 16000));
const write = async (name: string, text: string): Promise<string> => {
  const path = join(root, name);
  await writeFile(path, text);
  return path;
};

beforeAll(async () => {
  await useTestBackend();
  root = await mkdtemp(join(tmpdir(), 'pretext-multimodal-'));
  images = join(root, 'images');
  await mkdir(join(images, 'dark'), { recursive: true });
  await mkdir(join(images, 'light'), { recursive: true });
  await writeFile(join(images, 'dark', 'black.png'), await png(0));
  await writeFile(join(images, 'dark', 'gray.png'), await png(128));
  await writeFile(join(images, 'light', 'white.png'), await png(255));
  sounds = join(root, 'sounds');
  await mkdir(join(sounds, 'low'), { recursive: true });
  await mkdir(join(sounds, 'high'), { recursive: true });
  await writeFile(join(sounds, 'low', 'a.wav'), encodeWav([tone(1600, 200)], 16000));
  await writeFile(join(sounds, 'high', 'b.wav'), encodeWav([tone(800, 2000)], 16000));
});

describe('captions files', () => {
  it('reads CSV (several rows per file, quoted commas, extra columns) and JSONL (caption or captions)', async () => {
    const csv = await write('c.csv', 'id,file,caption\n1,black.png,"dark, very dark"\n2,white.png,bright\n3,black.png,night\n');
    expect(await readCaptionsFile(csv)).toEqual([
      { file: 'black.png', captions: ['dark, very dark'], line: 2 },
      { file: 'white.png', captions: ['bright'], line: 3 },
      { file: 'black.png', captions: ['night'], line: 4 },
    ]);
    const jsonl = await write('c.jsonl', '{"file":"black.png","caption":"dark"}\n\n{"file":"white.png","captions":["bright","snow"]}\n');
    expect(await readCaptionsFile(jsonl)).toEqual([
      { file: 'black.png', captions: ['dark'], line: 1 },
      { file: 'white.png', captions: ['bright', 'snow'], line: 3 },
    ]);
  });

  it('names the file and line of malformed lines', async () => {
    const cases: [string, string, RegExp][] = [
      ['bad1.jsonl', '{"file":"a.png","caption":"x"}\n{"file": "b.png", caption}\n', /bad1\.jsonl:2: malformed JSON line/],
      ['bad2.jsonl', '{"file":"a.png"}\n', /bad2\.jsonl:1: give exactly one of 'caption'/],
      ['bad3.jsonl', '{"file":"a.png","captions":[]}\n', /bad3\.jsonl:1: 'captions' must be a non-empty array of strings/],
      ['bad4.jsonl', '{"caption":"x"}\n', /bad4\.jsonl:1: 'file' is missing/],
      ['bad5.csv', 'file,text\na.png,x\n', /bad5\.csv:1: the header must name a 'file' and a 'caption' column/],
      ['bad6.csv', 'file,caption\na.png,x\nb.png,one,two\n', /bad6\.csv:3: expected 2 fields as in the header, got 3/],
      ['bad7.csv', 'file,caption\na.png,  \n', /bad7\.csv:2: empty caption/],
      ['bad8.txt', 'file,caption\n', /bad8\.txt: cannot tell the captions format from the extension '\.txt'/],
    ];
    for (const [name, text, error] of cases) await expect(readCaptionsFile(await write(name, text))).rejects.toThrow(error);
  });
});

describe('image–caption pairs', () => {
  it('pairs an image folder with its captions and batches { x, tokens } with a seeded caption per epoch', async () => {
    const jsonl = await write('pairs.jsonl', ['{"file":"dark/black.png","captions":["a black square","darkness","night sky"]}', '{"file":"dark/gray.png","caption":"a gray square"}', '{"file":"./light/white.png","caption":"a white square"}', '{"file":"dark/black.png","caption":"coal"}'].join('\n'));
    const pairs = await imageCaptionPairs(images, jsonl, { size: 4, channels: 1 });
    expect(pairs.count).toBe(3);
    expect(pairs.captions).toEqual([['a black square', 'darkness', 'night sky', 'coal'], ['a gray square'], ['a white square']]);
    expect(Array.from(pairs.labels!)).toEqual([0, 0, 1]); // class sub-folders dark, light
    const tokenizer = WordTokenizer.train(pairs.distinctCaptions());
    const data = await pairs.batches({ batchSize: 3, tokenizer, maxLength: 4, seed: 1 });
    const blackCaption = async (epoch: number): Promise<string> => {
      const [batch] = [...data(epoch)];
      expect(batch!.x!.shape).toEqual([3, 4, 4, 1]);
      expect(batch!.tokens!.dtype).toBe('int32');
      const brightness = Array.from(tf.tidy(() => tf.mean(batch!.x!, [1, 2, 3])).dataSync());
      const row = brightness.indexOf(Math.min(...brightness));
      const ids = (batch!.tokens!.arraySync() as number[][])[row]!;
      tf.dispose(Object.values(batch!));
      return tokenizer.decode(ids);
    };
    const seen = await Promise.all(Array.from({ length: 12 }, (_, e) => blackCaption(e)));
    expect(new Set(seen).size).toBeGreaterThan(1); // the caption is redrawn per epoch …
    expect(await blackCaption(5)).toBe(seen[5]); // … with a seed: the same epoch gives the same caption
    for (const s of seen) expect(['a black square', 'darkness', 'night sky', 'coal']).toContain(s);
  });

  it('names the captions file, the line and the missing image', async () => {
    const csv = await write('missing.csv', 'file,caption\ndark/black.png,dark\ndark/ghost.png,a ghost\n');
    await expect(imageCaptionPairs(images, csv, { size: 4 })).rejects.toThrow(/missing\.csv:3: media file 'dark\/ghost\.png' is missing: there is no .*images[/\\]dark[/\\]ghost\.png/);
    const outside = await write('outside.csv', 'file,caption\n../c.csv,a file\n');
    await expect(imageCaptionPairs(images, outside, { size: 4 })).rejects.toThrow(/outside\.csv:2: media file '\.\.\/c\.csv' is outside the media folder/);
  });

  it('leaves uncaptioned images out with one warning', async () => {
    const csv = await write('some.csv', 'file,caption\nlight/white.png,bright\n');
    const warnings: string[] = [];
    const pairs = await imageCaptionPairs(images, csv, { size: 4, warn: (m) => warnings.push(m) });
    expect(pairs.count).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/2 of 3 media files have no caption/);
  });
});

describe('audio–caption pairs', () => {
  it('reads the named WAVs of a folder, or matches a loaded AudioFolder keeping its labels', async () => {
    const csv = await write('sounds.csv', 'file,caption\nhigh/b.wav,a high beep\nlow/a.wav,a low hum\nhigh/b.wav,a whistle\n');
    const pairs = await audioCaptionPairs(sounds, csv, { length: 1000 });
    expect(pairs.media.sources).toEqual(['high/b.wav', 'low/a.wav']);
    expect(pairs.captions).toEqual([['a high beep', 'a whistle'], ['a low hum']]);
    const tokenizer = WordTokenizer.train(pairs.distinctCaptions());
    const [batch] = [...(await pairs.batches({ batchSize: 2, tokenizer, maxLength: 4, shuffle: false }))(0)];
    expect(batch!.wave!.shape).toEqual([2, 1000]);
    expect(batch!.tokens!.shape).toEqual([2, 4]);
    tf.dispose(Object.values(batch!));

    const folder = await loadAudioFolder(sounds);
    const labeled = await audioCaptionPairs(folder, csv, { root: sounds });
    expect(labeled.media.sources).toEqual(['high/b.wav', 'low/a.wav']);
    expect(Array.from(labeled.labels!)).toEqual([0, 1]);
    const [withY] = [...(await labeled.batches({ batchSize: 2, tokenizer, maxLength: 4, withLabels: true, shuffle: false }))(0)];
    expect(withY!.wave!.shape).toEqual([2, 1600]); // the longest clip
    expect(Array.from(withY!.y!.dataSync())).toEqual([0, 1]);
    tf.dispose(Object.values(withY!));
  });

  it('names the captions file, the line and the missing clip', async () => {
    const jsonl = await write('sounds.jsonl', '{"file":"low/a.wav","caption":"hum"}\n{"file":"low/zzz.wav","caption":"snore"}\n');
    await expect(audioCaptionPairs(sounds, jsonl)).rejects.toThrow(/sounds\.jsonl:2: media file 'low\/zzz\.wav' is missing/);
    const folder = await loadAudioFolder(sounds);
    await expect(audioCaptionPairs(folder, jsonl, { root: sounds })).rejects.toThrow(/sounds\.jsonl:2: media file 'low\/zzz\.wav' is missing/);
  });
});
