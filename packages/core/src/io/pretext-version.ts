import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The version of `@pretext/core` (read from its package.json; same path from `src/io` and `dist/io`). */
export const PRETEXT_VERSION: string = (require('../../package.json') as { version: string }).version;
