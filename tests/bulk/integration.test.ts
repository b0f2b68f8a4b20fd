import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeProjects, tempProject } from '../helpers/agent.js';
import { agentsmith } from '../helpers/cli.js';

/**
 * Where the commands meet: a target that is a symbolic link loop, several specs sharing one output folder,
 * a symbolic link that registers a name a second time, and the agents folder a command picks from a
 * sub-folder of the project. Each was found by running the commands together after they changed apart.
 */
afterEach(removeProjects);

const SPEC = ['out: .claude/agents/team', 'defaults: {specialty: api}', 'name: "{{fw}}-api"', 'matrix:', '  fw: [a, b]', ''].join('\n');

/** A git project with the spec written and run once. */
async function project(): Promise<string> {
  const dir = tempProject({ '.git/HEAD': 'ref: refs/heads/main\n', 's.yaml': SPEC });
  const first = await agentsmith(['bulk', 's.yaml'], dir);
  expect(first.exitCode, String(first.stderr)).toBe(0);
  return dir;
}

describe('a symbolic link loop where an agent file goes', () => {
  it('is reported by bulk, bulk --check, check --spec and new, never a crash', async () => {
    const dir = await project();
    const target = join(dir, '.claude/agents/team/b-api.md');
    rmSync(target);
    symlinkSync('b-api.md', target);
    const bulk = await agentsmith(['bulk', 's.yaml'], dir);
    expect(bulk.exitCode, String(bulk.stderr)).toBe(1);
    expect(String(bulk.stdout)).toMatch(/b-api\.md cannot be read \(symbolic link loop\), so it is not the agent file \(pass --force to replace it with the agent file\)/);
    const check = await agentsmith(['bulk', 's.yaml', '--check'], dir);
    expect(check.exitCode).toBe(1);
    expect(String(check.stdout) + String(check.stderr)).toMatch(/symbolic link loop/);
    const spec = await agentsmith(['check', '.claude/agents', '--spec', 's.yaml'], dir);
    expect([1, 2]).toContain(spec.exitCode);
    expect(String(spec.stdout) + String(spec.stderr)).toMatch(/b-api\.md/);
    const made = await agentsmith(['new', '--specialty', 'api', '--name', 'b-api', '--out', '.claude/agents/team', '--yes'], dir);
    expect(made.exitCode).toBe(1);
    expect(String(made.stderr)).toMatch(/b-api\.md already exists; pass --force/);
    // With --force the link is replaced by the agent file, as the README says.
    const forced = await agentsmith(['bulk', 's.yaml', '--force'], dir);
    expect(forced.exitCode, String(forced.stderr)).toBe(0);
    expect(readFileSync(target, 'utf8')).toMatch(/^---\nname: b-api\n/);
  });

  it('at import --out, and an --out under a file, are usage problems (exit 2)', async () => {
    const dir = await project();
    symlinkSync('loop.yaml', join(dir, 'loop.yaml'));
    writeFileSync(join(dir, 'afile'), 'x\n');
    for (const out of ['loop.yaml', 'afile/x.yaml']) {
      const result = await agentsmith(['import', '.claude/agents/team/a-api.md', '--out', out], dir);
      expect(result.exitCode, `${out}: ${String(result.stderr)}`).toBe(2);
      expect(String(result.stderr)).toMatch(/^agentsmith import: cannot write|cannot write/m);
      expect(String(result.stderr)).not.toMatch(/unexpected failure/);
    }
  });
});

describe('several specs sharing an output folder', () => {
  it('call a file an orphan only when no spec produces it', async () => {
    const dir = await project();
    writeFileSync(join(dir, 't.yaml'), SPEC.replace('[a, b]', '[c]'));
    expect((await agentsmith(['bulk', 't.yaml'], dir)).exitCode).toBe(0);
    const both = await agentsmith(['check', '.claude/agents', '--spec', 's.yaml', '--spec', 't.yaml', '--format', 'json'], dir);
    const orphans = (JSON.parse(String(both.stdout)) as { files: { path: string; diagnostics: { rule: string }[] }[] }).files.filter((file) =>
      file.diagnostics.some((d) => d.rule === 'drift/spec'),
    );
    expect(orphans).toEqual([]);
    // One spec alone still calls the other's file an orphan (a warning).
    const one = await agentsmith(['check', '.claude/agents', '--spec', 's.yaml'], dir);
    expect(String(one.stdout)).toMatch(/c-api\.md is not produced by the spec s\.yaml/);
  });
});

describe('a symbolic link that registers a name a second time', () => {
  it('is another file to new and bulk, as it is to check and the client', async () => {
    const dir = await project();
    symlinkSync('team/a-api.md', join(dir, '.claude/agents/alias.md'));
    const made = await agentsmith(['new', '--specialty', 'api', '--name', 'a-api', '--out', '.claude/agents/team', '--yes', '--force'], dir);
    expect(made.exitCode).toBe(1);
    expect(String(made.stderr)).toMatch(/already registered by .*alias\.md/);
    const bulk = await agentsmith(['bulk', 's.yaml', '--force'], dir);
    expect(bulk.exitCode).toBe(1);
    expect(String(bulk.stdout) + String(bulk.stderr)).toMatch(/alias\.md/);
  });
});

describe('the agents folder a command picks in a sub-folder of the project', () => {
  it('is the project one, for new as for check', async () => {
    const dir = await project();
    mkdirSync(join(dir, 'src', 'deep'), { recursive: true });
    const made = await agentsmith(['new', '--specialty', 'database', '--yes'], join(dir, 'src', 'deep'));
    expect(made.exitCode, String(made.stderr)).toBe(0);
    expect(readFileSync(join(dir, '.claude/agents/database-engineer.md'), 'utf8')).toMatch(/^---\nname: database-engineer\n/);
    const check = await agentsmith(['check', '--format', 'json'], join(dir, 'src', 'deep'));
    expect(String(check.stdout)).toContain('../../.claude/agents/database-engineer.md');
  });
});
