import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixRecovered, fixText } from '../../src/commands/fix.js';
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

describe('check --fix on a file that mixes CRLF and LF line endings (file/line-endings)', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());
  const MIXED = ['---', 'name: mixed', 'description: Use this agent when: the user asks.', 'model: sonnet', '---', '', 'You are a test agent.', ''];
  /** MIXED with `\r\n` ending the lines `crlf` lists (0-based), `\n` the others. */
  const mixed = (...crlf: number[]): string => MIXED.map((line, i) => (i === MIXED.length - 1 ? line : `${line}${crlf.includes(i) ? '\r\n' : '\n'}`)).join('');

  it('converts it to LF, keeping the name, and makes the frontmatter strict too when it needs the retry', () => {
    const text = mixed(0, 1, 3, 4, 5);
    expect(parseAgentFile(text).readMode).toBe('recovered');
    const result = fixText(text);
    expect(result).toEqual({ text: expect.any(String), what: 'LF line endings (it mixed CRLF and LF) and a strict frontmatter, still loads as "mixed"' });
    if (!result || !('text' in result)) return;
    const after = parseAgentFile(result.text);
    expect(after.lineEnding).toBe('lf');
    expect(after.readMode).toBe('strict');
    expect(after.body).toBe('You are a test agent.\n');
  });

  it('says when LF makes a file load that the client skipped (a ": " value on a CRLF line is never quoted by its retry)', () => {
    const text = mixed(2);
    expect(parseAgentFile(text).verdict.kind).toBe('skipped');
    expect(fixText(text)).toMatchObject({ what: 'LF line endings (it mixed CRLF and LF) and a strict frontmatter, now loads as "mixed" (Claude Code skipped it before)' });
  });

  it('leaves files of one line ending alone, CRLF ones included', () => {
    const strict = mixed().replace('when: the', 'when the');
    expect(fixText(strict)).toBeUndefined();
    expect(fixText(strict.replaceAll('\n', '\r\n'))).toBeUndefined();
  });

  it('rewrites the file through the real command, which then reports no mixed line endings', async () => {
    const made = tempDir();
    cleanup = made.cleanup;
    const agents = join(made.dir, '.claude', 'agents');
    mkdirSync(agents, { recursive: true });
    writeFileSync(join(agents, 'mixed.md'), mixed(1));
    const before = await agentsmith(['check', '--format', 'json'], made.dir);
    const rules = (run: typeof before) => (JSON.parse(String(run.stdout)) as { files: { diagnostics: { rule: string; line: number }[] }[] }).files[0]?.diagnostics;
    expect(rules(before)).toContainEqual(expect.objectContaining({ rule: 'file/line-endings', line: 2 }));
    const run = await agentsmith(['check', '--fix', '--format', 'json'], made.dir);
    expect(String(run.stderr)).toBe('fixed .claude/agents/mixed.md: LF line endings (it mixed CRLF and LF) and a strict frontmatter, still loads as "mixed"');
    expect(rules(run)?.map((d) => d.rule)).not.toContain('file/line-endings');
    expect(readFileSync(join(agents, 'mixed.md'), 'utf8')).not.toContain('\r');
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
