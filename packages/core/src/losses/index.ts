export { byolLoss, byolSymmetricLoss, type ByolLossOptions } from './byol-loss.js';
export { clipLoss, initialLogitScale, type ClipLossOptions } from './clip-loss.js';
export { infoNceLoss, type InfoNceOptions } from './info-nce.js';
export { l2Normalize } from './l2-normalize.js';
export { maskedMseLoss, type MaskedMseOptions } from './masked-mse.js';
export { negativeSamplingLoss } from './negative-sampling.js';
export { ntXentLoss, type NtXentOptions } from './nt-xent.js';
export { stopGradient } from './stop-gradient.js';
export { tokenCrossEntropyLoss, type TokenCrossEntropyOptions } from './token-cross-entropy.js';
