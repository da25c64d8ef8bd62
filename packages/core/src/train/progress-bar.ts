import type { LogSink, ProgressSnapshot, TrainReporter } from './reporter.js';

const CLEAR_LINE = '\r\x1b[2K';
const REDRAW_MS = 100;

/**
 * A one-line progress bar for terminals: percentage, bar, step, epoch, loss, learning rate,
 * samples/s and ETA, redrawn at most 10 times a second. Other events are printed as lines above it.
 */
export class ProgressBar implements TrainReporter {
  private last: ProgressSnapshot | undefined;
  private drawnAt = 0;
  private drawn = false;

  /** @param sink a terminal stream (`process.stderr`). */
  constructor(private readonly sink: LogSink) {}

  progress(p: ProgressSnapshot): void {
    this.last = p;
    const now = Date.now();
    if (now - this.drawnAt >= REDRAW_MS || p.step >= p.totalSteps) this.draw(now);
  }

  event(event: string, fields: Readonly<Record<string, unknown>>): void {
    if (event === 'step') return; // the bar shows it
    const text = Object.entries(fields)
      .map(([k, v]) => `${k}=${typeof v === 'number' ? formatNumber(v) : typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    this.sink.write(`${this.drawn ? CLEAR_LINE : ''}${event}${text ? ` ${text}` : ''}\n`);
    this.drawn = false;
    if (this.last) this.draw(Date.now());
  }

  close(): void {
    if (this.last) this.draw(Date.now());
    if (this.drawn) this.sink.write('\n');
    this.drawn = false;
  }

  private draw(now: number): void {
    this.sink.write(CLEAR_LINE + renderBar(this.last!, this.sink.columns ?? 100));
    this.drawn = true;
    this.drawnAt = now;
  }
}

/**
 * The bar's text for a terminal `columns` wide. When the line would not fit, the least useful
 * fields go first (learning rate, then epoch, then throughput), then the bar narrows.
 */
export function renderBar(p: ProgressSnapshot, columns: number): string {
  const frac = p.totalSteps > 0 ? Math.min(1, p.step / p.totalSteps) : 0;
  const pct = `${Math.floor(frac * 100)}%`.padStart(4);
  const parts: { text: string; drop: number }[] = [
    { text: `${p.step}/${p.totalSteps}`, drop: Infinity },
    { text: p.epochs !== undefined ? `epoch ${p.epoch + 1}/${p.epochs}` : `epoch ${p.epoch + 1}`, drop: 2 },
    { text: `loss ${formatNumber(p.loss)}`, drop: Infinity },
    { text: `lr ${p.lr.toExponential(1)}`, drop: 1 },
    { text: `${formatNumber(p.samplesPerSec)} samples/s`, drop: 3 },
    { text: `ETA ${formatDuration(p.etaSec)}`, drop: Infinity },
  ];
  const room = columns - 1 - pct.length - 4; // spaces and brackets around the bar
  const tail = (): string => ` ${parts.map((x) => x.text).join(' · ')}`;
  for (let rank = 1; rank <= 3 && room - tail().length < 10; rank++) {
    const i = parts.findIndex((x) => x.drop === rank);
    if (i >= 0) parts.splice(i, 1);
  }
  const width = Math.max(5, Math.min(40, room - tail().length));
  const full = Math.round(frac * width);
  return `${pct} [${'#'.repeat(full)}${'-'.repeat(width - full)}]${tail()}`.slice(0, Math.max(20, columns - 1));
}

function formatNumber(v: number): string {
  if (!Number.isFinite(v) || Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(2);
  return a >= 100 ? v.toFixed(0) : v.toFixed(4);
}

/** `h:mm:ss` or `m:ss`; `?` when unknown. */
export function formatDuration(sec: number): string {
  if (!Number.isFinite(sec) || sec < 0) return '?';
  const s = Math.round(sec);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
