/**
 * Joins the JSON outputs of MNIST label-efficiency runs made as separate processes into one
 * report (`.json` and `.md`):
 *
 *   pnpm exec tsx --conditions=development packages/vision/bench/merge-label-efficiency.ts \
 *     --out packages/vision/bench/results/mnist-label-efficiency A.json B.json …
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { markdownReport, type EncoderResult } from './label-efficiency-report.js';

const { values: args, positionals } = parseArgs({ options: { out: { type: 'string' } }, allowPositionals: true });
if (!args.out || positionals.length === 0) throw new Error('merge-label-efficiency: usage: --out BASE part1.json part2.json …');
const parts: { file: string; environment: Record<string, unknown>; results: EncoderResult[] }[] = [];
for (const file of positionals) {
  const parsed = JSON.parse(await readFile(file, 'utf8')) as { environment?: Record<string, unknown>; results?: EncoderResult[] };
  if (!parsed.environment || !Array.isArray(parsed.results)) throw new Error(`merge-label-efficiency: ${file} is not a label-efficiency report (no environment/results)`);
  parts.push({ file, environment: parsed.environment, results: parsed.results });
}
const environment = { parts: parts.map((p) => ({ file: p.file, ...p.environment })) };
const results = parts.flatMap((p) => p.results);
await writeFile(`${args.out}.json`, `${JSON.stringify({ environment, results }, null, 2)}\n`);
await writeFile(`${args.out}.md`, markdownReport('MNIST label efficiency (@pretext/vision)', environment, results));
console.error(`wrote ${args.out}.json and ${args.out}.md`);
