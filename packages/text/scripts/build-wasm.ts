/**
 * `pnpm build:wasm`: recompiles the WebAssembly word2vec kernel and writes the committed binary
 * and the TypeScript module that embeds it.
 */
import { writeFileSync } from 'node:fs';
import { compileSgnsKernel, embeddedModule, SGNS_WASM_PATHS } from './sgns-wasm-build.js';

const binary = await compileSgnsKernel();
writeFileSync(SGNS_WASM_PATHS.binary, binary);
writeFileSync(SGNS_WASM_PATHS.embedded, embeddedModule(binary));
console.log(`${SGNS_WASM_PATHS.binary}: ${binary.length} bytes`);
