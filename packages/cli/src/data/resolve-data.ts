import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { CliError } from '../cli-error.js';
import { progressBar } from '../io/progress.js';
import { need, type Modalities } from '../modalities/load-modalities.js';
import { BUILTIN_DATA } from './builtin-data.js';
import { KIND_WORDS, type DataKind } from './data-kind.js';
import { detectKind } from './detect-kind.js';
import type { AudioSet, DataOptions, LoadedData } from './loaded-data.js';
import { readTextData } from './read-text-data.js';

/** Whether data of kind `actual` can feed something that needs `wanted` (a pair folder is also an image folder). */
function fits(wanted: DataKind, actual: DataKind): boolean {
  return wanted === actual || (wanted === 'images' && actual === 'pairs');
}

/**
 * Resolves `--data`: a built-in name (`mnist`, `spam`, `sotu`, `moby-dick`, `spoken-digits`,
 * `mnist-captions`) or a path, checked to hold data of kind `wanted` before anything is decoded.
 *
 * @param who What needs the data, for the mismatch message (`mae needs images, got text file X`).
 * @throws CliError for a missing path, a path of the wrong kind, or a file that cannot be read.
 */
export async function resolveData(spec: string, wanted: DataKind, who: string, m: Modalities, o: DataOptions, flag = '--data'): Promise<LoadedData> {
  const builtin = BUILTIN_DATA[spec];
  if (builtin) {
    if (!fits(wanted, builtin.kind)) throw new CliError(`${who} needs ${KIND_WORDS[wanted]}, got the built-in ${KIND_WORDS[builtin.kind]} data set '${spec}'`);
    // The captioned MNIST's images are MNIST's, with the same split.
    return wanted === 'images' && builtin.kind === 'pairs' ? BUILTIN_DATA.mnist!.load(m, o) : builtin.load(m, o);
  }
  const found = await detectKind(spec, flag).catch((e: unknown) => {
    if (e instanceof CliError && !/[\\/.]/.test(spec)) {
      throw new CliError(`${flag} ${spec}: neither a path nor a built-in data set (${Object.keys(BUILTIN_DATA).join(', ')})`);
    }
    throw e;
  });
  if (!fits(wanted, found.kind)) throw new CliError(`${who} needs ${KIND_WORDS[wanted]}, got ${KIND_WORDS[found.kind]} ${found.form} ${spec}`);
  try {
    return await loadPath(spec, wanted === 'images' ? 'images' : found.kind, found.form, found.captions, m, o);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${flag} ${spec}: ${(e as Error).message}`, { cause: e });
  }
}

async function loadPath(path: string, kind: DataKind, form: 'file' | 'folder', captions: string | undefined, m: Modalities, o: DataOptions): Promise<LoadedData> {
  const name = path;
  if (kind === 'images') {
    const { dataset } = await need(m, 'vision').imageFolder(path, { size: o.imageSize, channels: o.channels });
    return { kind, name, train: dataset };
  }
  if (kind === 'pairs') {
    const pairs = await need(m, 'multimodal').imageCaptionPairs(path, captions!, { size: o.imageSize, channels: o.channels });
    return { kind, name, train: pairs };
  }
  if (kind === 'text') return { kind, name, train: await readTextData(need(m, 'text'), path, form) };
  return { kind, name, train: await readAudio(m, path, o) };
}

/** A folder of WAVs: labeled by class sub-folders when every clip is in one, else unlabeled. */
async function readAudio(m: Modalities, dir: string, o: DataOptions): Promise<AudioSet> {
  const audio = need(m, 'audio');
  const top = await readdir(dir, { withFileTypes: true });
  if (!top.some((d) => d.isFile() && extname(d.name).toLowerCase() === '.wav')) {
    const folder = await audio.loadAudioFolder(dir, { sampleRate: o.sampleRate });
    return { clips: folder.clips, labels: folder.labels, classes: folder.classNames, sources: folder.files };
  }
  const files = (await readdir(dir, { recursive: true })).map(String).filter((f) => extname(f).toLowerCase() === '.wav').sort();
  const bar = progressBar('reading audio', files.length);
  const clips = [];
  for (const f of files) {
    clips.push(await audio.readWav(join(dir, f), { sampleRate: o.sampleRate }));
    bar.tick();
  }
  bar.done();
  return { clips, sources: files };
}
