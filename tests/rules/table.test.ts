import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRules, ruleIds, rules } from '../../src/rules/index.js';
import defaults from '../../src/rules/defaults.json' with { type: 'json' };
import { rulesTable } from '../../src/rules/table.js';
import { repoRoot } from '../helpers/corpus.js';

describe('the rules table', () => {
  it('is what docs/rules.md holds (regenerate with `node bin/agentsmith.cjs rules > docs/rules.md`)', () => {
    expect(readFileSync(join(repoRoot, 'docs', 'rules.md'), 'utf8')).toBe(rulesTable());
  });

  it('lists the colors and models the code allows, in the table and in the README', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    expect(rulesTable()).toContain('Pick one of red, blue, green, yellow, purple, orange, pink, cyan, magenta (or set config `colors`).');
    expect(readme).toContain(`colors: [${defaults.colors.join(', ')}]`);
    expect(readme).toContain(`models: [${defaults.models.join(', ')}]`);
    expect(defaults.colors).toContain('magenta');
  });

  it('has one row per rule, each id once', () => {
    const table = rulesTable();
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    for (const id of ruleIds) expect(table.split('\n').filter((row) => row.startsWith(`| \`${id}\` |`))).toHaveLength(1);
  });

  it('documents every rule with a summary, a reason, an example and a fix', () => {
    for (const rule of [...rules, ...projectRules]) {
      expect(rule.id).toMatch(/^[a-z]+\/[a-z-]+$/);
      expect(['warn', 'error']).toContain(rule.defaultSeverity);
      for (const text of [rule.summary, rule.why, rule.bad, rule.fix]) expect(text.trim().length).toBeGreaterThan(5);
    }
  });

  it('escapes pipes and newlines so each rule stays on one table row', () => {
    const rows = rulesTable()
      .split('\n')
      .filter((row) => row.startsWith('| `'));
    expect(rows).toHaveLength(ruleIds.length);
    for (const row of rows) expect(row.replaceAll('\\|', '').split('|')).toHaveLength(8);
  });
});
