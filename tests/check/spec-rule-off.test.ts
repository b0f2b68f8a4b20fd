import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentsmith } from '../helpers/cli.js';
import { snapshot, specIn, THREE } from '../bulk/fixtures.js';

const NOTE = 'agentsmith check: note: --spec has no effect: agentsmith.config.yaml turns the rule drift/spec off';

/** A generated project whose team config turns drift/spec off. */
async function projectWithDriftOff() {
  const setup = specIn(...THREE);
  expect((await agentsmith(['bulk', 'spec.yaml'], setup.dir)).exitCode).toBe(0);
  writeFileSync(join(setup.dir, 'agentsmith.config.yaml'), 'rules:\n  drift/spec: off\n');
  return setup;
}

describe('check --spec with drift/spec off in the config', () => {
  it.each([
    ['a missing spec', 'missing.yaml', undefined, 'cannot read the spec missing.yaml: there is no such file'],
    ['a spec that is not YAML', 'broken.yaml', 'out: [agents\n', 'broken.yaml'],
    ['a spec with an unknown specialty', 'odd.yaml', 'defaults:\n  specialty: nope\nname: x\n', 'odd.yaml'],
  ])('still refuses %s (exit 2), before --fix changes a file', async (_, spec, text, message) => {
    const { dir } = await projectWithDriftOff();
    if (text !== undefined) writeFileSync(join(dir, spec), text);
    const wizard = join(dir, 'agents', 'wizard.md');
    writeFileSync(wizard, '---\nname: wizard\ndescription: Use this agent when: asked. Examples:\\n<example>\\nContext: a\\n</example>\n---\n\nYou are a wizard.\n');
    const before = snapshot(dir);
    const run = await agentsmith(['check', 'agents', '--fix', '--spec', spec], dir);
    expect(run.exitCode, String(run.stderr)).toBe(2);
    expect(String(run.stderr)).toContain(message);
    expect(String(run.stderr)).not.toContain(NOTE);
    expect(snapshot(dir)).toEqual(before);
  });

  it('says once on stderr that a good spec has no effect, and reports no drift', async () => {
    const { dir, out } = await projectWithDriftOff();
    const edited = join(out, 'express-api.md');
    writeFileSync(edited, readFileSync(edited, 'utf8').replace('You are a senior', 'You are a hand-edited'));
    const run = await agentsmith(['check', 'agents', '--format', 'json', '--spec', 'spec.yaml', '--spec', './spec.yaml'], dir);
    expect(run.exitCode, String(run.stderr)).toBe(0);
    const stderr = String(run.stderr);
    expect(stderr.split(NOTE)).toHaveLength(2);
    expect(stderr).toContain('so drift from spec.yaml is not checked (the spec was read and rendered, but no variant was checked or compared with its file). To check drift, set drift/spec to warn or error in agentsmith.config.yaml; otherwise drop --spec.');
    const report = JSON.parse(String(run.stdout)) as { files: { diagnostics: { rule: string }[] }[] };
    expect(report.files.flatMap((file) => file.diagnostics.filter((d) => d.rule === 'drift/spec'))).toEqual([]);
  });

  it('says nothing when the rule is on, or without --spec', async () => {
    const { dir } = await projectWithDriftOff();
    expect(String((await agentsmith(['check', 'agents'], dir)).stderr)).toBe('');
    writeFileSync(join(dir, 'agentsmith.config.yaml'), 'rules:\n  drift/spec: warn\n');
    const run = await agentsmith(['check', 'agents', '--spec', 'spec.yaml'], dir);
    expect(run.exitCode).toBe(0);
    expect(String(run.stderr)).toBe('');
  });
});
