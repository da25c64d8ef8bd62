export { mixSeed, Rng } from './rng.js';
export { nonTrainableVariablesOf, trainableVariablesOf } from './model-variables.js';
