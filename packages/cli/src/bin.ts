#!/usr/bin/env node
import { oneLine } from './cli-error.js';
import { buildProgram } from './program.js';

buildProgram()
  .parseAsync(process.argv)
  .catch((e: unknown) => {
    // One line, the cause: a stack trace helps nobody who typed a wrong path.
    process.stderr.write(`pretext: ${oneLine(e)}\n`);
    process.exitCode = 1;
  });
