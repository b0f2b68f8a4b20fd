// Plop's entry, for teams that run `plop` themselves (`npx plop --plopfile node_modules/agentsmith/dist/plopfile.js`).
// `npm run new-agent` uses the same generator through node-plop without plop's CLI start-up.
import { resolve } from 'node:path';
import type { NodePlopAPI } from 'node-plop';
import { registerAgentGenerator } from './src/plop/generator.js';
import { loadConfig } from './src/rules/config.js';
import { loadPresets } from './src/spec/presets.js';

export default async function plopfile(plop: NodePlopAPI): Promise<void> {
  const config = await loadConfig(process.cwd());
  registerAgentGenerator(plop, {
    presets: await loadPresets(config.presets),
    config,
    outDir: resolve(plop.getDestBasePath?.() ?? process.cwd(), '.claude/agents'),
    force: false,
    given: {},
  });
}
