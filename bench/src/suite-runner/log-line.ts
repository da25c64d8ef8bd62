/** Writes a time-stamped progress line to stderr (long runs: hours). */
export function logLine(line: string): void {
  process.stderr.write(`[${new Date().toISOString()}] ${line}\n`);
}
