import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentText, writeTree, type JsonReport } from '../helpers/agent.js';
import { agentsmith, cleanEnv, tempDir } from '../helpers/cli.js';

/** Enough files for the check to split them over worker threads (check.ts: PARALLEL_FROM). */
const COUNT = 2100;

describe('agentsmith check on a folder large enough to use worker threads', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    temp = tempDir();
    const files: Record<string, string> = {};
    for (let i = 0; i < COUNT; i++) {
      const id = String(i).padStart(4, '0');
      // Every 500th file repeats the name of file 0000, so duplicates span the threads' shares.
      const name = i % 500 === 0 ? 'agent-0000' : `agent-${id}`;
      files[`agents/agent-${id}.md`] = i % 333 === 7 ? `---\nname: ${name}\ndescription: 5\n---\n` : agentText({ name });
    }
    writeTree(temp.dir, files);
    symlinkSync('missing.md', join(temp.dir, 'agents', 'zz-dangling.md'));
  });
  afterAll(() => temp.cleanup());

  const run = (threads: string) =>
    agentsmith(['check', '--format', 'json', 'agents'], temp.dir, { env: cleanEnv({ AGENTSMITH_THREADS: threads }) });

  it('gives the same report, in the same order, as checking in one thread', async () => {
    const [parallel, single] = await Promise.all([run('2'), run('1')]);
    expect(parallel.exitCode).toBe(2);
    expect(single.exitCode).toBe(2);
    expect(String(parallel.stdout)).toBe(String(single.stdout));
    const report = JSON.parse(String(parallel.stdout)) as JsonReport;
    expect(report.summary.files).toBe(COUNT + 1);
    // Every path sits where the folder walk found it, the unreadable one too (last, by name).
    expect(report.files.at(-1)).toMatchObject({ path: 'agents/zz-dangling.md', reason: 'cannot read: a symbolic link to missing.md, which does not exist' });
    const paths = report.files.map((file) => file.path);
    expect(paths).toEqual([...paths].sort());
  });

  it('finds duplicate names across the shares of different threads', async () => {
    const report = JSON.parse(String((await run('')).stdout)) as JsonReport;
    const duplicated = report.files.filter((file) => file.diagnostics.some((d) => d.rule === 'name/duplicate'));
    expect(duplicated.map((file) => file.path)).toEqual([
      'agents/agent-0000.md',
      'agents/agent-0500.md',
      'agents/agent-1000.md',
      'agents/agent-1500.md',
      'agents/agent-2000.md',
    ]);
    expect(report.files.filter((file) => file.verdict === 'skipped')).toHaveLength(7);
  });
});
