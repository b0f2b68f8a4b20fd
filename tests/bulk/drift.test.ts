import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentsmith, BIN, run } from '../helpers/cli.js';
import { folder, snapshot, specIn, THREE } from './fixtures.js';

interface DriftJson {
  clean: boolean;
  files: { path: string; name: string; status: string; diff: string[] }[];
}

async function generated() {
  const setup = specIn(...THREE);
  expect((await agentsmith(['bulk', 'spec.yaml'], setup.dir)).exitCode).toBe(0);
  return setup;
}

describe('agentsmith bulk --check (drift)', () => {
  it('exits 0 right after generation and says every file is in sync', async () => {
    const { dir } = await generated();
    const result = await agentsmith(['bulk', 'spec.yaml', '--check'], dir);
    expect(result.exitCode).toBe(0);
    expect(String(result.stdout)).toContain('All 3 agent files are in sync with the spec.');
  });

  it.each([
    [['--force'], '--force has no effect with it. Drop --force (to regenerate the files, run bulk with --force and without --check).'],
    [['--dry-run'], '--dry-run has no effect with it. Drop --dry-run.'],
    [['--dry-run', '--force', '--json'], '--force and --dry-run have no effect with it. Drop --force and --dry-run (to regenerate'],
  ])('refuses %j beside it (exit 2): a flag that would change nothing, most likely a mistake in a CI line', async (flags, message) => {
    const { dir, out } = await generated();
    rmSync(join(out, 'hono-api.md'));
    const before = snapshot(dir);
    const result = await agentsmith(['bulk', 'spec.yaml', '--check', ...flags], dir);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(String(result.stderr)).toContain(`agentsmith bulk: --check writes nothing and only compares, so ${message}`);
    expect(snapshot(dir)).toEqual(before);
  });

  it('exits 1 listing an edited file with a diff line and a deleted file as missing, and writes nothing', async () => {
    const { dir, out } = await generated();
    const edited = join(out, 'express-api.md');
    const original = readFileSync(edited, 'utf8');
    writeFileSync(edited, original.replace('You are a senior express API Developer.', 'You are a hand-edited agent.'));
    rmSync(join(out, 'hono-api.md'));
    const before = snapshot(dir);

    const result = await agentsmith(['bulk', 'spec.yaml', '--check'], dir);
    expect(result.exitCode).toBe(1);
    const text = String(result.stdout);
    expect(text).toMatch(/^differs +agents\/express-api\.md$/m);
    expect(text).toMatch(/^ +- You are a hand-edited agent\./m);
    expect(text).toMatch(/^ +\+ You are a senior express API Developer\./m);
    expect(text).toMatch(/^missing +agents\/hono-api\.md$/m);
    expect(text).not.toContain('fastify-api');
    expect(text).toContain('2 of 3 agent files are out of sync');
    expect(snapshot(dir)).toEqual(before);
  });

  it('gives the same verdicts as JSON', async () => {
    const { dir, out } = await generated();
    writeFileSync(join(out, 'fastify-api.md'), 'not what the spec renders\n');
    rmSync(join(out, 'express-api.md'));
    const result = await agentsmith(['bulk', 'spec.yaml', '--check', '--json'], dir);
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(String(result.stdout)) as DriftJson;
    expect(report.clean).toBe(false);
    expect(report.files.map((file) => [file.name, file.status])).toEqual([
      ['express-api', 'missing'],
      ['fastify-api', 'differs'],
      ['hono-api', 'in-sync'],
    ]);
    expect(report.files[1]?.diff.some((line) => line.startsWith('- not what the spec renders'))).toBe(true);
  });

  it('reports drift when the spec changes, and is clean again after regenerating with --force', async () => {
    const { dir, spec } = await generated();
    writeFileSync(spec, `${THREE.join('\n').replace('{{framework}} API Developer', '{{framework}} Service Engineer')}\n`);
    const drifted = await agentsmith(['bulk', 'spec.yaml', '--check'], dir);
    expect(drifted.exitCode).toBe(1);
    expect(String(drifted.stdout)).toContain('3 of 3 agent files are out of sync');
    expect((await agentsmith(['bulk', 'spec.yaml'], dir)).exitCode).toBe(1);
    expect((await agentsmith(['bulk', 'spec.yaml', '--force'], dir)).exitCode).toBe(0);
    expect((await agentsmith(['bulk', 'spec.yaml', '--check'], dir)).exitCode).toBe(0);
  });

  it('names the actual spec in the regenerate hint, not a literal SPEC', async () => {
    const { dir, out } = await generated();
    rmSync(join(out, 'hono-api.md'));
    const text = String((await agentsmith(['bulk', 'spec.yaml', '--check'], dir)).stdout);
    expect(text).toContain('run "agentsmith bulk spec.yaml --force"');
    expect(text).not.toContain('SPEC');
  });

  it('lists files the spec no longer produces as orphans (a warning), and deletes nothing', async () => {
    const { dir, out, spec } = await generated();
    writeFileSync(spec, `${THREE.join('\n').replace('[express, fastify, hono]', '[express, fastify]')}\n`);
    const before = snapshot(dir);
    const result = await agentsmith(['bulk', 'spec.yaml', '--check'], dir);
    expect(result.exitCode).toBe(0);
    const text = String(result.stdout);
    expect(text).toMatch(/^orphan +agents\/hono-api\.md$/m);
    expect(text).toContain('Warning: 1 agent file in agents is not produced by spec.yaml (orphan above); if the spec made it once, remove it: Claude Code still reads it as an agent. Nothing was deleted.');
    expect(snapshot(dir)).toEqual(before);
    expect(existsSync(join(out, 'hono-api.md'))).toBe(true);

    const json = JSON.parse(String((await agentsmith(['bulk', 'spec.yaml', '--check', '--json'], dir)).stdout)) as DriftJson;
    expect(json.files.map((file) => [file.name, file.status])).toContainEqual(['hono-api', 'orphan']);

    const checked = await agentsmith(['check', 'agents', '--spec', 'spec.yaml'], dir);
    expect(String(checked.stdout)).toMatch(/warning +agents\/hono-api\.md is not produced by the spec spec\.yaml; if a spec made it once, remove it/);
  });

  it('does not call a file that is no agent (a README, notes) an orphan: the client does not load it', async () => {
    const { dir, out } = await generated();
    writeFileSync(join(out, 'README.md'), '# Generated agents\n\nDo not edit: run agentsmith bulk spec.yaml.\n');
    writeFileSync(join(out, 'old-api.md'), '---\nname: old-api\ndescription: Use this agent when an old spec made it.\n---\n\nYou are old.\n');
    const result = await agentsmith(['bulk', 'spec.yaml', '--check'], dir);
    expect(result.exitCode).toBe(0);
    const text = String(result.stdout);
    expect(text).toMatch(/^orphan +agents\/old-api\.md$/m);
    expect(text).not.toContain('README.md');
    expect(text).toContain('Warning: 1 agent file in agents is not produced by spec.yaml');

    const checked = await agentsmith(['check', 'agents', '--spec', 'spec.yaml', '--format', 'json'], dir);
    const files = (JSON.parse(String(checked.stdout)) as { files: { path: string; diagnostics: { rule: string }[] }[] }).files;
    const orphans = files.filter((file) => file.diagnostics.some((d) => d.rule === 'drift/spec')).map((file) => file.path);
    expect(orphans).toEqual(['agents/old-api.md']);
  });

  it('calls a file the client skips an orphan too (it takes it for an agent), in bulk --check and check --spec alike', async () => {
    const { dir, out } = await generated();
    writeFileSync(join(out, 'half-api.md'), '---\nname: half-api\n---\n\nNo description, so the client skips it.\n');
    writeFileSync(join(out, 'notes.md'), 'Notes, no frontmatter.\n');
    const checked = await agentsmith(['check', 'agents', '--spec', 'spec.yaml', '--format', 'json'], dir);
    const files = (JSON.parse(String(checked.stdout)) as { files: { path: string; verdict: string; diagnostics: { rule: string; severity: string }[] }[] }).files;
    expect(files.find((file) => file.path === 'agents/half-api.md')?.verdict).toBe('skipped');
    const drift = files.flatMap((file) => file.diagnostics.filter((d) => d.rule === 'drift/spec').map((d) => [file.path, d.severity]));
    expect(drift).toEqual([['agents/half-api.md', 'warning']]);

    const text = String((await agentsmith(['bulk', 'spec.yaml', '--check'], dir)).stdout);
    expect(text).toMatch(/^orphan +agents\/half-api\.md$/m);
    expect(text).not.toContain('notes.md');
  });

  it('finds an orphan and no name clash when the agents tree reaches the output folder through a link first', async () => {
    const { dir } = specIn(...THREE.map((line) => (line === 'out: agents' ? 'out: .claude/agents/generated' : line)));
    expect((await agentsmith(['bulk', 'spec.yaml'], dir)).exitCode).toBe(0);
    // The walk sorts 'a-alias' first and visits the real folder once, through the link.
    symlinkSync('generated', join(dir, '.claude/agents/a-alias'));
    writeFileSync(join(dir, '.claude/agents/generated/old-api.md'), '---\nname: old-api\ndescription: Use this agent when an old spec made it.\n---\n\nYou are old.\n');
    const result = await agentsmith(['bulk', 'spec.yaml', '--check'], dir);
    expect(result.exitCode, String(result.stdout)).toBe(0);
    expect(String(result.stdout)).toMatch(/^orphan +\.claude\/agents\/generated\/old-api\.md$/m);
    expect(String(result.stdout)).not.toContain('already registered');
  });

  it('check --spec reports orphans only among the files it checks (another folder\'s check reports the rest)', async () => {
    const { dir, out } = await generated();
    writeFileSync(join(out, 'old-api.md'), '---\nname: old-api\ndescription: Use this agent when an old spec made it.\n---\n\nYou are old.\n');
    const one = await agentsmith(['check', 'agents/express-api.md', '--spec', 'spec.yaml', '--format', 'json'], dir);
    expect(one.exitCode).toBe(0);
    const files = (JSON.parse(String(one.stdout)) as { files: { path: string; diagnostics: { rule: string }[] }[] }).files;
    expect(files.map((file) => file.path)).toEqual(['agents/express-api.md']);
    expect(files[0]?.diagnostics.filter((d) => d.rule === 'drift/spec')).toEqual([]);
  });

  it('reports two variants of one name as invalid (as bulk does), not as a file that --force would regenerate', async () => {
    const { dir, spec } = await generated();
    writeFileSync(spec, `${THREE.join('\n')}\nagents:\n  - { specialty: jobs, name: hono-api }\n`);
    const result = await agentsmith(['bulk', 'spec.yaml', '--check'], dir);
    expect(result.exitCode).toBe(1);
    const text = String(result.stdout);
    expect(text).toMatch(/^invalid +agents\/hono-api\.md\n +matrix \{"framework":"hono"\} at spec\.yaml:5: name "hono-api" is also produced by agents\[0\] at spec\.yaml:9; give each variant its own name\.$/m);
    expect(text).toMatch(/^invalid +agents\/hono-api\.md\n +agents\[0\] at spec\.yaml:9: name "hono-api" is also produced by matrix/m);
    expect(text).toContain('2 of 4 agent files are out of sync with the spec; first fix the 2 invalid agents above (each says what stops bulk: the spec or a file in the way), then run "agentsmith bulk spec.yaml --force".');
    expect(text).not.toMatch(/^differs/m);
    expect((await agentsmith(['bulk', 'spec.yaml', '--force'], dir)).exitCode).toBe(1);
  });

  it('says when only the line endings differ (a CRLF checkout), instead of a diff whose lines all look the same', async () => {
    const { dir, out } = await generated();
    const path = join(out, 'fastify-api.md');
    writeFileSync(path, readFileSync(path, 'utf8').replaceAll('\n', '\r\n'));
    const result = await agentsmith(['bulk', 'spec.yaml', '--check'], dir);
    expect(result.exitCode).toBe(1);
    expect(String(result.stdout)).toMatch(/^differs +agents\/fastify-api\.md\n +only the line endings differ: the file has CRLF, the spec renders LF \(git core\.autocrlf/m);
    expect(String(result.stdout)).not.toMatch(/^ +- ---/m);
  });
  it('lists a target bulk --force would refuse (a read-only file that differs, a folder, a link to a folder) as invalid with bulk\'s reason, not as drift --force mends', async () => {
    const { dir, out } = await generated();
    const readOnly = join(out, 'express-api.md');
    writeFileSync(readOnly, readFileSync(readOnly, 'utf8').replace('You are a senior express API Developer.', 'You are a hand-edited agent.'));
    chmodSync(readOnly, 0o444);
    rmSync(join(out, 'fastify-api.md'));
    mkdirSync(join(out, 'fastify-api.md'));
    rmSync(join(out, 'hono-api.md'));
    symlinkSync(folder(), join(out, 'hono-api.md'));
    const before = readFileSync(readOnly, 'utf8');

    const result = await agentsmith(['bulk', 'spec.yaml', '--check'], dir);
    expect(result.exitCode).toBe(1);
    const text = String(result.stdout);
    expect(text).not.toMatch(/^differs/m);
    expect(text).toMatch(/^invalid +agents\/express-api\.md\n +matrix \{"framework":"express"\} at spec\.yaml:\d+: .*express-api\.md is read-only \(mode 444\), so bulk will not replace it, even with --force/m);
    expect(text).toMatch(/^invalid +agents\/fastify-api\.md\n +matrix \{"framework":"fastify"\} at spec\.yaml:\d+: .*fastify-api\.md is a folder, not a file; move or rename that folder/m);
    expect(text).toMatch(/^invalid +agents\/hono-api\.md\n +matrix \{"framework":"hono"\} at spec\.yaml:\d+: .*hono-api\.md is a symbolic link to a folder/m);
    expect(text).toContain('3 of 3 agent files are out of sync with the spec; first fix the 3 invalid agents above');
    // bulk --force refuses the same three: --check did not send the user to a command that fails.
    const forced = await agentsmith(['bulk', 'spec.yaml', '--force'], dir);
    expect(forced.exitCode).toBe(1);
    expect(String(forced.stdout).match(/^invalid/gm)).toHaveLength(3);

    const spec = await agentsmith(['check', 'agents', '--spec', 'spec.yaml', '--format', 'json'], dir);
    const messages = (JSON.parse(String(spec.stdout)) as { files: { diagnostics: { rule: string; message: string }[] }[] }).files
      .flatMap((file) => file.diagnostics)
      .filter((d) => d.rule === 'drift/spec')
      .map((d) => d.message);
    expect(messages.filter((m) => m.includes('renders an invalid agent'))).toHaveLength(3);
    expect(messages.some((m) => m.includes('--force"'))).toBe(false);
    expect(readFileSync(readOnly, 'utf8')).toBe(before);
    expect(lstatSync(join(out, 'fastify-api.md')).isDirectory()).toBe(true);
    expect(lstatSync(join(out, 'hono-api.md')).isSymbolicLink()).toBe(true);
    chmodSync(readOnly, 0o644);
  });
});

describe('a symbolic link to nothing where an agent file goes', () => {
  it('is the same thing to the plan, bulk --check and check --spec: a link to a file that does not exist, which --force replaces', async () => {
    const { dir, out } = await generated();
    rmSync(join(out, 'hono-api.md'));
    symlinkSync('gone.md', join(out, 'hono-api.md'));
    const said = 'agents/hono-api.md is a symbolic link to gone.md, which does not exist';

    const plan = await agentsmith(['bulk', 'spec.yaml', '--dry-run'], dir);
    expect(plan.exitCode).toBe(1);
    expect(String(plan.stdout)).toMatch(/^exists +agents\/hono-api\.md$/m);
    expect(String(plan.stdout)).toContain(`${said} (pass --force to replace the link with the agent file).`);
    expect(String(plan.stdout)).not.toContain('exists and differs');

    const check = await agentsmith(['bulk', 'spec.yaml', '--check'], dir);
    expect(check.exitCode).toBe(1);
    expect(String(check.stdout)).not.toMatch(/^missing/m);
    expect(String(check.stdout)).toMatch(/^differs +agents\/hono-api\.md$/m);
    expect(String(check.stdout)).toContain(`    ${said}, not the agent file the spec renders; bulk --force replaces the link with it.`);
    const json = JSON.parse(String((await agentsmith(['bulk', 'spec.yaml', '--check', '--json'], dir)).stdout)) as DriftJson;
    expect(json.files.find((file) => file.path === 'agents/hono-api.md')?.status).toBe('differs');

    const spec = await agentsmith(['check', 'agents', '--spec', 'spec.yaml', '--format', 'json'], dir);
    const messages = (JSON.parse(String(spec.stdout)) as { files: { diagnostics: { rule: string; message: string }[] }[] }).files
      .flatMap((file) => file.diagnostics)
      .filter((d) => d.rule === 'drift/spec')
      .map((d) => d.message);
    expect(messages).toEqual([expect.stringContaining(said)]);
    expect(messages[0]).toContain('run "agentsmith bulk spec.yaml --force"');

    expect((await agentsmith(['bulk', 'spec.yaml', '--force'], dir)).exitCode).toBe(0);
    expect(lstatSync(join(out, 'hono-api.md')).isFile()).toBe(true);
    expect(existsSync(join(out, 'gone.md'))).toBe(false);
  });
});

describe('the commands drift messages tell the user to run', () => {
  it('quote a spec path that holds a space (or a quote), so that the command works as printed', async () => {
    const { dir } = specIn(...THREE);
    const spaced = join(dir, "team's spec.yaml");
    writeFileSync(spaced, readFileSync(join(dir, 'spec.yaml'), 'utf8'));
    const result = await agentsmith(['bulk', "team's spec.yaml", '--check'], dir);
    expect(result.exitCode).toBe(1);
    expect(String(result.stdout)).toContain(`run "agentsmith bulk 'team'\\''s spec.yaml' --force" to regenerate them.`);
    const spec = await agentsmith(['check', '--spec', "team's spec.yaml", 'spec.yaml'], dir);
    expect(String(spec.stdout)).toContain(`run "agentsmith bulk 'team'\\''s spec.yaml'".`);
    // The command as printed, run by a shell, reads the same spec.
    const printed = /run "(agentsmith bulk [^"]+) --force"/.exec(String(result.stdout))?.[1] ?? '';
    const shell = await run('sh', ['-c', `${printed.replace('agentsmith', `node ${JSON.stringify(BIN)}`)} --dry-run`], dir);
    expect(shell.exitCode).toBe(0);
    expect(String(shell.stdout)).toContain('3 agents: 3 to create');
  });
});
