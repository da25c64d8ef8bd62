/**
 * Thrown when a tensor bundle cannot be written or read: the file is missing, truncated, corrupt
 * (checksum mismatch), not a Pretext tensor bundle, of an unsupported version, or its header
 * describes tensors that do not fit the file. The message names the file and the problem.
 */
export class TensorBundleError extends Error {
  /** The bundle file the error is about. */
  readonly file: string;

  /**
   * @param file The bundle file the error is about.
   * @param message Full message; it should name `file` and the problem.
   * @param options Standard error options (`cause`).
   */
  constructor(file: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TensorBundleError';
    this.file = file;
  }
}
