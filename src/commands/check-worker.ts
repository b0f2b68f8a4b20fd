// One share of a large check, in a worker thread (see check-parallel.ts).
import { parentPort, workerData } from 'node:worker_threads';
import type { Collected } from '../files/collect.js';
import type { ResolvedConfig } from '../rules/config.js';
import { checkFiles } from './check.js';
import type { ShareResult } from './check-parallel.js';

const { items, config } = workerData as { items: Collected[]; config: ResolvedConfig };
const { results, ioProblems } = checkFiles(items, config);
const share: ShareResult = { data: results.toData(), ioProblems };
parentPort?.postMessage(share);
