/**
 * `@pretext/core`: backend selection, the Objective contract, the Trainer, SSL losses and
 * evaluation protocols. Re-exports TensorFlow.js as `tf` so that every package uses one engine.
 */
export * as tf from '@tensorflow/tfjs';
export * from './backend/index.js';
export * from './objective/index.js';
export * from './tensor/index.js';
export * from './losses/index.js';
export * from './optim/index.js';
export * from './train/index.js';
export * from './eval/index.js';
export * from './io/index.js';
