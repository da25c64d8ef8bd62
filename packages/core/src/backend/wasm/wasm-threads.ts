// PLACEHOLDER — replaced by the wasm training kernels work.
export function enableWasmThreads(requested?: number): { requested: number; note?: string } {
  return { requested: requested ?? 1 };
}
