/**
 * BYOL's target-network momentum (Grill et al. 2020, §3.2): `τ = 1 − (1 − τ_base) · (cos(πk/K) + 1) / 2`,
 * rising from `τ_base` at step k = 0 to 1 at the last step K.
 *
 * @param step - optimizer steps completed, k (clamped to [0, K]).
 * @param totalSteps - K (> 0).
 * @param base - τ_base (BYOL: 0.996 on ImageNet; 0.99 for short, small-image runs).
 */
export function cosineMomentum(step: number, totalSteps: number, base: number): number {
  if (!(totalSteps > 0)) throw new Error(`cosineMomentum: totalSteps must be > 0, got ${totalSteps}`);
  if (!(base >= 0 && base <= 1)) throw new Error(`cosineMomentum: base must be in [0, 1], got ${base}`);
  const k = Math.min(Math.max(step, 0), totalSteps);
  return 1 - ((1 - base) * (Math.cos((Math.PI * k) / totalSteps) + 1)) / 2;
}
