// PLACEHOLDER — replaced by the wasm training kernels work.
export function installWasmTrainingKernels(): string[] {
  return [];
}
