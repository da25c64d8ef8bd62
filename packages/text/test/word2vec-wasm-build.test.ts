import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileSgnsKernel, embeddedModule, SGNS_WASM_PATHS } from '../scripts/sgns-wasm-build.js';

describe('the committed WebAssembly word2vec kernel', () => {
  it('is what the pinned AssemblyScript compiler makes of assembly/sgns-kernel.ts (run `pnpm build:wasm` after editing it)', async () => {
    const fresh = await compileSgnsKernel();
    const committed = new Uint8Array(readFileSync(SGNS_WASM_PATHS.binary));
    expect(Buffer.from(fresh).equals(Buffer.from(committed))).toBe(true);
    expect(readFileSync(SGNS_WASM_PATHS.embedded, 'utf8')).toBe(embeddedModule(committed));
  }, 600_000);
});
