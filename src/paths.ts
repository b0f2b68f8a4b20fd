import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: two levels above dist/src (compiled) or one above src (tests run the sources). */
export const packageRoot: string = (() => {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.split(/[\\/]/).includes('dist') ? resolve(here, '..', '..') : resolve(here, '..');
})();

export const templatesDir = join(packageRoot, 'templates');
export const specialtiesDir = join(templatesDir, 'specialties');
