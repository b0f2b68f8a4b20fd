import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { agentText, removeProjects, tempProject, writeTree, type JsonReport } from '../helpers/agent.js';
import { agentsmith, tempDir } from '../helpers/cli.js';

const good = agentText({ name: 'good' });
const frontmatter = (...lines: string[]): string => ['---', ...lines, '---', 'You are.', ''].join('\n');
const aliasBomb = [
  'a0: &a0 [x, x, x, x, x, x, x, x, x, x]',
  ...Array.from({ length: 8 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`),
];

describe('agentsmith check on bad input in one agents folder', () => {
  let temp: ReturnType<typeof tempDir>;
  let exitCode: number | undefined;
  let report: JsonReport;
  const file = (name: string) => report.files.find((entry) => entry.path === `.claude/agents/${name}`);
  const rulesOf = (name: string) => file(name)?.diagnostics.map((d) => d.rule) ?? [];

  beforeAll(async () => {
    temp = tempDir();
    writeTree(join(temp.dir, '.claude', 'agents'), {
      'good.md': good,
      'nul.md': frontmatter('name: nul', 'description: Use this\0agent'),
      'binary.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x00, 0xc3, 0x28, 0x80]),
      'latin1.md': Buffer.concat([Buffer.from('---\nname: latin1\ndescription: Use this agent for caf'), Buffer.from([0xe9]), Buffer.from('\n---\nYou are.\n')]),
      'huge.md': `${good}\n${'You are still reading. '.repeat(460_000)}`,
      'bomb.md': frontmatter('name: bomb', 'description: d', ...aliasBomb),
      'deep.md': frontmatter('name: deep', 'description: d', `x: ${'['.repeat(5000)}${']'.repeat(5000)}`),
      'deep-map.md': frontmatter('name: deep-map', 'description: d', `x: ${'{a: '.repeat(5000)}1${'}'.repeat(5000)}`),
    });
    const run = await agentsmith(['check', '--format', 'json'], temp.dir);
    exitCode = run.exitCode;
    report = JSON.parse(String(run.stdout)) as JsonReport;
  });
  afterAll(() => temp.cleanup());

  it('checks every file and exits 1 for the errors, without crashing', () => {
    expect(exitCode).toBe(1);
    expect(report.summary.files).toBe(8);
    expect(file('good.md')).toMatchObject({ verdict: 'loaded', name: 'good', diagnostics: [] });
  });

  it('skips a file with a NUL byte in the frontmatter, as the client does', () => {
    expect(file('nul.md')).toMatchObject({ verdict: 'skipped', name: null });
    expect(rulesOf('nul.md')).toContain('load/skipped');
  });

  it('warns that a binary file is not UTF-8 and not an agent', () => {
    expect(file('binary.md')?.verdict).toBe('not-an-agent');
    expect(rulesOf('binary.md')).toEqual(expect.arrayContaining(['file/encoding', 'load/not-an-agent']));
  });

  it('loads a file with invalid UTF-8, as the client does, and points at the first bad byte', () => {
    expect(file('latin1.md')).toMatchObject({ verdict: 'loaded', name: 'latin1' });
    const encoding = file('latin1.md')?.diagnostics.find((d) => d.rule === 'file/encoding');
    expect(encoding).toMatchObject({ severity: 'warning', line: 3, column: 'description: Use this agent for caf'.length + 1 });
    expect(encoding?.message).toMatch(/^the file is not valid UTF-8 \(first bad byte at line 3, column \d+\)/);
  });

  it('reports a 10 MB file as over the 1 MiB limit of the client', () => {
    expect(file('huge.md')).toMatchObject({ verdict: 'not-an-agent', name: null });
    const [diagnostic] = file('huge.md')?.diagnostics ?? [];
    expect(diagnostic).toMatchObject({ rule: 'file/unreadable', severity: 'error', line: 1, column: 1 });
    expect(diagnostic?.message).toBe('the file has more than 1048576 bytes; Claude Code ignores agent files over 1 MiB.');
  });

  it('skips an alias bomb instead of expanding it', () => {
    expect(file('bomb.md')?.verdict).toBe('skipped');
    expect(file('bomb.md')?.reason).toMatch(/YAML Parse error/);
  });

  it('reads 5000-deep nesting without overflowing, and reports its unknown key', () => {
    for (const name of ['deep.md', 'deep-map.md']) {
      expect(file(name)?.verdict).toBe('loaded');
      expect(rulesOf(name)).toContain('field/unknown-key');
    }
  });
});

describe('agentsmith check on paths it cannot read', () => {
  const project = (): string => tempProject({ 'agents/good.md': good });
  afterEach(removeProjects);

  it('reports a symlink loop and a dangling symlink as unreadable, exits 2, and checks the rest', async () => {
    const dir = project();
    symlinkSync('loop.md', join(dir, 'agents', 'loop.md'));
    symlinkSync('nowhere.md', join(dir, 'agents', 'dangling.md'));
    const run = await agentsmith(['check', '--format', 'json', 'agents'], dir);
    expect(run.exitCode).toBe(2);
    const report = JSON.parse(String(run.stdout)) as JsonReport;
    const byPath = Object.fromEntries(report.files.map((entry) => [entry.path, entry]));
    expect(byPath['agents/loop.md']?.diagnostics[0]).toMatchObject({ rule: 'file/unreadable', message: 'cannot read: symbolic link loop.' });
    expect(byPath['agents/dangling.md']?.diagnostics[0]).toMatchObject({ rule: 'file/unreadable', message: 'cannot read: a symbolic link to nowhere.md, which does not exist.' });
    expect(byPath['agents/good.md']).toMatchObject({ verdict: 'loaded', name: 'good' });
  });

  /** A run of check over a missing path and a dangling link, with file/unreadable off. */
  async function unreadable(format: string) {
    const dir = project();
    writeTree(dir, { 'agentsmith.config.yaml': 'rules:\n  file/unreadable: off\n' });
    symlinkSync('nowhere.md', join(dir, 'agents', 'dangling.md'));
    return agentsmith(['check', '--format', format, 'missing.md', 'agents'], dir);
  }

  it.each(['stylish', 'json', 'github', 'sarif'])('says why it exits 2 on stderr in %s, even with file/unreadable off', async (format) => {
    const run = await unreadable(format);
    expect(run.exitCode).toBe(2);
    expect(String(run.stderr).split('\n').filter(Boolean).sort()).toEqual([
      'agentsmith check: cannot read agents/dangling.md: a symbolic link to nowhere.md, which does not exist.',
      'agentsmith check: cannot read missing.md: no such file or folder.',
    ]);
    expect(String(run.stdout)).not.toContain('agentsmith check: cannot read');
  });

  it.each(['json', 'sarif'])('keeps stdout valid %s when it exits 2 on unreadable paths', async (format) => {
    const run = await unreadable(format);
    expect(run.exitCode).toBe(2);
    expect(() => JSON.parse(String(run.stdout))).not.toThrow();
  });

  it('walks a folder that links back to its parent once, without looping', async () => {
    const dir = project();
    mkdirSync(join(dir, 'agents', 'sub'));
    symlinkSync('..', join(dir, 'agents', 'sub', 'back'));
    const run = await agentsmith(['check', '--format', 'json', 'agents'], dir);
    expect(run.exitCode).toBe(0);
    expect((JSON.parse(String(run.stdout)) as JsonReport).files.map((entry) => entry.path)).toEqual(['agents/good.md']);
  });

  it('reports a FIFO named on the command line instead of waiting on it forever', async () => {
    const dir = project();
    execFileSync('mkfifo', [join(dir, 'pipe.md')]);
    const run = await agentsmith(['check', '--format', 'json', 'pipe.md', 'agents'], dir, { timeout: 20_000 });
    expect(run.timedOut).toBe(false);
    expect(run.exitCode).toBe(2);
    const report = JSON.parse(String(run.stdout)) as JsonReport;
    expect(report.files[0]).toMatchObject({ path: 'pipe.md', reason: 'cannot read: not a regular file' });
    expect(report.files[1]).toMatchObject({ path: 'agents/good.md', verdict: 'loaded' });
  });

  // Root reads files whatever their mode: as root, run the CLI as `nobody` so that chmod 000 bites.
  const asRoot = process.getuid?.() === 0;
  it(`reports a file without read permission (chmod 000)${asRoot ? ', running the CLI as nobody since tests run as root' : ''}`, async () => {
    const dir = project();
    writeTree(dir, { 'agents/locked.md': good });
    chmodSync(join(dir, 'agents', 'locked.md'), 0o000);
    if (asRoot) chmodSync(dir, 0o755);
    const run = await agentsmith(['check', '--format', 'json', 'agents'], dir, asRoot ? { uid: 65534, gid: 65534 } : {});
    expect(run.exitCode).toBe(2);
    const report = JSON.parse(String(run.stdout)) as JsonReport;
    expect(report.files.map((entry) => [entry.path, entry.reason])).toEqual([
      ['agents/good.md', null],
      ['agents/locked.md', 'cannot read: permission denied'],
    ]);
    expect(report.files[1]?.diagnostics[0]).toMatchObject({ rule: 'file/unreadable', severity: 'error' });
  });
});
