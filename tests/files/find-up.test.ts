import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nearestAgentsFolder } from '../../src/files/find-up.js';

const made: string[] = [];
const home = process.env.HOME;
afterEach(() => {
  process.env.HOME = home;
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temp tree with these folders. */
function tree(...folders: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'agentsmith-find-up-'));
  made.push(root);
  for (const folder of folders) mkdirSync(join(root, folder), { recursive: true });
  return root;
}

describe('nearestAgentsFolder', () => {
  it('finds the nearest .claude/agents above, and stops at the repository root', () => {
    const root = tree('.claude/agents', 'repo/.git', 'repo/src/deep', 'other/src');
    expect(nearestAgentsFolder(join(root, 'other', 'src'))).toBe(join(root, '.claude', 'agents'));
    expect(nearestAgentsFolder(join(root, 'repo', 'src', 'deep'))).toBeUndefined();
    mkdirSync(join(root, 'repo', '.claude', 'agents'), { recursive: true });
    expect(nearestAgentsFolder(join(root, 'repo', 'src', 'deep'))).toBe(join(root, 'repo', '.claude', 'agents'));
  });

  it("never takes the home folder's .claude/agents (the user's own agents) for a project's", () => {
    const root = tree('home/.claude/agents', 'home/work/app');
    process.env.HOME = join(root, 'home');
    expect(nearestAgentsFolder(join(root, 'home', 'work', 'app'))).toBeUndefined();
    mkdirSync(join(root, 'home', 'work', '.claude', 'agents'), { recursive: true });
    expect(nearestAgentsFolder(join(root, 'home', 'work', 'app'))).toBe(join(root, 'home', 'work', '.claude', 'agents'));
  });
});
