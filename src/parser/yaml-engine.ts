import { createRequire } from 'node:module';

/**
 * The full YAML engine loads on first need: most agent files never need it (the fast path reads them),
 * so checking a few files starts without it.
 */
let loaded: typeof import('yaml') | undefined;
export const yaml = (): typeof import('yaml') => (loaded ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));

