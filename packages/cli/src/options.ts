import { BACKEND_ORDER, isBackendName, type BackendName } from '@pretext/core';
import { InvalidArgumentError } from 'commander';

/** Commander parser of a positive integer flag. */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

/** Commander parser of a non-negative integer flag. */
export function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected an integer ≥ 0');
  return n;
}

/** Commander parser of a positive finite number flag. */
export function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number > 0');
  return n;
}

/** Commander parser of a comma-separated list of fractions in (0, 1], e.g. `0.01,0.1,1`. */
export function fractionList(value: string): number[] {
  const parts = value.split(',').map((s) => Number(s.trim()));
  if (parts.length === 0 || parts.some((f) => !(f > 0 && f <= 1))) throw new InvalidArgumentError('expected fractions in (0, 1], e.g. 0.01,0.1,1');
  return parts;
}

/** Commander parser of a comma-separated list of integers ≥ 0 (seeds). */
export function intList(value: string): number[] {
  const parts = value.split(',').map((s) => Number(s.trim()));
  if (parts.some((n) => !Number.isInteger(n) || n < 0)) throw new InvalidArgumentError('expected integers ≥ 0, e.g. 0,1,2');
  return parts;
}

/** Commander parser of `--backend`. */
export function backendOption(value: string): BackendName {
  if (!isBackendName(value)) throw new InvalidArgumentError(`use one of ${BACKEND_ORDER.join(', ')}`);
  return value;
}

/** Help text of `--backend`. */
export const BACKEND_HELP = `force a backend (${BACKEND_ORDER.join('|')}); default: the best that loads`;
