/**
 * An error caused by the user's input (a missing path, an unknown objective, data of the wrong
 * kind): the CLI prints its message as one line and exits with status 1, without a stack trace.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
}

/** The one-line form of any error: its message with line breaks folded into `; `. */
export function oneLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .join('; ');
}
