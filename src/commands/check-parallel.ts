import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Collected } from '../files/collect.js';
import type { ResolvedConfig } from '../rules/config.js';
import { checkFiles, type FileResult } from './check.js';

const workerFile = new URL('./check-worker.js', import.meta.url);

/** Workers run compiled code only (tests that import the TypeScript sources check in one thread). */
export function workersAvailable(): boolean {
  return threads() > 1 && fileURLToPath(import.meta.url).endsWith('.js');
}

/**
 * How many threads check a large folder: AGENTSMITH_THREADS, else every core from 4 up. On 2 cores,
 * measured on 10,000 files, a worker's start-up and cold compile ate what the second core gained.
 */
function threads(): number {
  const wanted = Number.parseInt(process.env.AGENTSMITH_THREADS ?? '', 10);
  if (Number.isInteger(wanted) && wanted >= 1) return Math.min(wanted, 8);
  const cores = availableParallelism();
  return cores >= 4 ? Math.min(cores, 8) : 1;
}

/**
 * Splits the files into one contiguous share per core: workers take the first shares while this thread
 * checks the last one, then the results are joined in the original order.
 */
export async function checkInParallel(files: Collected[], config: ResolvedConfig): Promise<{ results: FileResult[]; ioProblem: boolean }> {
  const shares = threads();
  const size = Math.ceil(files.length / shares);
  const parts = Array.from({ length: shares }, (_, i) => files.slice(i * size, (i + 1) * size));
  const mine = parts.pop() ?? [];
  const running = parts.map(
    (part) =>
      new Promise<{ results: FileResult[]; ioProblem: boolean }>((resolve, reject) => {
        const worker = new Worker(workerFile, { workerData: { files: part, config } });
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.once('exit', (code) => {
          if (code !== 0) reject(new Error(`check worker stopped with exit code ${code}`));
        });
      }),
  );
  const local = checkFiles(mine, config);
  const done = await Promise.all(running);
  return {
    results: [...done.flatMap((part) => part.results), ...local.results],
    ioProblem: local.ioProblem || done.some((part) => part.ioProblem),
  };
}
