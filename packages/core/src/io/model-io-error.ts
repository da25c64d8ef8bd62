/**
 * Thrown when a saved model, encoder or objective state cannot be written or read: a file is
 * missing, not valid JSON, not in the expected format, or its weights do not match its
 * description. The message names the file and the problem.
 */
export class ModelIOError extends Error {
  /** The file (or directory) the error is about. */
  readonly file: string;

  /**
   * @param file The file (or directory) the error is about.
   * @param message Full message; it should name `file` and the problem.
   * @param options Standard error options (`cause`).
   */
  constructor(file: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ModelIOError';
    this.file = file;
  }
}
