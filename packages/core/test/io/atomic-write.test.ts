import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/io/atomic-write.js';
import { tempDir } from './io-test-utils.js';

describe('writeFileAtomic', () => {
  it('writes strings, bytes and chunk streams, replacing the file and leaving no temporary file', async () => {
    const dir = await tempDir();
    const file = join(dir, 'f.txt');
    await writeFileAtomic(file, 'héllo');
    expect(await readFile(file, 'utf8')).toBe('héllo');
    await writeFileAtomic(file, Uint8Array.of(1, 2, 3));
    expect([...(await readFile(file))]).toEqual([1, 2, 3]);
    async function* parts(): AsyncGenerator<Uint8Array> {
      yield Uint8Array.of(9);
      yield new Uint8Array(0);
      yield Uint8Array.of(8, 7);
    }
    await writeFileAtomic(file, parts());
    expect([...(await readFile(file))]).toEqual([9, 8, 7]);
    expect(await readdir(dir)).toEqual(['f.txt']);
  });

  it('a source that fails midway leaves the previous file intact and removes the temporary file', async () => {
    const dir = await tempDir();
    const file = join(dir, 'ckpt.bin');
    await writeFile(file, 'old contents');
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array(1 << 16).fill(1);
      throw new Error('disk on fire');
    }
    await expect(writeFileAtomic(file, failing())).rejects.toThrow('disk on fire');
    expect(await readFile(file, 'utf8')).toBe('old contents');
    expect(await readdir(dir)).toEqual(['ckpt.bin']);
  });

  it('fails when the directory does not exist, creating nothing', async () => {
    const dir = await tempDir();
    await expect(writeFileAtomic(join(dir, 'missing', 'f'), 'x')).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('a process killed (SIGKILL) while rewriting a file leaves one complete version of it', async () => {
    const dir = await tempDir();
    const file = join(dir, 'ckpt.bin');
    const size = 4 << 20;
    const module = new URL('../../src/io/atomic-write.ts', import.meta.url).href;
    // The child rewrites the file forever, generation g filled with byte g, in 64 KiB chunks.
    const script = `
      import { writeFileAtomic } from ${JSON.stringify(module)};
      for (let g = 1; ; g++) {
        await writeFileAtomic(${JSON.stringify(file)}, (function* () {
          for (let i = 0; i < ${size}; i += 65536) yield new Uint8Array(65536).fill(g % 256);
        })());
        process.stdout.write('gen ' + g + '\\n');
      }`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if ((out.match(/gen/g) ?? []).length >= 3) resolve();
      });
      child.on('exit', () => reject(new Error(`child exited early: ${out}`)));
    });
    await new Promise((r) => setTimeout(r, 15)); // land inside a later write
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const bytes = await readFile(file);
    expect(bytes.byteLength).toBe(size);
    expect(bytes[0]).toBeGreaterThanOrEqual(3);
    expect(bytes.every((b) => b === bytes[0])).toBe(true);
    // A temporary file of the interrupted write may remain; the next write still succeeds.
    expect((await readdir(dir)).filter((f) => f !== 'ckpt.bin').every((f) => f.startsWith('ckpt.bin.tmp-'))).toBe(true);
    await writeFileAtomic(file, 'next');
    expect(await readFile(file, 'utf8')).toBe('next');
  });
});
