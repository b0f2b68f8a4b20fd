import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/commands/check.js';
import { sarifChunks } from '../../src/report/sarif.js';
import { ruleIds } from '../../src/rules/index.js';
import { agentText, removeProjects, tempProject, type JsonReport } from '../helpers/agent.js';
import { agentsmith, BIN, run } from '../helpers/cli.js';

afterEach(removeProjects);

/** A SARIF result, as much of it as the tests read. */
interface Result {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number } } }[];
}

/** A project with one good agent, one skipped file and one file with warnings only, in .claude/agents. */
function project(extra: Record<string, string> = {}): string {
  return tempProject({
    '.claude/agents/good.md': agentText({ name: 'good' }),
    '.claude/agents/skipped.md': '---\nname: skipped\ndescription: [a, b]\n---\nYou are.\n',
    '.claude/agents/warned.md': agentText({ name: 'warned', extra: ['model: sonet'] }),
    ...extra,
  });
}

describe('--format json', () => {
  it('prints exactly the documented keys, in order, on one line', async () => {
    const run = await agentsmith(['check', '--format', 'json'], project(), { stripFinalNewline: false });
    expect(run.exitCode).toBe(1);
    expect(String(run.stdout).endsWith('}\n')).toBe(true);
    expect(String(run.stdout).trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(String(run.stdout)) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['files', 'summary']);
    const files = report.files as Record<string, unknown>[];
    for (const file of files) expect(Object.keys(file)).toEqual(['path', 'verdict', 'name', 'reason', 'diagnostics']);
    for (const d of files.flatMap((file) => file.diagnostics as Record<string, unknown>[])) {
      expect(Object.keys(d)).toEqual(['rule', 'severity', 'message', 'line', 'column']);
    }
    expect(Object.keys(report.summary as object)).toEqual(['files', 'errors', 'warnings']);
  });

  it('gives verdict, name and reason per file, and counts errors and warnings', async () => {
    const run = await agentsmith(['check', '--format', 'json'], project());
    const report = JSON.parse(String(run.stdout));
    expect(report.files).toEqual([
      { path: '.claude/agents/good.md', verdict: 'loaded', name: 'good', reason: null, diagnostics: [] },
      {
        path: '.claude/agents/skipped.md',
        verdict: 'skipped',
        name: null,
        reason: 'Missing required "description" field in frontmatter',
        diagnostics: [
          {
            rule: 'load/skipped',
            severity: 'error',
            message: 'Claude Code skips this file: Missing required "description" field in frontmatter (description is a list; write it as text, e.g. description: "Use this agent when …").',
            line: 3,
            column: 1,
          },
        ],
      },
      {
        path: '.claude/agents/warned.md',
        verdict: 'loaded',
        name: 'warned',
        reason: null,
        diagnostics: [expect.objectContaining({ rule: 'field/model', severity: 'warning', column: 1 })],
      },
    ]);
    expect(report.summary).toEqual({ files: 3, errors: 1, warnings: 1 });
  });
});

describe('--format github', () => {
  it('prints one workflow annotation per diagnostic and a summary line', async () => {
    const run = await agentsmith(['check', '--format', 'github'], project());
    const lines = String(run.stdout).trimEnd().split('\n');
    expect(lines[0]).toBe(
      '::error file=.claude/agents/skipped.md,line=3,col=1,title=agentsmith load/skipped::Claude Code skips this file: Missing required "description" field in frontmatter (description is a list; write it as text, e.g. description: "Use this agent when …").',
    );
    expect(lines[1]).toMatch(/^::warning file=\.claude\/agents\/warned\.md,line=\d+,col=1,title=agentsmith field\/model::model "sonet" is not one of /);
    expect(lines[2]).toBe('agentsmith: 3 files, 1 error, 1 warning');
    expect(lines).toHaveLength(3);
    expect(run.exitCode).toBe(1);
  });

  it('says, past 10 annotations of a kind, that GitHub shows only 10 per step', async () => {
    const many = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`.claude/agents/m${i}.md`, agentText({ name: `m${i}`, extra: ['model: sonet'] })]));
    const lines = String((await agentsmith(['check', '--format', 'github'], tempProject(many))).stdout).trimEnd().split('\n');
    const notice = lines.filter((line) => line.startsWith('::notice'));
    expect(notice).toHaveLength(1);
    expect(notice[0]).toMatch(/^::notice title=agentsmith check::GitHub shows 10 error and 10 warning annotations per step; this check found 0 errors and \d+ warnings, all listed in the step's log\./);
    // Ten or fewer of each: no notice (the test above has one of each).
    expect(String((await agentsmith(['check', '--format', 'github'], project())).stdout)).not.toContain('::notice');
  });

  it('escapes commas and colons in the file property and newlines in the message', async () => {
    const dir = project({ '.claude/agents/we,ird:name.md': '---\nname: x\ndescription: 5\n---\n' });
    const run = await agentsmith(['check', '--format', 'github', '.claude/agents/we,ird:name.md'], dir);
    expect(String(run.stdout)).toContain('::error file=.claude/agents/we%2Cird%3Aname.md,line=3,col=1,title=agentsmith load/skipped::');
    expect(String(run.stdout).trimEnd().split('\n')).toHaveLength(2);
  });
});

/**
 * A workflow command line as the Actions runner reads it (actions/runner ActionCommand.TryParseV2): the
 * command info ends at the first `::` after the leading one, properties split at `,` and then at the
 * first `=`, and each escape is undone in the runner's order, `%25` last.
 */
function runnerReads(line: string): { command: string; properties: Record<string, string>; data: string } | undefined {
  const text = line.trimStart();
  if (!text.startsWith('::')) return undefined;
  const end = text.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = text.slice(2, end);
  const space = info.indexOf(' ');
  const unescape = (value: string, map: [string, string][]) => map.reduce((out, [escaped, raw]) => out.replaceAll(escaped, raw), value);
  const DATA: [string, string][] = [['%0D', '\r'], ['%0A', '\n'], ['%25', '%']];
  const PROPERTY: [string, string][] = [['%0D', '\r'], ['%0A', '\n'], ['%3A', ':'], ['%2C', ','], ['%25', '%']];
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const pair of info.slice(space + 1).trim().split(',').filter(Boolean)) {
      const at = pair.indexOf('=');
      if (at > 0 && at < pair.length - 1) properties[pair.slice(0, at)] = unescape(pair.slice(at + 1), PROPERTY);
    }
  }
  return { command: space < 0 ? info : info.slice(0, space), properties, data: unescape(text.slice(end + 2), DATA) };
}

describe('--format github, as the Actions runner reads it', () => {
  it('gives back every file name and message exactly, whatever characters they hold', async () => {
    // Each file's name differs from its `name:`, so the message quotes the file name too.
    const names = ['a,line=9,title=x.md', 'b:c::d.md', 'e%0Af%25.md', 'two\nlines.md', 'cr\rhere.md', 'café ü=1.md', 'x%.md'];
    const dir = tempProject(Object.fromEntries(names.map((name) => [`.claude/agents/${name}`, agentText({ name: 'other' })])));
    const json = JSON.parse(String((await agentsmith(['check', '--format', 'json'], dir)).stdout)) as JsonReport;
    const expected = json.files.flatMap((file) =>
      file.diagnostics.map((d) => ({
        command: d.severity === 'error' ? 'error' : 'warning',
        properties: { file: file.path, line: String(d.line), col: String(d.column), title: `agentsmith ${d.rule}` },
        data: d.message,
      })),
    );
    expect(expected.filter((entry) => entry.data.includes('\n'))).not.toHaveLength(0);
    const lines = String((await agentsmith(['check', '--format', 'github'], dir)).stdout).trimEnd().split('\n');
    // One line per diagnostic (no name or message starts a line of its own), then the summary.
    expect(lines).toHaveLength(expected.length + 1);
    expect(lines.slice(0, -1).map(runnerReads)).toEqual(expected);
    expect(runnerReads(lines.at(-1) ?? '')).toBeUndefined();
  });

  it('writes file= from the repository root when run from a sub-folder, where the runner looks for it', async () => {
    const dir = project({ '.git/HEAD': 'ref: refs/heads/main\n', 'src/.keep': '' });
    const lines = String((await agentsmith(['check', '--format', 'github'], join(dir, 'src'))).stdout).trimEnd().split('\n');
    expect(lines.slice(0, -1).map((line) => runnerReads(line)?.properties.file)).toEqual(['.claude/agents/skipped.md', '.claude/agents/warned.md']);
  });

  it('writes a file outside the repository by its absolute path, which the runner makes relative to its workspace', async () => {
    const here = tempProject({ '.git/HEAD': 'ref: refs/heads/main\n' });
    const elsewhere = project();
    const lines = String((await agentsmith(['check', '--format', 'github', join(elsewhere, '.claude/agents')], here)).stdout).trimEnd().split('\n');
    expect(runnerReads(lines[0] ?? '')?.properties.file).toBe(join(elsewhere, '.claude/agents/skipped.md'));
  });
});

describe('--format sarif', () => {
  it('is SARIF 2.1.0 with every rule described and each result pointing at its rule', async () => {
    const run = await agentsmith(['check', '--format', 'sarif'], project());
    expect(run.exitCode).toBe(1);
    const sarif = JSON.parse(String(run.stdout));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(sarif.runs).toHaveLength(1);
    const { driver } = sarif.runs[0].tool;
    expect(driver.name).toBe('agentsmith');
    expect(driver.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(driver.rules.map((rule: { id: string }) => rule.id)).toEqual(ruleIds);
    for (const rule of driver.rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(rule.fullDescription.text.length).toBeGreaterThan(0);
      expect(rule.help.text.length).toBeGreaterThan(0);
      expect(['warning', 'error']).toContain(rule.defaultConfiguration.level);
    }
    const results = sarif.runs[0].results;
    expect(results).toHaveLength(2);
    for (const result of results) expect(driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    expect(results[0]).toEqual({
      ruleId: 'load/skipped',
      ruleIndex: ruleIds.indexOf('load/skipped'),
      level: 'error',
      message: { text: 'Claude Code skips this file: Missing required "description" field in frontmatter (description is a list; write it as text, e.g. description: "Use this agent when …").' },
      locations: [
        { physicalLocation: { artifactLocation: { uri: '.claude/agents/skipped.md', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 1 } } },
      ],
    });
    expect(results[1]).toMatchObject({ ruleId: 'field/model', level: 'warning' });
  });

  it('prints exactly what JSON.stringify prints for the same document, with and without results', async () => {
    const clean = tempProject({ '.claude/agents/good.md': agentText({ name: 'good' }) });
    for (const [dir, count] of [[project(), 2], [clean, 0]] as const) {
      const text = String((await agentsmith(['check', '--format', 'sarif'], dir, { stripFinalNewline: false })).stdout);
      const sarif = JSON.parse(text) as { runs: { results: unknown[] }[] };
      expect(sarif.runs[0]?.results).toHaveLength(count);
      expect(text).toBe(`${JSON.stringify(sarif, null, 2)}\n`);
    }
  });

  it('writes file locations as URI references from the repository root, each segment percent-encoded', async () => {
    // A space, `#`, `%`, `?`, a backslash (a name character on POSIX, not a separator), a line break, non-ASCII.
    const names = ['my agents/a #1.md', 'my agents/100%.md', 'my agents/what?.md', 'my agents/back\\slash.md', 'my agents/two\nlines.md', 'my agents/café ü.md'];
    const dir = project(Object.fromEntries(names.map((name) => [name, '---\nname: x\ndescription: 5\n---\n'])));
    const sarif = JSON.parse(String((await agentsmith(['check', '--format', 'sarif', 'my agents'], dir)).stdout));
    const locations = sarif.runs[0].results.map((result: Result) => result.locations[0]?.physicalLocation.artifactLocation);
    expect(locations.map((location: { uri: string }) => location.uri).sort()).toEqual(
      ['my%20agents/100%25.md', 'my%20agents/a%20%231.md', 'my%20agents/back%5Cslash.md', 'my%20agents/caf%C3%A9%20%C3%BC.md', 'my%20agents/two%0Alines.md', 'my%20agents/what%3F.md'],
    );
    // Each resolves, against the base it names, to the file's own file:// URL.
    const bases = sarif.runs[0].originalUriBaseIds;
    expect(bases).toEqual({ '%SRCROOT%': { uri: `${pathToFileURL(dir).href}/` } });
    const resolved = locations.map((location: { uri: string; uriBaseId: string }) => new URL(location.uri, bases[location.uriBaseId].uri).href).sort();
    expect(resolved).toEqual(names.map((name) => pathToFileURL(join(dir, name)).href).sort());
  });

  it('writes paths from the repository root when run from a sub-folder, as GitHub reads them', async () => {
    const dir = project({ '.git/HEAD': 'ref: refs/heads/main\n', 'src/deep/.keep': '' });
    const run = await agentsmith(['check', '--format', 'sarif'], join(dir, 'src', 'deep'));
    const sarif = JSON.parse(String(run.stdout));
    expect(sarif.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe(`${pathToFileURL(dir).href}/`);
    expect(sarif.runs[0].results.map((result: Result) => result.locations[0]?.physicalLocation.artifactLocation)).toEqual([
      { uri: '.claude/agents/skipped.md', uriBaseId: '%SRCROOT%' },
      { uri: '.claude/agents/warned.md', uriBaseId: '%SRCROOT%' },
    ]);
  });

  it('writes a file outside the repository (or the current folder) as an absolute file:// URI, with no uriBaseId', async () => {
    const here = tempProject({ '.keep': '' });
    const elsewhere = project({ 'my agents/a #1.md': '---\nname: x\ndescription: 5\n---\n' });
    const sarif = JSON.parse(String((await agentsmith(['check', '--format', 'sarif', join(elsewhere, 'my agents')], here)).stdout));
    // The temp folder's name needs no escaping, so the URI can be written out by hand.
    expect(elsewhere).toMatch(/^\/[\w/.-]+$/);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: `file://${elsewhere}/my%20agents/a%20%231.md` });
  });

  it('keeps to what the SARIF 2.1.0 spec and GitHub code scanning ask of a log', async () => {
    const dir = project({ '.claude/agents/wide.md': agentText({ name: 'wide', extra: ['tools: Read, \u{1F600}, Foo'] }) });
    const sarif = JSON.parse(String((await agentsmith(['check', '--format', 'sarif'], dir)).stdout));
    const [run] = sarif.runs;
    const { driver } = run.tool;
    // Columns are UTF-16 code units, and a run with results says so (SARIF 3.14.27: it SHALL).
    expect(run.columnKind).toBe('utf16CodeUnits');
    const foo = run.results.find((result: Result) => result.message.text.includes('"Foo"'));
    // `tools: Read, 😀, Foo`: Foo starts at code unit 18 (the emoji is two), code point 17.
    expect(foo.locations[0].physicalLocation.region).toEqual({ startLine: expect.any(Number), startColumn: 18 });
    // GitHub: a rule's descriptions are required and shown up to 1,024 characters; help.text is required.
    for (const rule of driver.rules) {
      for (const text of [rule.shortDescription.text, rule.fullDescription.text]) expect(text.length).toBeGreaterThan(0), expect(text.length).toBeLessThanOrEqual(1024);
      expect(rule.help.text.length).toBeGreaterThan(0);
      expect(['note', 'warning', 'error']).toContain(rule.defaultConfiguration.level);
    }
    expect(new Set(driver.rules.map((rule: { id: string }) => rule.id)).size).toBe(driver.rules.length);
    // No informationUri: the npm page of the name "agentsmith" is another package's.
    expect(driver.informationUri).toBeUndefined();
    for (const result of run.results) {
      expect(driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(['none', 'note', 'warning', 'error']).toContain(result.level);
      expect(result.message.text.length).toBeGreaterThan(0);
      expect(result.locations).toHaveLength(1);
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      expect(Number.isInteger(region.startLine) && region.startLine >= 1).toBe(true);
      expect(Number.isInteger(region.startColumn) && region.startColumn >= 1).toBe(true);
      // A relative reference names a base the run resolves, whose URI ends with a slash (SARIF 3.14.14).
      expect(run.originalUriBaseIds[artifactLocation.uriBaseId].uri).toMatch(/^file:\/\/\/.*\/$/);
    }
  });

  it('leaves ruleIndex out for a rule the driver does not describe, rather than pointing at another rule', () => {
    const diagnostic = { rule: 'someone/else', severity: 'error', message: 'm', line: 1, column: 1 };
    const result = { files: [{ path: 'a.md', verdict: 'loaded', diagnostics: [diagnostic] }], summary: { files: 1, errors: 1, warnings: 0 } } as unknown as CheckResult;
    const sarif = JSON.parse(Buffer.concat([...sarifChunks(result, '0.0.0')]).toString('utf8'));
    expect(sarif.runs[0].results[0].ruleId).toBe('someone/else');
    expect(sarif.runs[0].results[0]).not.toHaveProperty('ruleIndex');
  });
});

describe('--format stylish (the default)', () => {
  it('lists the files with problems, one line per diagnostic, then a summary with the verdicts', async () => {
    const run = await agentsmith(['check'], project());
    const lines = String(run.stdout).split('\n');
    expect(lines[0]).toBe('.claude/agents/skipped.md');
    expect(lines[1]).toBe('  3:1     error    Claude Code skips this file: Missing required "description" field in frontmatter (description is a list; write it as text, e.g. description: "Use this agent when …").  load/skipped');
    expect(lines[3]).toBe('.claude/agents/warned.md');
    expect(lines[4]).toMatch(/^ {2}\d+:1 +warning {2}model "sonet" .* field\/model$/);
    expect(String(run.stdout)).toContain('✖ 2 problems (1 error, 1 warning) in 3 files: 2 loaded by Claude Code, 1 skipped, 0 not agents.');
    expect(String(run.stdout)).not.toContain('good.md');
    expect(String(run.stdout)).not.toContain('\u001b[');
  });

  it('shows a file\'s diagnostics by line, name/duplicate among them', async () => {
    const short = agentText({ name: 'twin', body: 'You are short.' });
    const dir = tempProject({ 'a/twin.md': short, 'b/twin.md': agentText({ name: 'twin' }) });
    const lines = String((await agentsmith(['check', 'a', 'b'], dir)).stdout).split('\n');
    const first = lines.slice(1, lines.indexOf(''));
    const positions = first.map((line) => (/^ {2}(\d+):(\d+)/.exec(line) ?? []).slice(1).map(Number));
    expect(first.some((line) => line.endsWith('name/duplicate'))).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0)));
    const json = JSON.parse(String((await agentsmith(['check', '--format', 'json', 'a', 'b'], dir)).stdout));
    expect(json.files[0].diagnostics.at(-1).rule).toBe('name/duplicate');
  });

  it('writes control characters in file names and messages as escapes, so they cannot fake report lines', async () => {
    // A name quoted in a message ("name … differs from the file name …") and the path itself hold a line break and an escape code.
    const dir = tempProject({ '.claude/agents/two\nlines\u001b[31m.md': agentText({ name: 'other' }), '.claude/agents/c1\u009b31m\u202eb.md': agentText({ name: 'c1' }) });
    const run = await agentsmith(['check'], dir);
    const lines = String(run.stdout).split('\n');
    const at = lines.indexOf('.claude/agents/two\\nlines\\u001b[31m.md');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(lines[at + 1]).toMatch(/^ {2}2:1 +warning {2}name "other" differs from the file name "two\\nlines\\u001b\[31m\.md"/);
    expect(String(run.stdout)).not.toContain('\u001b');
    expect(lines[at + 2]).toBe('');
    // A C1 control (U+009B starts a terminal sequence on its own) and a right-to-left override are escaped too.
    expect(String(run.stdout)).toContain('.claude/agents/c1\\u009b31m\\u202eb.md\n');
    expect(String(run.stdout)).not.toMatch(/[\u009b\u202e]/);
  });

  it('says there are no problems when there are none', async () => {
    const run = await agentsmith(['check'], tempProject({ '.claude/agents/good.md': agentText({ name: 'good' }) }));
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe('✔ no problems in 1 file: 1 loaded by Claude Code, 0 skipped, 0 not agents.');
  });
});

describe('a long report into a pipe that reads slowly', () => {
  it('is whole in every format (the chunks wait for stdout to drain, and their memory is filled again only once written)', async () => {
    const files: Record<string, string> = {};
    // About 1,500 files: a JSON report of about 40 chunks, which a stalled pipe (64 KB) cannot take at once.
    for (let i = 0; i < 1500; i++) files[`.claude/agents/a-${i}.md`] = agentText({ name: `agent-${i % 400}`, extra: ['model: sonet'] });
    const dir = tempProject(files);
    for (const format of ['json', 'stylish', 'github']) {
      const direct = await agentsmith(['check', '--format', format], dir);
      // The shell's consumer reads nothing for a second, then all of it.
      const slow = await run('sh', ['-c', `node "${BIN}" check --format ${format} | (sleep 1; cat)`], dir);
      expect(String(direct.stdout).length, format).toBeGreaterThan(format === 'json' ? 1_000_000 : 100_000);
      expect(slow.stdout === direct.stdout, format).toBe(true);
    }
  });
});
