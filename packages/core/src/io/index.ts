export { writeFileAtomic, type AtomicWriteData } from './atomic-write.js';
export { readTensorBundle, TensorBundleError, writeTensorBundle, type TensorBundle } from './tensor-bundle.js';
export { ModelIOError } from './model-io-error.js';
export { fileIO, modelJsonPath } from './file-io-handler.js';
export { registerFileRouter } from './file-router.js';
export { exportForBrowser, type BrowserExport, type ExportForBrowserOptions } from './export-for-browser.js';
export {
  ENCODER_META_FILE,
  readEncoderMeta,
  type EncoderMeta,
  type EncoderMetaInput,
  type SymbolicShape,
} from './encoder-meta.js';
export { saveEncoder } from './save-encoder.js';
export { loadEncoder } from './load-encoder.js';
export {
  loadObjectiveState,
  OBJECTIVE_STATE_FILE,
  saveObjectiveState,
  type LoadedObjectiveState,
  type LoadObjectiveStateOptions,
} from './objective-state.js';
