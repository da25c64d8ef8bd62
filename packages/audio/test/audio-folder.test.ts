import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { encodeWav, loadAudioFolder, parseCsv } from '../src/index.js';

const tone = (value: number, n = 441) => new Float32Array(n).fill(value);

async function makeFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pretext-folder-'));
  for (const [cls, files] of [['yes', ['a.wav', 'deep/b.wav']], ['no', ['c.WAV']]] as const) {
    for (const f of files) {
      await mkdir(join(dir, cls, f, '..'), { recursive: true });
      await writeFile(join(dir, cls, f), encodeWav([tone(cls === 'yes' ? 0.25 : -0.25)], 44100, '16'));
    }
  }
  await writeFile(join(dir, 'yes', 'notes.txt'), 'ignored');
  return dir;
}

describe('loadAudioFolder', () => {
  test('labels from sub-folders, resampled to 16 kHz, sorted by path', async () => {
    const dir = await makeFolder();
    const folder = await loadAudioFolder(dir);
    expect(folder.classNames).toEqual(['no', 'yes']);
    expect(folder.files).toEqual(['no/c.WAV', 'yes/a.wav', 'yes/deep/b.wav']);
    expect([...folder.labels]).toEqual([0, 1, 1]);
    expect(folder.clips[0]!.sampleRate).toBe(16000);
    expect(folder.clips[0]!.samples.length).toBe(160);
    expect(folder.clips[1]!.samples[80]).toBeCloseTo(0.25, 2);
  });

  test('labels from a CSV; errors name the CSV and the bad file', async () => {
    const dir = await makeFolder();
    const csv = join(dir, 'labels.csv');
    await writeFile(csv, 'file,label\r\nyes/a.wav,"pos, loud"\nno/c.WAV,neg\n\n');
    const folder = await loadAudioFolder(dir, { labels: { csv }, sampleRate: 8000 });
    expect(folder.classNames).toEqual(['neg', 'pos, loud']);
    expect([...folder.labels]).toEqual([0, 1]);
    expect(folder.clips[0]!.samples.length).toBe(80);
    await writeFile(csv, 'path,label\nyes/a.wav,x\n');
    await expect(loadAudioFolder(dir, { labels: { csv } })).rejects.toThrow(/labels\.csv: no column 'file'/);
    await writeFile(join(dir, 'broken.wav'), encodeWav([tone(0.1)], 8000).slice(0, 60));
    await writeFile(csv, 'file,label\nbroken.wav,x\n');
    await expect(loadAudioFolder(dir, { labels: { csv } })).rejects.toThrow(/broken\.wav: truncated WAV/);
  });

  test('an empty folder is an error naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pretext-empty-'));
    await expect(loadAudioFolder(dir)).rejects.toThrow(/pretext-empty-.*no \.wav files/);
  });
});

test('parseCsv handles quotes and reports ragged rows', () => {
  expect(parseCsv('a,b\n"x ""q""",2\n', 'f.csv')).toEqual({ header: ['a', 'b'], rows: [['x "q"', '2']] });
  expect(() => parseCsv('a,b\n1\n', 'f.csv')).toThrow(/f\.csv: row 2 has 1 fields/);
  expect(() => parseCsv('a\n"open\n', 'g.csv')).toThrow(/g\.csv: unterminated quoted field/);
});
