import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { agentText, removeProjects, tempProject, type JsonReport } from '../helpers/agent.js';
import { agentsmith, cleanEnv } from '../helpers/cli.js';
import { repoRoot } from '../helpers/corpus.js';

afterEach(removeProjects);
const project = tempProject;

async function checkJson(args: string[], cwd: string) {
  const run = await agentsmith(['check', '--format', 'json', ...args], cwd);
  return { exitCode: run.exitCode, stderr: String(run.stderr), report: JSON.parse(String(run.stdout)) as JsonReport };
}

const paths = (report: JsonReport): string[] => report.files.map((file) => file.path);

describe('agentsmith check: which files', () => {
  it('checks .claude/agents of the current folder by default, recursively', async () => {
    const dir = project({
      '.claude/agents/api.md': agentText({ name: 'api' }),
      '.claude/agents/team/db.md': agentText({ name: 'db' }),
      '.claude/agents/notes.txt': 'not markdown',
      'elsewhere/other.md': agentText({ name: 'other' }),
    });
    const { exitCode, report } = await checkJson([], dir);
    expect(exitCode).toBe(0);
    expect(paths(report)).toEqual(['.claude/agents/api.md', '.claude/agents/team/db.md']);
    expect(report.files.map((file) => [file.verdict, file.name])).toEqual([
      ['loaded', 'api'],
      ['loaded', 'db'],
    ]);
  });

  it('checks .claude/agents of the folder npm was run from, through `npm run check`', async () => {
    const dir = project({ '.claude/agents/api.md': agentText({ name: 'api' }) });
    const run = await execa('npm', ['--prefix', repoRoot, 'run', '--silent', 'check', '--', '--format', 'json'], {
      cwd: dir,
      env: cleanEnv(),
      extendEnv: false,
      reject: false,
    });
    expect(run.exitCode).toBe(0);
    expect(paths(JSON.parse(String(run.stdout)) as JsonReport)).toEqual(['.claude/agents/api.md']);
  });

  it('takes files and folders mixed, in the order given', async () => {
    const dir = project({ 'agents/b.md': agentText({ name: 'b' }), 'agents/a.md': agentText({ name: 'a' }), 'extra/one.md': agentText({ name: 'one' }) });
    const { report } = await checkJson(['extra/one.md', 'agents'], dir);
    expect(paths(report)).toEqual(['extra/one.md', 'agents/a.md', 'agents/b.md']);
    expect(report.summary.files).toBe(3);
  });

  it('shows a file path exactly as given, relative or absolute', async () => {
    const dir = project({ 'extra/one.md': agentText({ name: 'one' }), 'extra/two.md': agentText({ name: 'two' }) });
    const absolute = join(dir, 'extra', 'two.md');
    expect(paths((await checkJson(['./extra/one.md', absolute], dir)).report)).toEqual(['./extra/one.md', absolute]);
  });

  it('checks a file named twice once, under the path first given, so it is no duplicate of itself', async () => {
    const dir = project({ 'agents/dup.md': agentText({ name: 'dup' }), 'agents/other.md': agentText({ name: 'other' }) });
    const { exitCode, report } = await checkJson(['agents', 'agents/dup.md', './agents/dup.md', join(dir, 'agents', 'dup.md')], dir);
    expect(paths(report)).toEqual(['agents/dup.md', 'agents/other.md']);
    expect(report.files.flatMap((file) => file.diagnostics)).toEqual([]);
    expect(exitCode).toBe(0);
    expect(paths((await checkJson(['./agents/dup.md', 'agents'], dir)).report)).toEqual(['./agents/dup.md', 'agents/other.md']);
  });

  it('keeps a symbolic link to another file as a file of its own: the client reads both, so the name is registered twice', async () => {
    const dir = project({ 'agents/a.md': agentText({ name: 'a' }) });
    symlinkSync('a.md', join(dir, 'agents', 'b.md'));
    const { exitCode, report } = await checkJson(['agents', 'agents/b.md'], dir);
    expect(paths(report)).toEqual(['agents/a.md', 'agents/b.md']);
    expect(report.files.every((file) => file.diagnostics.some((d) => d.rule === 'name/duplicate'))).toBe(true);
    expect(exitCode).toBe(1);
  });

  it('joins a given folder with the relative path of each file found in it', async () => {
    const dir = project({ 'agents/sub/deep.md': agentText({ name: 'deep' }) });
    expect(paths((await checkJson(['agents'], dir)).report)).toEqual(['agents/sub/deep.md']);
    expect(paths((await checkJson(['agents/'], dir)).report)).toEqual(['agents/sub/deep.md']);
    expect(paths((await checkJson([join(dir, 'agents')], dir)).report)).toEqual([join(dir, 'agents', 'sub', 'deep.md')]);
  });

  it('checks a file named directly even when it does not end in .md', async () => {
    const dir = project({ 'agent.txt': agentText({ name: 'agent' }) });
    expect((await checkJson(['agent.txt'], dir)).report.files[0]).toMatchObject({ path: 'agent.txt', verdict: 'loaded' });
  });

  it('leaves out node_modules and .git inside a folder', async () => {
    const dir = project({ 'agents/a.md': agentText({ name: 'a' }), 'agents/node_modules/x.md': 'x', 'agents/.git/y.md': 'y' });
    expect(paths((await checkJson(['agents'], dir)).report)).toEqual(['agents/a.md']);
  });
});

describe('agentsmith check: exit codes', () => {
  it('exits 0 when there are only warnings', async () => {
    const dir = project({ '.claude/agents/a.md': agentText({ name: 'a', body: 'You are short.' }) });
    const { exitCode, report } = await checkJson([], dir);
    expect(report.summary.errors).toBe(0);
    expect(report.summary.warnings).toBeGreaterThan(0);
    expect(exitCode).toBe(0);
  });

  it('exits 1 when a file has an error, such as a file the client skips', async () => {
    const dir = project({ '.claude/agents/bad.md': '---\nname: bad\ndescription: 42\n---\nYou are.\n', '.claude/agents/ok.md': agentText({ name: 'ok' }) });
    const { exitCode, report } = await checkJson([], dir);
    expect(exitCode).toBe(1);
    expect(report.files[0]).toMatchObject({ verdict: 'skipped', name: null, reason: 'Missing required "description" field in frontmatter' });
    expect(report.files[1]?.diagnostics).toEqual([]);
  });

  it('exits 2 for a missing path, and still checks the other paths', async () => {
    const dir = project({ 'agents/ok.md': agentText({ name: 'ok' }) });
    const { exitCode, report } = await checkJson(['missing.md', 'agents'], dir);
    expect(exitCode).toBe(2);
    expect(report.files[0]).toMatchObject({ path: 'missing.md', verdict: 'not-an-agent', name: null });
    expect(report.files[0]?.diagnostics).toEqual([
      { rule: 'file/unreadable', severity: 'error', message: 'cannot read: no such file or folder.', line: 1, column: 1 },
    ]);
    expect(report.files[1]).toMatchObject({ path: 'agents/ok.md', verdict: 'loaded', name: 'ok' });
  });

  it('checks the nearest .claude/agents above the current folder, showing paths from the current folder', async () => {
    const dir = project({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.claude/agents/api.md': agentText({ name: 'api' }),
      'src/deeper/notes.md': '# not checked\n',
    });
    const { exitCode, report } = await checkJson([], join(dir, 'src', 'deeper'));
    expect(exitCode).toBe(0);
    expect(paths(report)).toEqual(['../../.claude/agents/api.md']);
  });

  it('takes the nearest .claude/agents when a sub-folder has its own', async () => {
    const dir = project({ '.claude/agents/api.md': agentText({ name: 'api' }), 'pkg/.claude/agents/db.md': agentText({ name: 'db' }), 'pkg/src/x.txt': '' });
    expect(paths((await checkJson([], join(dir, 'pkg', 'src'))).report)).toEqual(['../.claude/agents/db.md']);
  });

  it('looks for .claude/agents no further up than the repository root', async () => {
    const dir = project({ '.claude/agents/api.md': agentText({ name: 'api' }), 'repo/.git/HEAD': 'ref: refs/heads/main\n', 'repo/src/x.txt': '' });
    const run = await agentsmith(['check', '--format', 'json'], join(dir, 'repo', 'src'));
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(String(run.stderr)).toBe(
      `agentsmith check: no .claude/agents in ${join(dir, 'repo', 'src')} or a folder above it (up to the repository root); pass the files or folders to check (agentsmith check agents/ one.md).`,
    );
  });

  it('exits 2 when the default folder does not exist, saying so with a hint and printing no report', async () => {
    const dir = project({ 'README.md': '# nothing here\n' });
    const run = await agentsmith(['check', '--format', 'json'], dir);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^agentsmith check: no \.claude\/agents in .+; pass the files or folders to check/);
  });

  it('exits 2 with a message on stderr for an unknown format or flag, printing nothing on stdout', async () => {
    const dir = project({});
    const format = await agentsmith(['check', '--format', 'xml'], dir);
    expect(format.exitCode).toBe(2);
    expect(format.stdout).toBe('');
    expect(format.stderr).toContain('--format must be one of stylish, json, github, sarif; got "xml"');
    const flag = await agentsmith(['check', '--frobnicate'], dir);
    expect(flag.exitCode).toBe(2);
    expect(flag.stderr).toContain('--frobnicate');
    const typo = await agentsmith(['check', '--frmat', 'json'], dir);
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr).toContain('unknown flag --frmat; did you mean --format?');
  });

  it('says which values --format takes when it is given none, written long or short', async () => {
    for (const flag of ['--format', '-f']) {
      const run = await agentsmith(['check', flag], project({}));
      expect(run.exitCode).toBe(2);
      expect(String(run.stderr).split('\n')[0]).toBe('agentsmith check: --format needs a value (stylish, json, github, sarif).');
    }
  });

  it('exits 0 and prints the usage for --help', async () => {
    const run = await agentsmith(['check', '--help'], project({}));
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Usage: agentsmith check');
    expect(run.stdout).toContain('a literal \\n in a description becomes a real line break');
    expect(run.stdout).toContain('up to the repository root (the first folder holding .git)');
    expect(run.stdout).toContain('--format F, -f F');
  });

  it('prints the help of `rules` for --help, not the table, and refuses other words', async () => {
    const dir = project({});
    const help = await agentsmith(['rules', '--help'], dir);
    expect(help.exitCode).toBe(0);
    expect(String(help.stdout)).toMatch(/^Usage: agentsmith rules \[--help\]\n/);
    expect(String(help.stdout)).not.toContain('| id |');
    expect(String((await agentsmith(['rules'], dir)).stdout)).toMatch(/^# agentsmith rules\n/);
    const wrong = await agentsmith(['rules', '--json'], dir);
    expect(wrong.exitCode).toBe(2);
    expect(String(wrong.stderr)).toMatch(/^agentsmith rules: unknown flag --json\.\n\nUsage: agentsmith rules/);
  });
});
