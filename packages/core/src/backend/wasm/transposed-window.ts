import type * as tf from '@tensorflow/tfjs';
import { interleaveOnHeap } from './heap-copy.js';
import type { ExplicitPadding, KernelScope } from './kernel-scope.js';
import { phaseCorrelation, phaseGrid, type AxisWindow, type PhaseCorrelation, type PhaseGrid } from './window-geometry.js';

/** Height and width axes of an NHWC window op. */
export type WindowAxes = readonly [AxisWindow, AxisWindow];

/**
 * Interleaves phase grids (`[B, Qh, Qw, C]` each, row-major over the `strideH × strideW` phases)
 * into the padded input grid and crops it to the input: `[B, H, W, C]`.
 */
export function interleavePhases(s: KernelScope, phases: tf.TensorInfo[], axes: WindowAxes): tf.TensorInfo {
  const [h, w] = axes;
  const gh = phaseGrid(h);
  const gw = phaseGrid(w);
  const only = phases.length === 1 ? phases[0]! : undefined;
  if (only && gh.offset === 0 && gw.offset === 0 && only.shape[1] === h.inSize && only.shape[2] === w.inSize) return only;
  return s.track(interleaveOnHeap(s.backend, phases, [h.stride, w.stride], [gh.offset, gw.offset], [h.inSize, w.inSize]));
}

/**
 * Computes one phase grid from `dy`: `correlate` receives `dy` (already cropped where the phase
 * needs it), which taps of the reversed filter to use per axis, and the explicit padding and
 * dilation of the stride-1 correlation. Its result must be `[B, Qh, Qw, channels]`.
 */
export type PhaseCorrelate = (
  dy: tf.TensorInfo,
  taps: readonly [PhaseCorrelation, PhaseCorrelation],
  pad: ExplicitPadding,
  dilations: [number, number],
) => tf.TensorInfo;

/**
 * The input gradient of a strided/dilated window op with a filter (conv, depthwise conv): per
 * phase a stride-1 correlation of `dy` with that phase's taps of the reversed filter, then
 * {@link interleavePhases}. No work is spent on the zeros a stride-dilated `dy` would contain.
 */
export function transposedCorrelation(
  s: KernelScope,
  dy: tf.TensorInfo,
  axes: WindowAxes,
  channels: number,
  correlate: PhaseCorrelate,
): tf.TensorInfo {
  const [h, w] = axes;
  const grids: [PhaseGrid, PhaseGrid] = [phaseGrid(h), phaseGrid(w)];
  const batch = dy.shape[0]!;
  const phases: tf.TensorInfo[] = [];
  for (let rh = 0; rh < h.stride; rh++) {
    for (let rw = 0; rw < w.stride; rw++) {
      const ch = phaseCorrelation(h, grids[0], rh);
      const cw = phaseCorrelation(w, grids[1], rw);
      const keepH = h.outSize + Math.min(0, ch.before) + Math.min(0, ch.after);
      const keepW = w.outSize + Math.min(0, cw.before) + Math.min(0, cw.after);
      if (ch.count === 0 || cw.count === 0 || keepH <= 0 || keepW <= 0) {
        phases.push(s.fill([batch, grids[0].count, grids[1].count, channels], 0));
        continue;
      }
      const cropped = s.crop(dy, [[0, 0], [Math.max(0, -ch.before), Math.max(0, -ch.after)],
        [Math.max(0, -cw.before), Math.max(0, -cw.after)], [0, 0]]);
      const pad: ExplicitPadding = [[0, 0], [Math.max(0, ch.before), Math.max(0, ch.after)],
        [Math.max(0, cw.before), Math.max(0, cw.after)], [0, 0]];
      phases.push(correlate(cropped, [ch, cw], pad, [ch.dilation, cw.dilation]));
    }
  }
  return interleavePhases(s, phases, axes);
}

/** The phase's taps of a reversed `[KH, KW, ...]` filter: `[countH, countW, ...]`. */
export function phaseTaps(s: KernelScope, reversedFilter: tf.TensorInfo, taps: readonly [PhaseCorrelation, PhaseCorrelation]): tf.TensorInfo {
  const [th, tw] = taps;
  const [kh, kw, ...rest] = reversedFilter.shape;
  if (th.first === 0 && th.count === kh && tw.first === 0 && tw.count === kw) return reversedFilter;
  return s.stridedSlice(
    reversedFilter,
    [th.first, tw.first, ...rest.map(() => 0)],
    [th.first + (th.count - 1) * th.step + 1, tw.first + (tw.count - 1) * tw.step + 1, ...rest],
    [th.step, tw.step, ...rest.map(() => 1)],
  );
}
