import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { agentText, goodBody, removeProjects, tempProject, type JsonReport } from '../helpers/agent.js';
import { agentsmith, cleanEnv } from '../helpers/cli.js';
import { repoRoot } from '../helpers/corpus.js';

afterEach(removeProjects);
const project = tempProject;

async function check(dir: string, args: string[] = []) {
  const run = await agentsmith(['check', '--format', 'json', ...args], dir);
  return { run, report: run.stdout ? (JSON.parse(String(run.stdout)) as JsonReport) : undefined };
}

const rulesIn = (report: JsonReport | undefined): string[] =>
  (report?.files ?? []).flatMap((file) => file.diagnostics.map((d) => `${d.rule}:${d.severity}`));

const agents = {
  '.claude/agents/short.md': agentText({ name: 'short', body: 'You are brief.' }),
  '.claude/agents/notes.md': '# Notes\n',
};

describe('agentsmith.config.yaml and the check command', () => {
  it('uses the default severities without a config', async () => {
    const { run, report } = await check(project(agents));
    expect(run.exitCode).toBe(0);
    expect(rulesIn(report)).toEqual(expect.arrayContaining(['body/length:warning', 'load/not-an-agent:warning']));
  });

  it('turns rules off, and warnings into errors, changing the exit code', async () => {
    const dir = project({
      ...agents,
      'agentsmith.config.yaml': 'rules:\n  body/length: error\n  load/not-an-agent: off\n  body/house-structure: off\n',
    });
    const { run, report } = await check(dir);
    expect(rulesIn(report)).toEqual(['body/length:error']);
    expect(report?.summary).toEqual({ files: 2, errors: 1, warnings: 0 });
    expect(run.exitCode).toBe(1);
  });

  it('lets a team downgrade a skipped file to a warning, so the check passes', async () => {
    const dir = project({ '.claude/agents/bad.md': '---\nname: bad\ndescription: 7\n---\n', 'agentsmith.config.json': '{"rules": {"load/skipped": "warn"}}' });
    const { run, report } = await check(dir);
    expect(rulesIn(report)).toEqual(['load/skipped:warning']);
    expect(run.exitCode).toBe(0);
  });

  it('takes the required sections from the config', async () => {
    const files = { '.claude/agents/custom.md': agentText({ name: 'custom', body: goodBody(['Scope', 'Checklist', 'Output']) }) };
    const without = await check(project(files));
    // The five default sections are missing: one warning names them all.
    const structure = (without.report?.files ?? []).flatMap((file) => file.diagnostics).filter((d) => d.rule === 'body/house-structure');
    expect(structure.map((d) => d.message.match(/"## [^"]+"/g)?.length)).toEqual([5]);
    const withConfig = await check(project({ ...files, 'agentsmith.config.yaml': 'sections: [Scope, Checklist, Output]\n' }));
    expect(rulesIn(withConfig.report)).toEqual([]);
  });

  it('reads the config of the folder it runs in, not of the folder it checks', async () => {
    const dir = project({ ...agents, 'sub/agentsmith.config.yaml': 'rules:\n  body/length: off\n' });
    expect(rulesIn((await check(dir)).report)).toContain('body/length:warning');
  });

  it('uses the project root\'s config from a sub-folder, directly and through `npm run check`', async () => {
    const dir = project({ 'agentsmith.config.yaml': 'rules:\n  body/length: off\n', '.git/HEAD': 'ref: refs/heads/main\n', 'sub/deeper/.claude/agents/short.md': agents['.claude/agents/short.md'] });
    const sub = join(dir, 'sub', 'deeper');
    expect(rulesIn((await check(sub)).report)).not.toContain('body/length:warning');
    const viaNpm = await execa('npm', ['--prefix', repoRoot, 'run', '--silent', 'check', '--', '--format', 'json'], { cwd: sub, env: cleanEnv(), extendEnv: false, reject: false });
    expect(rulesIn(JSON.parse(String(viaNpm.stdout)) as JsonReport)).not.toContain('body/length:warning');
  });

  it('uses the nearest config, not one in a folder above it', async () => {
    const dir = project({
      'agentsmith.config.yaml': 'rules:\n  body/length: off\n',
      'sub/agentsmith.config.yaml': 'rules:\n  body/length: error\n',
      'sub/.claude/agents/short.md': agents['.claude/agents/short.md'],
    });
    const { run, report } = await check(join(dir, 'sub'));
    expect(rulesIn(report)).toContain('body/length:error');
    expect(run.exitCode).toBe(1);
  });

  it('exits 2 naming both files when one folder holds a YAML and a JSON config', async () => {
    const dir = project({ ...agents, 'agentsmith.config.yaml': 'rules:\n  body/length: off\n', 'agentsmith.config.json': '{}' });
    const { run, report } = await check(dir);
    expect(run.exitCode).toBe(2);
    expect(report).toBeUndefined();
    expect(String(run.stderr)).toBe(
      `agentsmith check: ${dir}: agentsmith.config.yaml and agentsmith.config.json are both config files, and only one can apply; merge them into one and remove the other.`,
    );
  });

  it('refuses a config that is not a regular file (a FIFO) instead of waiting on it', async () => {
    const dir = project(agents);
    execFileSync('mkfifo', [join(dir, 'agentsmith.config.yaml')]);
    const run = await agentsmith(['check'], dir, { timeout: 20_000 });
    expect(run.timedOut).toBe(false);
    expect(run.exitCode).toBe(2);
    expect(String(run.stderr)).toBe(`agentsmith check: ${join(dir, 'agentsmith.config.yaml')}: not a regular file; the config must be a YAML or JSON file (remove or replace it).`);
  });

  it('stops looking for a config at the repository root (the first folder holding .git)', async () => {
    const dir = project({ 'agentsmith.config.yaml': 'rules:\n  body/length: off\n', 'repo/.git/HEAD': 'ref: refs/heads/main\n', 'repo/.claude/agents/short.md': agents['.claude/agents/short.md'] });
    expect(rulesIn((await check(join(dir, 'repo'))).report)).toContain('body/length:warning');
  });

  it('exits 2 with a clear message on stderr for a config with a bad value, and prints no report', async () => {
    const dir = project({ ...agents, 'agentsmith.config.yaml': 'rules:\n  body/length: loud\n' });
    const { run, report } = await check(dir);
    expect(run.exitCode).toBe(2);
    expect(report).toBeUndefined();
    expect(run.stderr).toContain('agentsmith.config.yaml: the config is not valid');
    expect(run.stderr).toContain('rules.body/length');
    expect(run.stderr).toContain('off|warn|error');
  });

  it('exits 2 for a misspelt rule id, suggesting the right one', async () => {
    const dir = project({ ...agents, 'agentsmith.config.yaml': 'rules:\n  body/lenght: off\n' });
    const { run } = await check(dir);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('rules.body/lenght: unknown rule; did you mean "body/length"?');
  });

  it('exits 2 for a config that is not YAML', async () => {
    const dir = project({ ...agents, 'agentsmith.config.yaml': 'rules: {body/length: off\n' });
    const { run } = await check(dir);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('cannot read the config');
    expect(run.stderr).not.toContain('unexpected failure');
  });
});
