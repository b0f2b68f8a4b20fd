import { parseArgs } from 'node:util';
import type { NodePlopAPI } from 'node-plop';
import { userFolder } from '../paths.js';

/**
 * The folder plop writes into: plop's `--dest` when given, else the user's folder (see userFolder: the
 * one `npx plop` was started in). node-plop's own default is the plopfile's folder, which for
 * `npx plop --plopfile node_modules/agentsmith/dist/plopfile.js` lies inside node_modules.
 */
export function destFolder(plop: Pick<NodePlopAPI, 'getDestBasePath' | 'getPlopfilePath'>, env: NodeJS.ProcessEnv = process.env): string {
  const dest = plop.getDestBasePath();
  if (dest && dest !== plop.getPlopfilePath()) return dest;
  return userFolder(env);
}

/**
 * Whether plop was started with `--force` (`-f`). node-plop gives it to actions but not to the plopfile,
 * and the name question needs it: without it, a name whose file exists is refused at the question even
 * though the user asked to overwrite. Read as plop reads its own flags; words after `--` are answers.
 */
export function plopForce(argv: string[] = process.argv.slice(2)): boolean {
  const { values } = parseArgs({ args: argv, options: { force: { type: 'boolean', short: 'f' } }, strict: false, allowPositionals: true });
  return values.force === true;
}
