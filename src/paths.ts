import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: two levels above dist/src (compiled) or one above src (tests run the sources). */
export const packageRoot: string = (() => {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.split(/[\\/]/).includes('dist') ? resolve(here, '..', '..') : resolve(here, '..');
})();

/**
 * A compiled module of ours by its path under src/ (`files/read-ahead-worker.cjs`), for a worker thread:
 * the same from a module under dist/src and from the bundled check (dist/src/check.bundle.cjs), which is
 * not where the module that starts the worker was compiled to.
 */
export const compiledModule = (path: string): URL => new URL(path, import.meta.url);

/** Whether this is compiled code (dist/…, the bundle): tests that import the sources cannot start workers. */
export const isCompiled: boolean = !fileURLToPath(import.meta.url).endsWith('.ts');

/** Where Claude Code looks for a project's agents, relative to the project folder. */
export const AGENTS_FOLDER = '.claude/agents';

export const templatesDir = join(packageRoot, 'templates');
export const specialtiesDir = join(templatesDir, 'specialties');

// The user's folder (user-folder.ts, which the bin's bundled entry takes without this module).
export { userFolder } from './user-folder.js';
