/**
 * Index arithmetic for running a strided window op with a filter (conv, depthwise conv) backwards,
 * one spatial axis at a time. In the forward op, output `o` reads input `o*stride + k*dilation -
 * padBefore` for every tap `k`. Its input gradient scatters each output back to those positions.
 *
 * With stride `s`, padded position `p = o*s + k*d` splits into a phase `r = p mod s` and a
 * coarse index `q = floor(p / s)`: each phase is a dense stride-1 problem on a grid `s` times
 * smaller, and interleaving the `s` phase grids gives the gradient. That turns a stride-2 input
 * gradient into four small stride-1 convolutions instead of one over a zero-dilated `dy`.
 */

/** One spatial axis of a forward window op. */
export interface AxisWindow {
  /** Input length (unpadded). */
  readonly inSize: number;
  /** Output length. */
  readonly outSize: number;
  /** Filter / window length in taps. */
  readonly taps: number;
  readonly stride: number;
  readonly dilation: number;
  /** Zero padding before the first input element. */
  readonly padBefore: number;
}

/** The coarse grid shared by all phases: `q ∈ [first, first + count)`. */
export interface PhaseGrid {
  readonly first: number;
  readonly count: number;
  /** Where the input starts in the interleaved grid (`padBefore - first*stride`, < stride). */
  readonly offset: number;
}

/** The coarse grid covering every input position of the axis. */
export function phaseGrid(w: AxisWindow): PhaseGrid {
  const first = Math.floor(w.padBefore / w.stride);
  const count = Math.ceil((w.padBefore + w.inSize) / w.stride) - first;
  return { first, count, offset: w.padBefore - first * w.stride };
}

/**
 * The stride-1 correlation computing one phase grid from `dy`: the phase's taps, taken from the
 * reversed filter (`first`, every `step`-th, `count` of them), applied with `dilation` and
 * padding (negative: cropping) `before`/`after` of `dy`. `count` 0: the phase gets no gradient.
 */
export interface PhaseCorrelation {
  readonly first: number;
  readonly count: number;
  readonly step: number;
  readonly dilation: number;
  readonly before: number;
  readonly after: number;
}

/** The correlation for phase `r`. Needs stride 1 or dilation 1 (as tfjs does). */
export function phaseCorrelation(w: AxisWindow, grid: PhaseGrid, r: number): PhaseCorrelation {
  if (w.stride > 1 && w.dilation > 1) {
    throw new Error(`window gradient: stride ${w.stride} with dilation ${w.dilation}; one of them must be 1`);
  }
  const dilated = w.stride === 1;
  const count = dilated ? w.taps : Math.max(0, Math.ceil((w.taps - r) / w.stride));
  const spacing = dilated ? w.dilation : 1;
  return {
    first: dilated ? 0 : w.taps - 1 - (r + (count - 1) * w.stride),
    count,
    step: dilated ? 1 : w.stride,
    dilation: spacing,
    before: (count - 1) * spacing - grid.first,
    after: grid.count - w.outSize + grid.first,
  };
}
