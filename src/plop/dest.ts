import type { NodePlopAPI } from 'node-plop';

/**
 * The folder plop writes into: plop's `--dest` when given, else the user's folder (`INIT_CWD` when npm or
 * npx started plop, else the current folder). node-plop's own default is the plopfile's folder, which for
 * `npx plop --plopfile node_modules/agentsmith/dist/plopfile.js` lies inside node_modules.
 */
export function destFolder(plop: Pick<NodePlopAPI, 'getDestBasePath' | 'getPlopfilePath'>, env: NodeJS.ProcessEnv = process.env): string {
  const dest = plop.getDestBasePath();
  if (dest && dest !== plop.getPlopfilePath()) return dest;
  return env.npm_lifecycle_event && env.INIT_CWD ? env.INIT_CWD : process.cwd();
}
