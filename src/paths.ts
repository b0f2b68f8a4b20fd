import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: two levels above dist/src (compiled) or one above src (tests run the sources). */
export const packageRoot: string = (() => {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.split(/[\\/]/).includes('dist') ? resolve(here, '..', '..') : resolve(here, '..');
})();

/**
 * A compiled module of ours by its path under src/ (`files/read-ahead-worker.js`), for a worker thread:
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

/**
 * The folder the user ran the command from. npm runs a package's scripts in the package's folder and
 * keeps the user's in INIT_CWD; that is taken for our own scripts only (`npm run new-agent` in a clone of
 * agentsmith). A project's own script (`"lint": "agentsmith check agents/"`) names its paths from the
 * project's folder, where npm runs it, and `npx` runs in the user's folder already (INIT_CWD is the
 * same folder there); a stray INIT_CWD (a postinstall, a parent npm process) is ignored.
 */
export function userFolder(env: NodeJS.ProcessEnv = process.env): string {
  const viaOurScript = env.npm_package_name === 'agentsmith' && ['check', 'new-agent', 'bulk', 'import'].includes(env.npm_lifecycle_event ?? '');
  return viaOurScript && env.INIT_CWD ? env.INIT_CWD : process.cwd();
}
