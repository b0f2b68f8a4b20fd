import type { Collected } from '../files/collect.js';
import { inThreads, threadCount } from '../files/threads.js';
import { compiledModule } from '../paths.js';
import type { ResolvedConfig } from '../rules/config.js';
import { checkFiles, type IoProblem } from './check.js';
import { FileResults, type ResultsData } from './results.js';

/**
 * On 2 cores a worker does not pay for itself (measured on 10,000 files: single-threaded node already
 * keeps the second core busy with garbage collection and compilation), so threads start at 4 cores.
 */
export const checkThreads = (): number => threadCount(4);

/** Checks the files on several threads; the results come back in the original order. */
export async function checkInParallel(files: Collected[], config: ResolvedConfig): Promise<{ results: FileResults; ioProblems: IoProblem[] }> {
  const shares = await inThreads<Collected, ShareResult>(files, checkThreads(), compiledModule('commands/check-worker.js'), { config }, (share) => {
    const { results, ioProblems } = checkFiles(share, config);
    return { data: results.toData(), ioProblems };
  });
  const results = new FileResults();
  for (const share of shares) results.append(share.data);
  return { results, ioProblems: shares.flatMap((share) => share.ioProblems) };
}

/** What one thread's share of a check posts back. */
export type ShareResult = { data: ResultsData; ioProblems: IoProblem[] };
