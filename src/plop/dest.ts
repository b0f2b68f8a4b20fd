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
