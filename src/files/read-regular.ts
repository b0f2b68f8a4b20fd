import { readFileSync, statSync } from 'node:fs';

/**
 * Reads a file that must be a regular file (a spec, a config) as UTF-8. Reading a FIFO or a device would
 * block, or never end, so anything else is refused before it is opened: a folder with an error whose code
 * is EISDIR, a pipe, socket or device with ENOTREG. A system error (ENOENT, EACCES…) is thrown as the
 * system gave it, so that callers can word each case their own way.
 */
export function readRegularFile(path: string): string {
  const stat = statSync(path);
  if (stat.isDirectory()) throw coded('is a folder', 'EISDIR');
  if (!stat.isFile()) throw coded('not a regular file', 'ENOTREG');
  return readFileSync(path, 'utf8');
}

const coded = (message: string, code: string): Error => Object.assign(new Error(message), { code });
