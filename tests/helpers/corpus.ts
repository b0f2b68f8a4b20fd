import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');

/**
 * The conformance corpus: AGENTSMITH_CORPUS, or ../shared/corpus beside the checkout. It is test data,
 * never part of the project; on a fresh clone without it, corpus tests are skipped (and say so).
 */
export function corpusDir(): string | undefined {
  const candidates = [process.env.AGENTSMITH_CORPUS, join(repoRoot, '..', 'shared', 'corpus')];
  return candidates.find((dir): dir is string => !!dir && existsSync(join(dir, 'ORACLE.tsv')));
}

export const SKIP_NOTE = 'corpus not found (set AGENTSMITH_CORPUS or place ../shared/corpus): corpus tests skipped';
