import { afterEach, describe, expect, it } from 'vitest';
import { agentText, removeProjects, tempProject, type JsonReport } from '../helpers/agent.js';
import { agentsmith } from '../helpers/cli.js';

afterEach(removeProjects);

/** The 1-based line of `line` in `text`. */
const lineOf = (text: string, line: string): number => text.split('\n').indexOf(line) + 1;

/** `agentsmith check --format json` in a fresh project holding these agents (and config), by file. */
async function check(files: Record<string, string>) {
  const run = await agentsmith(['check', '.claude/agents', '--format', 'json'], tempProject(files));
  const report = JSON.parse(String(run.stdout)) as JsonReport;
  return {
    exitCode: run.exitCode,
    byFile: Object.fromEntries(report.files.map((file) => [file.path.replace('.claude/agents/', ''), file.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`)])),
  };
}

describe('check, end to end: what the review of the rules fixed', () => {
  it('reports the field values the client ignores, and nothing for `tools: *`', async () => {
    const values = agentText({ name: 'values', extra: ['model: sonnet', 'color: blue', 'permissionMode: [plan]', 'background: yes'] });
    const { byFile } = await check({
      '.claude/agents/star.md': agentText({ name: 'star', extra: ['model: sonnet', 'color: blue', 'tools: "*"'] }),
      '.claude/agents/values.md': values,
    });
    expect(byFile['star.md']).toEqual([]);
    expect(byFile['values.md']).toEqual([
      `${lineOf(values, 'permissionMode: [plan]')}:1 field/permission-mode permissionMode is a list, not one value; write permissionMode: plan.`,
      `${lineOf(values, 'background: yes')}:1 field/background background "yes" is not true or false; write background: true or background: false, or remove the key.`,
    ]);
  });

  it('points a skipped or ignored file at the key the client did not read', async () => {
    const { byFile, exitCode } = await check({
      '.claude/agents/upper.md': '---\nName: upper\ndescription: Use this agent when x.\n---\nYou are.\n',
      '.claude/agents/desc.md': '---\nname: desc\nmodel: sonnet\nDescription: Use this agent when x.\n---\nYou are.\n',
    });
    expect(exitCode).toBe(1);
    expect(byFile['upper.md']).toEqual([
      '2:1 load/not-an-agent Claude Code does not treat this file as an agent: the frontmatter has no name (the key is written "Name"; the client reads only "name").',
    ]);
    expect(byFile['desc.md']?.[0]).toBe(
      '4:1 load/skipped Claude Code skips this file: Missing required "description" field in frontmatter (the key is written "Description"; the client reads only "description").',
    );
  });

  it('applies the config: a rule set to off, and a house section from the config written at level 3', async () => {
    const body = 'You are a reviewer who keeps every change small and tested.\n\n## Scope\n\nOnly the API.\n\n### Checklist\n\n- one\n';
    const text = agentText({ name: 'api', body });
    const { byFile } = await check({
      'agentsmith.config.yaml': 'sections: [Scope, Checklist]\nrules:\n  body/length: off\n',
      '.claude/agents/api.md': text,
    });
    const line = lineOf(text, '### Checklist');
    expect(byFile['api.md']).toEqual([
      `${line}:1 body/house-structure section "## Checklist" is missing: "### Checklist" (line ${line}) is a level-3 heading; make it "## Checklist".`,
    ]);
  });
});
