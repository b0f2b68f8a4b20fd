import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPaths } from '../../src/commands/check.js';
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
});
