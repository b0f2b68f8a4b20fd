import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentsmith } from '../helpers/cli.js';
import { afterRename, filesIn, folder, snapshot, specIn } from './fixtures.js';

/** A spec whose agents all merge one anchored block: the README's recommended way to share answers. */
function merged(count: number): string[] {
  return ['out: agents', 'definitions: {r: &r {specialty: auth}}', 'agents:', ...Array.from({ length: count }, (_, i) => `  - {<<: *r, name: rev-${i}}`)];
}

describe('bulk with aliases', () => {
  it('accepts a block merged into 100+ agents, in every mode that reads the spec', async () => {
    const { dir } = specIn(...merged(120));
    const dry = await agentsmith(['bulk', 'spec.yaml', '--dry-run'], dir);
    expect(dry.exitCode, String(dry.stderr)).toBe(0);
    expect(String(dry.stdout)).toMatch(/120 agents: 120 to create/);
    const written = await agentsmith(['bulk', 'spec.yaml', '--json'], dir);
    expect(written.exitCode).toBe(0);
    expect(JSON.parse(String(written.stdout)).files).toHaveLength(120);
    expect((await agentsmith(['bulk', 'spec.yaml', '--check'], dir)).exitCode).toBe(0);
    expect((await agentsmith(['check', 'agents', '--spec', 'spec.yaml'], dir)).exitCode).toBe(0);
  });

  it('refuses an alias bomb with its line and column, exit 2, in text and JSON', async () => {
    const row = (alias: string) => `[${Array(10).fill(alias).join(', ')}]`;
    const { dir } = specIn('agents: [{specialty: api}]', `a: &a ${row('x')}`, `b: &b ${row('*a')}`, `c: &c ${row('*b')}`, `d: &d ${row('*c')}`, `e: ${row('*d')}`);
    for (const args of [[], ['--json'], ['--check']]) {
      const result = await agentsmith(['bulk', 'spec.yaml', ...args], dir);
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(String(result.stderr)).toMatch(/spec\.yaml:3:\d+: aliases expand to more than 10,000 nodes.*alias bomb/);
    }
    const check = await agentsmith(['check', '.', '--spec', 'spec.yaml'], dir);
    expect(check.exitCode).toBe(2);
    expect(String(check.stderr)).toMatch(/alias bomb/);
  });

  it('refuses an alias that names no anchor, at its line and column', async () => {
    const { dir } = specIn('agents:', '  - {specialty: api, title: *nope}');
    const result = await agentsmith(['bulk', 'spec.yaml'], dir);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toMatch(/spec\.yaml:2:29: the alias \*nope names no anchor/);
  });
});

describe('bulk with a huge matrix', () => {
  it('refuses 10^8 combinations before expanding them, exit 2, naming the count and the limit', async () => {
    const keys = 'abcdefgh'.split('').map((key) => `  ${key}: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]`);
    const { dir } = specIn('defaults: {specialty: api}', 'name: "{{a}}-{{b}}"', 'matrix:', ...keys);
    const result = await agentsmith(['bulk', 'spec.yaml'], dir);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toMatch(/spec\.yaml:3: the matrix makes 100,000,000 combinations \(a 10 × b 10.*more than the 100,000 agents/);
  });
});

describe('bulk with inputs that are not regular files or folders', () => {
  it('refuses a FIFO as the spec instead of waiting on it', async () => {
    const { dir } = specIn('agents: [{specialty: api}]');
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    const result = await agentsmith(['bulk', 'pipe.yaml'], dir, { timeout: 20_000 });
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toMatch(/cannot read the spec pipe\.yaml: not a regular file/);
  });

  it('says an out: that is a file must be a folder, in --dry-run and in the real run alike', async () => {
    const { dir } = specIn('out: taken', 'agents: [{specialty: api}]');
    writeFileSync(join(dir, 'taken'), 'a file\n');
    for (const args of [['--dry-run'], []]) {
      const result = await agentsmith(['bulk', 'spec.yaml', ...args], dir);
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(String(result.stderr)).toMatch(/spec\.yaml:1: out "taken" \(.*\) is a file; it must be a folder/);
    }
    expect(readFileSync(join(dir, 'taken'), 'utf8')).toBe('a file\n');
  });

  it('refuses a target that is a FIFO instead of waiting on it', async () => {
    const { dir, out } = specIn('out: agents', 'agents: [{specialty: api}]');
    mkdirSync(out);
    execFileSync('mkfifo', [join(out, 'api-developer.md')]);
    const result = await agentsmith(['bulk', 'spec.yaml', '--force'], dir, { timeout: 20_000 });
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(1);
    expect(String(result.stdout)).toMatch(/api-developer\.md is not a regular file/);
  });
});

describe('bulk and names other agent files register', () => {
  it('refuses a name a file elsewhere in .claude/agents registers, naming it, and writes nothing', async () => {
    const { dir } = specIn('out: .claude/agents/generated2', 'agents: [{specialty: auth, name: auth-engineer}, {specialty: api, name: api-x}]');
    mkdirSync(join(dir, '.claude', 'agents'), { recursive: true });
    writeFileSync(join(dir, '.claude', 'agents', 'auth-engineer.md'), '---\nname: auth-engineer\ndescription: Hand-written.\n---\nBody.\n');
    const before = snapshot(dir);
    for (const args of [[], ['--force']]) {
      const result = await agentsmith(['bulk', 'spec.yaml', ...args], dir);
      expect(result.exitCode, args.join(' ')).toBe(1);
      expect(String(result.stdout)).toMatch(/"auth-engineer" is already registered by \.claude\/agents\/auth-engineer\.md/);
      expect(snapshot(dir)).toEqual(before);
    }
  });

  it('reports a name a hand-written file elsewhere in the tree took after generation, in --check, --dry-run and a run, as check does', async () => {
    const { dir } = specIn('out: .claude/agents', 'agents: [{specialty: api, name: api-x}, {specialty: auth, name: auth-y}]');
    expect((await agentsmith(['bulk', 'spec.yaml'], dir)).exitCode).toBe(0);
    mkdirSync(join(dir, '.claude', 'agents', 'team'));
    writeFileSync(join(dir, '.claude', 'agents', 'team', 'hand.md'), '---\nname: api-x\ndescription: Hand-written.\n---\nBody.\n');
    const before = snapshot(dir);
    const clash = /the name "api-x" is already registered by \.claude\/agents\/team\/hand\.md; Claude Code would keep only one of the two agents/;

    // What check says of the tree: the premise.
    const checked = JSON.parse(String((await agentsmith(['check', '--format', 'json'], dir)).stdout)) as { files: { path: string; diagnostics: { rule: string }[] }[] };
    const duplicates = checked.files.filter((file) => file.diagnostics.some((d) => d.rule === 'name/duplicate')).map((file) => file.path);
    expect(duplicates.sort()).toEqual(['.claude/agents/api-x.md', '.claude/agents/team/hand.md']);

    const drift = await agentsmith(['bulk', 'spec.yaml', '--check'], dir);
    expect(drift.exitCode).toBe(1);
    expect(String(drift.stdout)).toMatch(/^invalid +\.claude\/agents\/api-x\.md\n +agents\[0\] at spec\.yaml:2: the name "api-x" is already registered/m);
    expect(String(drift.stdout)).toMatch(clash);
    const json = JSON.parse(String((await agentsmith(['bulk', 'spec.yaml', '--check', '--json'], dir)).stdout)) as { clean: boolean; files: { name: string; status: string }[] };
    expect(json.clean).toBe(false);
    expect(json.files.map((file) => [file.name, file.status])).toEqual([
      ['api-x', 'invalid'],
      ['auth-y', 'in-sync'],
    ]);

    for (const args of [['--dry-run'], [], ['--force']]) {
      const result = await agentsmith(['bulk', 'spec.yaml', ...args], dir);
      expect(result.exitCode, args.join(' ')).toBe(1);
      expect(String(result.stdout)).toMatch(/^invalid +\.claude\/agents\/api-x\.md$/m);
      expect(String(result.stdout)).toMatch(clash);
    }
    expect(snapshot(dir)).toEqual(before);
  });

  it('check --spec reports that clash as bulk --check does, also when the hand-written file is outside the paths checked', async () => {
    const { dir } = specIn('out: .claude/agents/generated', 'agents: [{specialty: api, name: api-x}, {specialty: auth, name: auth-y}]');
    expect((await agentsmith(['bulk', 'spec.yaml'], dir)).exitCode).toBe(0);
    mkdirSync(join(dir, '.claude', 'agents', 'team'));
    writeFileSync(join(dir, '.claude', 'agents', 'team', 'hand.md'), '---\nname: api-x\ndescription: Hand-written.\n---\nBody.\n');
    const clash =
      'the spec spec.yaml renders an invalid agent for .claude/agents/generated/api-x.md: agents[0] at spec.yaml:2: the name "api-x" is already registered by ' +
      '.claude/agents/team/hand.md; Claude Code would keep only one of the two agents.';
    type Report = { files: { path: string; diagnostics: { rule: string; severity: string; message: string }[] }[] };
    const rulesOf = (report: Report, rule: string) => report.files.flatMap((file) => file.diagnostics.filter((d) => d.rule === rule).map((d) => [file.path, d.message]));

    // Only the generated folder is checked: name/duplicate cannot see hand.md, but the client loads both.
    const generated = await agentsmith(['check', '.claude/agents/generated', '--spec', 'spec.yaml', '--format', 'json'], dir);
    expect(generated.exitCode).toBe(1);
    const report = JSON.parse(String(generated.stdout)) as Report;
    expect(rulesOf(report, 'drift/spec')).toEqual([['.claude/agents/generated/api-x.md', expect.stringContaining(clash)]]);
    expect(rulesOf(report, 'name/duplicate')).toEqual([]);

    // The whole tree: the same drift diagnostic, beside name/duplicate on both files.
    const whole = JSON.parse(String((await agentsmith(['check', '--spec', 'spec.yaml', '--format', 'json'], dir)).stdout)) as Report;
    expect(rulesOf(whole, 'drift/spec')).toEqual([['.claude/agents/generated/api-x.md', expect.stringContaining(clash)]]);
    expect(rulesOf(whole, 'name/duplicate').map(([path]) => path).sort()).toEqual(['.claude/agents/generated/api-x.md', '.claude/agents/team/hand.md']);
  });

  it('does not count its own earlier output: a second run is unchanged', async () => {
    const { dir } = specIn('out: .claude/agents/team', 'agents: [{specialty: auth}, {specialty: api}]');
    expect((await agentsmith(['bulk', 'spec.yaml'], dir)).exitCode).toBe(0);
    const again = await agentsmith(['bulk', 'spec.yaml'], dir);
    expect(again.exitCode, String(again.stdout)).toBe(0);
    expect(String(again.stdout)).toMatch(/2 unchanged/);
  });
});

describe('an interrupted bulk run', () => {
  /** 300 agents: the signal comes after the 100th. */
  const MANY = ['out: agents', 'defaults: {specialty: api}', 'name: "a{{a}}-b{{b}}"', 'matrix:', `  a: [${Array.from({ length: 20 }, (_, i) => i).join(', ')}]`, `  b: [${Array.from({ length: 15 }, (_, i) => i).join(', ')}]`];

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('rolls the whole run back on %s during the write and exits %i saying so', async (signal, code) => {
    const { dir, out } = specIn(...MANY);
    mkdirSync(out);
    writeFileSync(join(out, 'a0-b0.md'), 'hand-written, replaced by --force\n');
    writeFileSync(join(out, '.999999999.1.0.agentsmith.tmp'), 'left by a killed run\n');
    const before = filesIn(out).filter((name) => !name.endsWith('.tmp'));
    // The signal must come during the write, whatever the machine's load: a preload module (the real
    // command, nothing mocked) has the process signal itself after its 100th file is renamed into place.
    const child = agentsmith(['bulk', 'spec.yaml', '--force'], dir, { timeout: 120_000, ...afterRename(dir, 100, `process.kill(process.pid, '${signal}');`) });
    const result = await child;
    expect(result.exitCode, `${String(result.stdout).slice(-300)} ${String(result.stderr)}`).toBe(code);
    expect(String(result.stderr)).toMatch(new RegExp(`interrupted \\(${signal}\\); the run was rolled back: nothing was changed in agents`));
    expect(String(result.stderr)).toMatch(/agentsmith bulk: removed 1 temp file that an interrupted run left in agents: \.999999999\.1\.0\.agentsmith\.tmp/);
    expect(filesIn(out)).toEqual(before);
    expect(readFileSync(join(out, 'a0-b0.md'), 'utf8')).toBe('hand-written, replaced by --force\n');
    expect(existsSync(join(out, 'a1-b0.md'))).toBe(false);
  });
});

describe('a spec or config that is not UTF-8', () => {
  it('is refused at its first bad byte (exit 2, nothing written), not read with U+FFFD into every agent', async () => {
    const { dir, spec, out } = specIn('out: agents');
    // "café" saved as Latin-1 (a Windows editor's default).
    writeFileSync(spec, Buffer.concat([Buffer.from('out: agents\nagents:\n  - { specialty: api, name: x, title: "caf'), Buffer.from([0xe9]), Buffer.from('" }\n')]));
    for (const args of [['bulk', 'spec.yaml'], ['bulk', 'spec.yaml', '--check'], ['check', '.', '--spec', 'spec.yaml']]) {
      const result = await agentsmith(args, dir);
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(String(result.stderr)).toContain('spec.yaml: not valid UTF-8 (first bad byte at line 3, column 43); save it as UTF-8.');
    }
    expect(filesIn(out)).toEqual([]);
    writeFileSync(join(dir, 'agentsmith.config.yaml'), Buffer.concat([Buffer.from('colors: [r'), Buffer.from([0xf6]), Buffer.from('d]\n')]));
    const config = await agentsmith(['check', '.'], dir);
    expect(config.exitCode).toBe(2);
    expect(String(config.stderr)).toContain('agentsmith.config.yaml: cannot read the config: not valid UTF-8 (first bad byte at line 1, column 11); save it as UTF-8');
  });
});

describe('an out that the file system cannot look into', () => {
  it.each([
    ['a folder name too long for the file system', () => 'd'.repeat(300), 'cannot be used: a name in the path is too long for the file system'],
    ['a symbolic link loop', (dir: string) => (symlinkSync('loop', join(dir, 'loop')), 'loop'), 'cannot be used: symbolic link loop'],
  ])('is refused at its line (exit 2) for %s, not planned as files that "exist and differ"', async (_what, make, said) => {
    const { dir } = specIn('agents: [{specialty: api, name: api-a}]');
    const out = make(dir);
    writeFileSync(join(dir, 'spec.yaml'), `out: ${out}\nagents: [{specialty: api, name: api-a}]\n`);
    for (const args of [['--dry-run'], ['--force'], ['--check']]) {
      const result = await agentsmith(['bulk', 'spec.yaml', ...args], dir);
      expect(result.exitCode, String(result.stdout)).toBe(2);
      expect(String(result.stdout)).not.toContain('exists and differs');
      expect(String(result.stderr)).toContain(`agentsmith bulk: spec.yaml:1: out "${out}" (${join(dir, out)}) ${said}`);
    }
  });
});

describe('a spec kept in its own output folder under an agent file name', () => {
  it('is never replaced by that agent, even with --force; bulk, bulk --check and check --spec say so, and the run writes nothing', async () => {
    const dir = folder();
    const text = 'out: .\nagents:\n  - { specialty: api, name: api-a }\n  - { specialty: api, name: api-b }\n';
    writeFileSync(join(dir, 'api-a.md'), text);
    const said = `${join(dir, 'api-a.md')} is the spec file itself (api-a.md); bulk will not replace it, even with --force.`;
    const forced = await agentsmith(['bulk', 'api-a.md', '--force'], dir);
    expect(forced.exitCode).toBe(1);
    expect(String(forced.stdout)).toMatch(/^invalid +api-a\.md$/m);
    expect(String(forced.stdout)).toContain(said);
    expect(readFileSync(join(dir, 'api-a.md'), 'utf8')).toBe(text);
    expect(existsSync(join(dir, 'api-b.md'))).toBe(false);
    // Without --force: one problem for that file, the spec, not also "exists and differs (pass --force …)".
    const plain = await agentsmith(['bulk', 'api-a.md'], dir);
    expect(plain.exitCode).toBe(1);
    expect(String(plain.stdout)).toContain(said);
    expect(String(plain.stdout)).not.toContain('exists and differs');
    expect(String(plain.stderr)).toContain('nothing was written: 1 problem (listed above).');
    const drift = await agentsmith(['bulk', 'api-a.md', '--check'], dir);
    expect(drift.exitCode).toBe(1);
    expect(String(drift.stdout)).toMatch(/^invalid +api-a\.md\n.*is the spec file itself/m);
    const spec = await agentsmith(['check', '.', '--spec', 'api-a.md'], dir);
    expect(String(spec.stdout)).toContain(said);
    expect(readFileSync(join(dir, 'api-a.md'), 'utf8')).toBe(text);
  });

  it('names the current folder as such when the output folder is the one bulk runs in (not "in ..")', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'spec.yaml'), 'out: .\nagents:\n  - { specialty: api, name: api-a }\n');
    const result = await agentsmith(['bulk', 'spec.yaml'], dir);
    expect(result.exitCode).toBe(0);
    expect(String(result.stdout)).toMatch(/^Wrote 1 agent file, 0 unchanged, in the current folder\.$/m);
  });

  it('names the parent folder as such when bulk runs in a sub-folder of the output folder', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'specs'));
    writeFileSync(join(dir, 'specs', 'spec.yaml'), 'out: ..\nagents:\n  - { specialty: api, name: api-a }\n');
    const result = await agentsmith(['bulk', 'spec.yaml'], join(dir, 'specs'));
    expect(result.exitCode).toBe(0);
    expect(String(result.stdout)).toMatch(/^Wrote 1 agent file, 0 unchanged, in the parent folder \(\.\.\)\.$/m);
    expect(existsSync(join(dir, 'api-a.md'))).toBe(true);
  });
});

describe('an out holding a NUL character', () => {
  it('is refused at its line (exit 2), saying so, without the system\'s argument error', async () => {
    const { dir } = specIn('out: "o\\u0000"', 'agents: [{specialty: api, name: api-a}]');
    const result = await agentsmith(['bulk', 'spec.yaml', '--dry-run'], dir);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toContain(`agentsmith bulk: spec.yaml:1: out "o\\u0000" (${join(dir, 'o')}\\0) holds a NUL character, which no path can hold`);
    expect(String(result.stderr)).not.toMatch(/\u0000|ERR_INVALID_ARG|The argument/);
  });
});
