import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readWav, type AudioClip, type AudioFolder, type ReadWavOptions } from '@pretext/audio';
import { TextInputError } from '@pretext/text';
import { CaptionPairs } from './caption-pairs.js';
import { readCaptionsFile, type CaptionsFormat } from './captions-file.js';
import { keepCaptioned } from './keep-captioned.js';
import { matchCaptions, mediaKey } from './match-captions.js';
import { audioMedia } from './media-set.js';

/** Options of {@link audioCaptionPairs}. */
export interface AudioCaptionPairsOptions extends ReadWavOptions {
  /** Captions file format (default: from its extension, `.csv` or `.jsonl`). */
  readonly format?: CaptionsFormat;
  /** Samples per clip in a batch (centred crop or zero padding; default: the longest clip). */
  readonly length?: number;
  /**
   * The folder the captions' file names are relative to: needed when `audio` is a loaded
   * `AudioFolder` (the folder it was loaded from); defaults to `audio` when that is a path.
   */
  readonly root?: string;
  /** Where the warning about clips without captions goes (default `console.warn`). */
  readonly warn?: (message: string) => void;
}

/**
 * Audio–caption pairs from WAV files and a captions file (CSV `file,caption` or JSONL, see
 * {@link readCaptionsFile}) naming the clips relative to the folder. With a folder path, exactly
 * the WAVs the captions name are read (mono, resampled to `sampleRate`, 16 kHz by default), in
 * the order the captions file first names them; with an `AudioFolder` from audio's
 * `loadAudioFolder`, its clips are matched and keep its labels (uncaptioned clips are left out
 * with one warning).
 *
 * @example
 * ```ts
 * const pairs = await audioCaptionPairs('data/sounds', 'data/sounds/captions.csv', { length: 16_000 });
 * ```
 * @throws TextInputError naming the captions file, the line and the clip when a caption names a
 *   missing file, or a malformed line; WavFormatError naming a clip that is not a readable WAV.
 */
export async function audioCaptionPairs(audio: string | AudioFolder, captionsFile: string, options: AudioCaptionPairsOptions = {}): Promise<CaptionPairs> {
  const root = options.root ?? (typeof audio === 'string' ? audio : undefined);
  if (root === undefined) throw new Error('audioCaptionPairs: pass options.root (the folder the clips were loaded from) with a loaded AudioFolder');
  const lines = await readCaptionsFile(captionsFile, options.format);
  const media = { ...(options.length !== undefined ? { length: options.length } : {}) };
  if (typeof audio !== 'string') {
    const matched = matchCaptions(lines, captionsFile, audio.files, root, "(it is not among the folder's WAV files)");
    return keepCaptioned(
      matched,
      audio.clips.length,
      (kept) =>
        new CaptionPairs(
          audioMedia(kept.map((i) => audio.clips[i]!), { ...media, labels: Int32Array.from(kept, (i) => audio.labels[i]!), classNames: audio.classNames, sources: kept.map((i) => audio.files[i]!) }),
          kept.map((i) => matched.captions[i]!),
        ),
      audio.files,
      captionsFile,
      options.warn,
    );
  }
  const files: string[] = [];
  const seen = new Set<string>();
  for (const { file, line } of lines) {
    const key = mediaKey(file, root);
    if (key === undefined) throw new TextInputError(captionsFile, line, `media file '${file}' is outside the media folder ${root}`);
    if (seen.has(key)) continue;
    seen.add(key);
    const path = join(root, key);
    const isFile = await stat(path).then((s) => s.isFile(), () => false);
    if (!isFile) throw new TextInputError(captionsFile, line, `media file '${file}' is missing: there is no file ${path}`);
    files.push(key);
  }
  const clips: AudioClip[] = [];
  for (const f of files) clips.push(await readWav(join(root, f), options));
  const matched = matchCaptions(lines, captionsFile, files, root, '');
  return new CaptionPairs(audioMedia(clips, { ...media, sources: files }), matched.captions);
}
