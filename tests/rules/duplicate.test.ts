import fc from 'fast-check';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPaths, stemOf } from '../../src/commands/check.js';
import { AgentScopes, agentScope, folderEnd } from '../../src/files/agent-scopes.js';
import { resolveConfig, type Config } from '../../src/rules/index.js';
import { agentText, removeProjects, tempProject } from '../helpers/agent.js';

afterEach(removeProjects);

/** Checks a fresh folder holding `files` and returns the name/duplicate diagnostics per file. */
async function duplicates(files: Record<string, string>, config: Config = {}) {
  const dir = tempProject(files);
  const result = await checkPaths([dir], resolveConfig(config));
  return {
    dir,
    result,
    byFile: Object.fromEntries(
      [...result.files].map((file) => [file.path.slice(dir.length + 1), file.diagnostics.filter((d) => d.rule === 'name/duplicate')]),
    ),
  };
}

describe('name/duplicate', () => {
  it('is an error on each file that registers a name another file registers, at the name line', async () => {
    const { dir, byFile } = await duplicates({
      'a/api.md': agentText({ name: 'api' }),
      'b/api.md': agentText({ name: 'api' }),
      'other.md': agentText({ name: 'other' }),
    });
    expect(byFile['a/api.md']).toEqual([
      {
        rule: 'name/duplicate',
        severity: 'error',
        message: `name "api" is also registered by ${join(dir, 'b', 'api.md')}; Claude Code keeps only one of them: give each its own name (and file name).`,
        line: 2,
        column: 1,
      },
    ]);
    expect(byFile['b/api.md']?.[0]?.message).toContain(join(dir, 'a', 'api.md'));
    expect(byFile['other.md']).toEqual([]);
  });

  it('counts the duplicates in the summary errors', async () => {
    const { result } = await duplicates({ 'x.md': agentText({ name: 'same' }), 'y.md': agentText({ name: 'same' }) });
    expect(result.summary.errors).toBe(2);
  });

  it('finds the duplicate whatever the file names are, since only name identifies an agent', async () => {
    const { byFile } = await duplicates({ 'one.md': agentText({ name: 'api' }), 'two.md': agentText({ name: 'api' }) });
    expect(byFile['one.md']).toHaveLength(1);
    expect(byFile['two.md']).toHaveLength(1);
  });

  it('ignores files the client does not load', async () => {
    const { byFile } = await duplicates({
      'a.md': agentText({ name: 'api' }),
      'b.md': '---\nname: api\n---\nno description\n',
    });
    expect(byFile['a.md']).toEqual([]);
  });

  it('sees names that differ only by case as different agents', async () => {
    const { byFile } = await duplicates({ 'a.md': agentText({ name: 'api' }), 'b.md': agentText({ name: 'API' }) });
    expect(byFile['a.md']).toEqual([]);
  });

  it('can be turned off or down to a warning by the config', async () => {
    const files = { 'x.md': agentText({ name: 'same' }), 'y.md': agentText({ name: 'same' }) };
    expect((await duplicates(files, { rules: { 'name/duplicate': 'off' } })).byFile['x.md']).toEqual([]);
    expect((await duplicates(files, { rules: { 'name/duplicate': 'warn' } })).byFile['x.md']?.[0]?.severity).toBe('warning');
  });

  it("compares a plugin's agents only within one folder: the client names them plugin:sub-folders:name", async () => {
    // Measured with the real client (2.1.328, --plugin-dir): p1/agents/a/reviewer.md and p1/agents/b/reviewer.md
    // both load, as p1:a:reviewer and p1:b:reviewer.
    const { byFile } = await duplicates({
      'plugins/review/agents/code-reviewer.md': agentText({ name: 'code-reviewer' }),
      'plugins/toolkit/agents/code-reviewer.md': agentText({ name: 'code-reviewer' }),
      'plugins/toolkit/agents/deep/reviewer.md': agentText({ name: 'code-reviewer' }),
      'plugins/toolkit/agents/deep/again.md': agentText({ name: 'code-reviewer' }),
    });
    expect(byFile['plugins/review/agents/code-reviewer.md']).toEqual([]);
    expect(byFile['plugins/toolkit/agents/code-reviewer.md']).toEqual([]);
    // Two files of one folder register one name (toolkit:deep:code-reviewer).
    expect(byFile['plugins/toolkit/agents/deep/reviewer.md']?.[0]?.message).toContain('again.md');
    expect(byFile['plugins/toolkit/agents/deep/again.md']).toHaveLength(1);
  });

  it("compares a .claude/agents tree's files across its sub-folders, and not a user's agents with a project's", async () => {
    const { byFile } = await duplicates({
      'project/.claude/agents/team-a/api.md': agentText({ name: 'api' }),
      'project/.claude/agents/team-b/agents/api.md': agentText({ name: 'api' }),
      'home/.claude/agents/api.md': agentText({ name: 'api' }),
    });
    expect(byFile['project/.claude/agents/team-a/api.md']).toHaveLength(1);
    expect(byFile['project/.claude/agents/team-b/agents/api.md']).toHaveLength(1);
    expect(byFile['home/.claude/agents/api.md']).toEqual([]);
  });

  it('takes a path and its relative spelling for the same set', () => {
    const inside = join(process.cwd(), 'x', 'agents', 'a.md');
    expect(agentScope(inside)).toBe(join(process.cwd(), 'x', 'agents'));
    expect(agentScope(join('x', 'agents', 'b.md'))).toBe(agentScope(inside));
    expect(agentScope(join('x', 'agents', 'sub', 'c.md'))).toBe(join(process.cwd(), 'x', 'agents', 'sub'));
    expect(agentScope(join('x', '.claude', 'agents', 'agents', 'c.md'))).toBe(join(process.cwd(), 'x', '.claude', 'agents'));
    expect(agentScope('/tmp/loose/a.md')).toBe('');
  });

  it("cuts a file's path where path.basename does, and gives paths in one folder one scope", () => {
    const segment = fc.stringMatching(/^[a-zA-Z.]{1,4}$/).filter((part) => part !== '.' && part !== '..');
    const path = fc.tuple(fc.constantFrom('', '/', './', '../'), fc.array(segment, { maxLength: 4 }), segment).map(([start, folders, file]) => start + [...folders, file].join('/'));
    fc.assert(
      fc.property(path, segment, (file, other) => {
        expect(file.slice(folderEnd(file) + 1)).toBe(basename(file));
        expect(stemOf(file)).toBe(basename(file).replace(/\.md$/i, ''));
        expect(stemOf(`${file}.mD`)).toBe(basename(file));
        const sibling = join(dirname(file), other);
        const scopes = new AgentScopes();
        expect(scopes.of(file)).toBe(agentScope(file));
        expect(scopes.of(sibling)).toBe(agentScope(sibling));
      }),
    );
  });
});
