// npm run bench:startup — time until the first prompt of `new-agent`, against `node -e 0` and a trivial
// one-question plop generator in plain JS, all measured in this run (medians).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/paths.js';
import { median, timeToOutput } from './first-output.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const work = mkdtempSync(join(tmpdir(), 'agentsmith-startup-'));
const plopBin = join(packageRoot, 'node_modules', 'plop', 'bin', 'plop.js');
writeFileSync(
  join(work, 'plopfile.js'),
  `export default function (plop) {
  plop.setGenerator('one', { description: 'one question', prompts: [{ type: 'input', name: 'name', message: 'Your name' }], actions: [] });
}
`,
);

async function measure(label: string, command: string, marker: string): Promise<number> {
  await timeToOutput(command, marker, work); // warm the file cache
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await timeToOutput(command, marker, work));
  const result = median(times);
  console.log(`${label.padEnd(44)} ${result.toFixed(0).padStart(6)} ms   (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`);
  return result;
}

try {
  console.log(`time to first output under a pseudo-terminal, median of ${RUNS} runs\n`);
  const node = await measure('node -e 0 (prints a marker)', `node -e "console.log('READY')"`, 'READY');
  const plop = await measure('plop, trivial JS plopfile, first prompt', `node ${plopBin} --plopfile ${join(work, 'plopfile.js')} one`, 'Your name');
  const ours = await measure('agentsmith new (npm run new-agent), first prompt', `node ${join(packageRoot, 'bin', 'agentsmith.cjs')} new`, 'Backend specialty');
  console.log(`\nratio agentsmith new / trivial plop JS: ${(ours / plop).toFixed(2)}x   (goal <= 1.00x)`);
  console.log(`ratio agentsmith new / node -e 0:      ${(ours / node).toFixed(2)}x`);
  console.log('(npm run adds its own ~290 ms before any of these start; it is left out on purpose.)');
} finally {
  rmSync(work, { recursive: true, force: true });
}
