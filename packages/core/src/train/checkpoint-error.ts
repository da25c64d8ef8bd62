/**
 * Thrown when a checkpoint cannot be used: the file is missing, truncated or corrupt, is not a
 * Pretext checkpoint, or was written by another objective or model. Nothing has been loaded when
 * it is thrown. The message names the file and the problem.
 */
export class CheckpointError extends Error {
  /** The checkpoint file (or directory) the error is about. */
  readonly file: string;

  /**
   * @param file The checkpoint file the error is about.
   * @param problem What is wrong, in words (the message adds the file).
   * @param options Standard error options (`cause`).
   */
  constructor(file: string, problem: string, options?: ErrorOptions) {
    super(`cannot use checkpoint ${file}: ${problem}`, options);
    this.name = 'CheckpointError';
    this.file = file;
  }
}
