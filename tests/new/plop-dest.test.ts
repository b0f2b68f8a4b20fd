import { describe, expect, it } from 'vitest';
import { destFolder } from '../../src/plop/dest.js';

const plop = (dest: string, plopfile = '/p/node_modules/agentsmith/dist') => ({ getDestBasePath: () => dest, getPlopfilePath: () => plopfile });

describe("the plopfile's output folder", () => {
  it("is the user's folder, not the plopfile's, when plop has no --dest", () => {
    expect(destFolder(plop('/p/node_modules/agentsmith/dist'), {})).toBe(process.cwd());
  });

  it('is the folder npm or npx was started in (INIT_CWD) under npm', () => {
    expect(destFolder(plop('/p/node_modules/agentsmith/dist'), { npm_lifecycle_event: 'npx', INIT_CWD: '/p/app' })).toBe('/p/app');
    expect(destFolder(plop('/p/node_modules/agentsmith/dist'), { INIT_CWD: '/stale' })).toBe(process.cwd());
  });

  it("is plop's --dest when one is given", () => {
    expect(destFolder(plop('/elsewhere'), { npm_lifecycle_event: 'npx', INIT_CWD: '/p/app' })).toBe('/elsewhere');
  });
});
