import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixRecovered } from '../../src/commands/fix.js';
import { parseAgentFile } from '../../src/parser/index.js';
import { agentsmith, tempDir } from '../helpers/cli.js';
import { corpusDir, SKIP_NOTE } from '../helpers/corpus.js';

const corpus = corpusDir();
if (!corpus) console.warn(SKIP_NOTE);
const WIZARD = `---
name: wizard-made
description: Use this agent when the API is slow. Examples:\\n\\n<example>\\nContext: a slow endpoint\\nuser: "fix it"\\nassistant: "I'll use the wizard-made agent"\\n</example>
model: sonnet
---

You are a careful engineer.
`;


/** A project folder whose .claude/agents holds the wizard-made agent (loaded only by the client's retry); its agents folder. */
function projectWithWizard(dir: string): string {
  const agents = join(dir, '.claude', 'agents');
  mkdirSync(agents, { recursive: true });
  writeFileSync(join(agents, 'wizard-made.md'), WIZARD);
  return agents;
}
describe('check --fix', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('turns a wizard file strict, with real line breaks in the description, and changes nothing else', () => {
    const result = fixRecovered(WIZARD);
    expect(result.fixed).toBe(true);
    if (!result.fixed) return;
    const before = parseAgentFile(WIZARD);
    const after = parseAgentFile(result.text);
    expect(before.readMode).toBe('recovered');
    expect(after.readMode).toBe('strict');
    expect(after.verdict).toEqual(before.verdict);
    expect(after.description).toBe(before.description);
    expect(after.frontmatter.description).toContain('\n<example>\n');
    expect(after.body).toBe(before.body);
    // Only the description line changed.
    const changed = WIZARD.split('\n').filter((line, i) => line !== result.text.split('\n')[i]);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatch(/^description: /);
  });

  it('leaves strict files alone', () => {
    const strict = WIZARD.replace(/description: .*/, 'description: "Use this agent when the API is slow."');
    expect(fixRecovered(strict)).toEqual({ fixed: false, reason: 'the frontmatter is already strict' });
  });

  it.skipIf(!corpus)('fixes every recovered corpus file: strict after, same verdict, name and body', () => {
    const rows = readFileSync(join(corpus ?? '', 'ORACLE.tsv'), 'utf8').trim().split('\n').map((line) => line.split('\t')[0] ?? '');
    let fixed = 0;
    for (const path of rows) {
      const text = readFileSync(join(corpus ?? '', path), 'utf8');
      const before = parseAgentFile(text);
      if (before.readMode !== 'recovered') continue;
      const result = fixRecovered(text);
      expect(result.fixed, path).toBe(true);
      if (!result.fixed) continue;
      const after = parseAgentFile(result.text);
      expect(after.readMode, path).toBe('strict');
      expect(after.verdict, path).toEqual(before.verdict);
      expect(after.body, path).toBe(before.body);
      expect(after.description, path).toBe(before.description);
      fixed++;
    }
    expect(fixed).toBeGreaterThanOrEqual(31);
  });

  it('rewrites files in place through the real command and reports each one', async () => {
    const made = tempDir();
    cleanup = made.cleanup;
    const agents = projectWithWizard(made.dir);
    const run = await agentsmith(['check', '--fix', '--format', 'json'], made.dir);
    expect(run.stderr).toContain('fixed .claude/agents/wizard-made.md');
    const report = JSON.parse(String(run.stdout)) as { files: { diagnostics: { rule: string }[] }[] };
    expect(report.files[0]?.diagnostics.map((d) => d.rule)).not.toContain('load/recovered');
    expect(parseAgentFile(readFileSync(join(agents, 'wizard-made.md'), 'utf8')).readMode).toBe('strict');
    expect(readdirSync(agents)).toEqual(['wizard-made.md']);
  });
});

describe('check --fix with a spec that cannot be used', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it.each([
    ['a missing spec', undefined, 'cannot read the spec missing.yaml: there is no such file; check the path.'],
    ['a spec that defines no agents', 'defaults:\n  specialty: api\n', 'the spec defines no agents'],
    ['a spec with an unknown key', 'agents:\n  - { specialty: api, name: a }\nmodle: opus\n', 'modle'],
  ])('refuses %s before rewriting any file (exit 2, the file as it was)', async (_, spec, message) => {
    const made = tempDir();
    cleanup = made.cleanup;
    const agents = projectWithWizard(made.dir);
    if (spec !== undefined) writeFileSync(join(made.dir, 'missing.yaml'), spec);
    const run = await agentsmith(['check', '--fix', '--spec', 'missing.yaml'], made.dir);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(String(run.stderr)).toContain(message);
    expect(String(run.stderr)).not.toContain('fixed');
    expect(readFileSync(join(agents, 'wizard-made.md'), 'utf8')).toBe(WIZARD);
  });

  it("refuses a spec the team's template cannot render before rewriting any file", async () => {
    const made = tempDir();
    cleanup = made.cleanup;
    const agents = projectWithWizard(made.dir);
    mkdirSync(join(made.dir, 'templates'), { recursive: true });
    writeFileSync(join(made.dir, 'templates', 'agent.md.hbs'), '{{frontmatter}}\n{{nosuch}}\n');
    writeFileSync(join(made.dir, 'agentsmith.config.yaml'), 'templates: ./templates\n');
    writeFileSync(join(made.dir, 'agents.yaml'), 'agents:\n  - { specialty: api, name: api-one }\n');
    const run = await agentsmith(['check', '--fix', '--spec', 'agents.yaml'], made.dir);
    expect(run.exitCode).toBe(2);
    expect(String(run.stderr)).toContain('"nosuch" is not a value the templates get');
    expect(String(run.stderr)).not.toContain('fixed');
    expect(readFileSync(join(agents, 'wizard-made.md'), 'utf8')).toBe(WIZARD);
  });
});
