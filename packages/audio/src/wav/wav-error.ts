/**
 * An audio file that cannot be read: not a WAV, truncated, or in an unsupported encoding.
 * The message names the file and the problem.
 */
export class WavFormatError extends Error {
  /** The file (or source name) that failed. */
  readonly file: string;

  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'WavFormatError';
    this.file = file;
  }
}
