import type * as tf from '@tensorflow/tfjs';

/** Bytes per element of each weight dtype (or quantized storage dtype) as tfjs encodes them. */
const WEIGHT_BYTES: Readonly<Record<string, number>> = {
  float32: 4,
  int32: 4,
  bool: 1,
  complex64: 8,
  uint8: 1,
  uint16: 2,
  float16: 2,
};

/**
 * The bytes that `specs` occupy in a weights file, or `undefined` when it cannot be known in
 * advance (string weights carry per-string length prefixes).
 */
export function expectedWeightBytes(specs: readonly tf.io.WeightsManifestEntry[]): number | undefined {
  let total = 0;
  for (const s of specs) {
    const storage = s.quantization?.dtype ?? s.dtype;
    const bytes = WEIGHT_BYTES[storage];
    if (bytes === undefined) return undefined;
    total += s.shape.reduce((a, b) => a * b, 1) * bytes;
  }
  return total;
}

/** The weight data of saved artifacts as a list of byte chunks, in order. */
export function weightChunks(data: tf.io.WeightData | undefined): Uint8Array[] {
  if (data === undefined) return [];
  return (Array.isArray(data) ? data : [data]).map((b) => new Uint8Array(b));
}

/**
 * The `model.json` object for model artifacts and a weights manifest, in the layout that the
 * tfjs converter, `tf.io.http` and `tf.loadLayersModel` use: modelTopology, format, generatedBy,
 * convertedBy, weightsManifest, then the optional fields that the artifacts carry.
 */
export function modelJsonFor(
  artifacts: tf.io.ModelArtifacts,
  manifest: tf.io.WeightsManifestConfig,
  convertedBy?: string,
): tf.io.ModelJSON {
  if (artifacts.modelTopology === undefined || artifacts.modelTopology instanceof ArrayBuffer) {
    throw new TypeError('only models with a JSON topology (tf.LayersModel) can be saved as model.json');
  }
  const json: tf.io.ModelJSON = {
    modelTopology: artifacts.modelTopology,
    format: artifacts.format ?? 'layers-model',
    generatedBy: artifacts.generatedBy,
    convertedBy: convertedBy ?? artifacts.convertedBy ?? null,
    weightsManifest: manifest,
  };
  if (artifacts.trainingConfig != null) json.trainingConfig = artifacts.trainingConfig;
  if (artifacts.signature != null) json.signature = artifacts.signature;
  if (artifacts.userDefinedMetadata != null) json.userDefinedMetadata = artifacts.userDefinedMetadata;
  if (artifacts.modelInitializer != null) json.modelInitializer = artifacts.modelInitializer;
  if (artifacts.initializerSignature != null) json.initializerSignature = artifacts.initializerSignature;
  return json;
}

/** The `ModelArtifacts` that a parsed `model.json` plus its loaded weights describe. */
export function artifactsFor(
  json: tf.io.ModelJSON,
  weightSpecs: tf.io.WeightsManifestEntry[],
  weightData: tf.io.WeightData,
): tf.io.ModelArtifacts {
  const a: tf.io.ModelArtifacts = { modelTopology: json.modelTopology, weightSpecs, weightData };
  if (json.format != null) a.format = json.format;
  if (json.generatedBy != null) a.generatedBy = json.generatedBy;
  if (json.convertedBy != null) a.convertedBy = json.convertedBy;
  if (json.trainingConfig != null) a.trainingConfig = json.trainingConfig;
  if (json.signature != null) a.signature = json.signature;
  if (json.userDefinedMetadata != null) a.userDefinedMetadata = json.userDefinedMetadata;
  if (json.modelInitializer != null) a.modelInitializer = json.modelInitializer;
  if (json.initializerSignature != null) a.initializerSignature = json.initializerSignature;
  return a;
}
