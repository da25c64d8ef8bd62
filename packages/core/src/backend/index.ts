export { BACKEND_ORDER, isBackendName, type BackendName } from './backend-name.js';
export { formatBackendReport, type BackendReport, type SkippedBackend } from './backend-report.js';
export { backendReport, initBackend, type InitBackendOptions } from './init-backend.js';
export { smokeTest } from './smoke-test.js';
export { trainingCheck, type TrainingCheckResult } from './training-check.js';
