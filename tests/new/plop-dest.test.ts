import { describe, expect, it } from 'vitest';
import { destFolder } from '../../src/plop/dest.js';

const plop = (dest: string, plopfile = '/p/node_modules/agentsmith/dist') => ({ getDestBasePath: () => dest, getPlopfilePath: () => plopfile });

describe("the plopfile's output folder", () => {
  it("is the user's folder, not the plopfile's, when plop has no --dest", () => {
    expect(destFolder(plop('/p/node_modules/agentsmith/dist'), {})).toBe(process.cwd());
  });

  it('follows the CLI\'s rule for the user\'s folder: INIT_CWD only under our own npm scripts', () => {
    const ours = { npm_package_name: 'agentsmith', npm_lifecycle_event: 'new-agent', INIT_CWD: '/p/app' };
    expect(destFolder(plop('/p/node_modules/agentsmith/dist'), ours)).toBe('/p/app');
    // npx runs in the user's folder (INIT_CWD is that folder too); a project's script runs in the project's.
    expect(destFolder(plop('/p/node_modules/agentsmith/dist'), { npm_lifecycle_event: 'npx', INIT_CWD: '/p/app' })).toBe(process.cwd());
    expect(destFolder(plop('/p/node_modules/agentsmith/dist'), { npm_package_name: 'their-app', npm_lifecycle_event: 'agent', INIT_CWD: '/p/app' })).toBe(process.cwd());
    expect(destFolder(plop('/p/node_modules/agentsmith/dist'), { INIT_CWD: '/stale' })).toBe(process.cwd());
  });

  it("is plop's --dest when one is given", () => {
    expect(destFolder(plop('/elsewhere'), { npm_lifecycle_event: 'npx', INIT_CWD: '/p/app' })).toBe('/elsewhere');
  });
});
