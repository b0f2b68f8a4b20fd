import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { isCompiled } from '../paths.js';

/**
 * How many threads a large job uses: AGENTSMITH_THREADS, else every core from `minCores` up (a worker's
 * start-up and cold compile cost about what a second core gains on small machines; each command measured
 * its own break-even). Workers run compiled code only: tests that import the sources stay on one thread.
 */
export function threadCount(minCores: number): number {
  if (!isCompiled) return 1;
  const wanted = Number.parseInt(process.env.AGENTSMITH_THREADS ?? '', 10);
  if (Number.isInteger(wanted) && wanted >= 1) return Math.min(wanted, 8);
  const cores = availableParallelism();
  return cores >= minCores ? Math.min(cores, 8) : 1;
}

/**
 * Splits `items` into one contiguous share per thread: workers (`workerFile`, given `{ items, ...data }`,
 * posting back one result) take the first shares while this thread runs `local` on the last. Returns
 * the results of the shares in order.
 */
export async function inThreads<T, R>(items: T[], threads: number, workerFile: URL, data: object, local: (share: T[]) => R): Promise<R[]> {
  const size = Math.ceil(items.length / threads);
  const shares = Array.from({ length: threads }, (_, i) => items.slice(i * size, (i + 1) * size));
  const mine = shares.pop() ?? [];
  const running = shares.map(
    (share) =>
      new Promise<R>((resolve, reject) => {
        const worker = new Worker(workerFile, { workerData: { ...data, items: share } });
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.once('exit', (code) => {
          if (code !== 0) reject(new Error(`worker thread stopped with exit code ${code}`));
        });
      }),
  );
  const last = local(mine);
  return [...(await Promise.all(running)), last];
}
