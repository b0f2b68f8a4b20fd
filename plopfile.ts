// Plop's entry, for teams that run `plop` themselves (`npx plop --plopfile node_modules/agentsmith/dist/plopfile.js`).
// `npm run new-agent` uses the same generator through node-plop without plop's CLI start-up.
import { resolve } from 'node:path';
import type { NodePlopAPI } from 'node-plop';
import { agentsFolderFor } from './src/files/find-up.js';
import { AGENTS_FOLDER, userFolder } from './src/paths.js';
import { destFolder, plopForce } from './src/plop/dest.js';
import { registerAgentGenerator } from './src/plop/generator.js';
import { loadConfig } from './src/rules/config.js';
import { loadPresets } from './src/spec/presets.js';

export default async function plopfile(plop: NodePlopAPI): Promise<void> {
  const base = destFolder(plop);
  const config = await loadConfig(base);
  registerAgentGenerator(plop, {
    presets: await loadPresets(config.presets),
    config,
    // plop's --dest names the project folder: the agent goes to DEST/.claude/agents/<name>.md. Without it,
    // the nearest agents folder of the user's project (as `new` and `check` find it), else a new one here.
    outDir: base === userFolder() ? agentsFolderFor(base) : resolve(base, AGENTS_FOLDER),
    // plop's --force (-f): overwrite <name>.md, as `agentsmith new --force` does.
    force: plopForce(),
    given: {},
    onWritten: async ({ path, rendered }) => {
      const { afterWriting } = await import('./src/commands/new.js');
      for (const line of afterWriting(path, rendered)) process.stderr.write(`${line}\n`);
    },
  });
}
