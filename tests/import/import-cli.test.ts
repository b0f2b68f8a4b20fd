import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseAgentFile } from '../../src/parser/index.js';
import { agentsmith, useTempFolders } from '../helpers/cli.js';

const folder = useTempFolders();

/** A small agent file the client loads. */
function agent(name: string, extra = ''): string {
  return `---\nname: ${name}\ndescription: Use this agent when the tests need an agent named ${name}.\n${extra}---\n\nYou are the ${name} agent.\n`;
}

/** Writes files (path → text) under a fresh folder; returns the folder. */
function tree(files: Record<string, string>): string {
  const dir = folder();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

interface Spec {
  agents: { name: string; tools?: unknown; frontmatter?: Record<string, unknown> }[];
}

describe('agentsmith import: where it reads and writes', () => {
  it('explains a --out whose folder is missing (exit 2), with no stack trace', async () => {
    const dir = tree({ 'a.md': agent('alpha') });
    const result = await agentsmith(['import', 'a.md', '--out', 'nodir/x.yaml'], dir);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toContain('cannot write nodir/x.yaml: the folder nodir does not exist');
    expect(String(result.stderr)).not.toMatch(/unexpected failure|at .*\.js:\d+/);
    expect(readdirSync(dir)).toEqual(['a.md']);
  });

  it('refuses a --out that is a folder, even with --force', async () => {
    const dir = tree({ 'a.md': agent('alpha'), 'specs/keep.txt': 'x' });
    const result = await agentsmith(['import', 'a.md', '--out', 'specs', '--force'], dir);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toContain('cannot write specs: it is a folder');
    expect(readdirSync(join(dir, 'specs'))).toEqual(['keep.txt']);
  });

  it('imports a folder recursively, leaving out documents that are not agents', async () => {
    const dir = tree({ 'agents/a.md': agent('alpha'), 'agents/team/b.md': agent('beta'), 'agents/README.md': '# Our agents\n' });
    const result = await agentsmith(['import', 'agents', '--out', 'spec.yaml'], dir);
    expect(result.exitCode).toBe(0);
    const spec = parse(readFileSync(join(dir, 'spec.yaml'), 'utf8')) as Spec;
    expect(spec.agents.map((entry) => entry.name)).toEqual(['alpha', 'beta']);
    expect(String(result.stderr)).toContain('1 file in the folders given is not an agent');
  });

  it('names a file of a folder that opens a frontmatter block but is no agent to the client (unclosed, no name, over 1 MiB), with the reason', async () => {
    const dir = tree({
      'agents/a.md': agent('alpha'),
      'agents/README.md': '# Our agents\n',
      'agents/unclosed.md': '---\nname: beta\ndescription: Use this agent when the fence is missing.\nYou are beta.\n',
      'agents/big.md': `${agent('gamma')}${'x'.repeat(1 << 20)}\n`,
    });
    const result = await agentsmith(['import', 'agents', '--out', 'spec.yaml'], dir);
    expect(result.exitCode).toBe(0);
    const stderr = String(result.stderr);
    expect(stderr).toContain('agents/unclosed.md: left out: Claude Code does not take it for an agent (the frontmatter block is not closed by a second ---); "agentsmith check" explains.');
    expect(stderr).toContain('agents/big.md: left out: Claude Code does not take it for an agent (the file has more than 1048576 bytes; Claude Code ignores agent files over 1 MiB)');
    expect(stderr).toContain('1 file in the folders given is not an agent (no frontmatter block) and left out.');
    expect((parse(readFileSync(join(dir, 'spec.yaml'), 'utf8')) as Spec).agents.map((entry) => entry.name)).toEqual(['alpha']);
  });

  it('takes a Markdown file that opens with a horizontal rule (----, ---x) for a document, as the client does (no frontmatter block), not for an unclosed agent', async () => {
    const dir = tree({
      'agents/a.md': agent('alpha'),
      'agents/notes.md': '----\n\n# Notes\n\nSome text.\n',
      'agents/dashes.md': '----\nname: beta\ndescription: Use this agent when four dashes open it.\n---\n\nYou are beta.\n',
      'agents/word.md': '---x\nname: gamma\ndescription: Use this agent when a word follows the dashes.\n---\n\nYou are gamma.\n',
      'agents/spaced.md': '\ufeff---  \r\nname: delta\r\ndescription: Use this agent when the fence has trailing blanks.\r\n---\r\n\r\nYou are delta.\r\n',
    });
    const result = await agentsmith(['import', 'agents', '--out', 'spec.yaml'], dir);
    expect(result.exitCode).toBe(0);
    const stderr = String(result.stderr);
    expect(stderr).not.toContain('left out:');
    expect(stderr).not.toContain('not closed');
    expect(stderr).toContain('3 files in the folders given are not an agent (no frontmatter block) and left out.');
    expect((parse(readFileSync(join(dir, 'spec.yaml'), 'utf8')) as Spec).agents.map((entry) => entry.name)).toEqual(['alpha', 'delta']);
  });

  it('does not import a file that is not UTF-8 (its bytes would become U+FFFD in the spec for good): names it and the first bad byte, exit 1, imports the others', async () => {
    const dir = tree({ 'agents/a.md': agent('alpha') });
    writeFileSync(join(dir, 'agents', 'latin.md'), Buffer.from('---\nname: latin\ndescription: Use this agent when caf\xe9 is Latin-1.\n---\n\nYou are caf\xe9.\n', 'latin1'));
    const result = await agentsmith(['import', 'agents', '--out', 'spec.yaml'], dir);
    expect(result.exitCode).toBe(1);
    expect(String(result.stderr)).toContain('agentsmith import: agents/latin.md: not imported: not valid UTF-8 (first bad byte at line 3, column 37)');
    const text = readFileSync(join(dir, 'spec.yaml'), 'utf8');
    expect(text).not.toContain('\uFFFD');
    expect((parse(text) as Spec).agents.map((entry) => entry.name)).toEqual(['alpha']);
  });

  it('imports a file given twice once, and says so', async () => {
    const dir = tree({ 'agents/a.md': agent('alpha') });
    const result = await agentsmith(['import', 'agents/a.md', 'agents', '--out', 'spec.yaml'], dir);
    expect(result.exitCode).toBe(0);
    expect(String(result.stderr)).toContain('warning: agents/a.md is given more than once; imported once.');
    expect((parse(readFileSync(join(dir, 'spec.yaml'), 'utf8')) as Spec).agents).toHaveLength(1);
  });

  it('warns when two agents end up with one name (the client keeps only one)', async () => {
    const dir = tree({ 'one.md': agent('Historian'), 'two.md': agent('historian') });
    const result = await agentsmith(['import', 'one.md', 'two.md', '--out', 'spec.yaml'], dir);
    expect(String(result.stderr)).toContain('warning: one.md ("Historian"), two.md ("historian") all become the agent "historian"');
  });

  it('lists the originals that bulk would leave beside their renamed copies', async () => {
    const dir = tree({ '.claude/agents/Historian.md': agent('Historian'), '.claude/agents/scribe.md': agent('scribe') });
    const result = await agentsmith(['import', '.claude/agents', '--out', 'agents.yaml'], dir);
    expect(result.exitCode).toBe(0);
    const stderr = String(result.stderr);
    expect(stderr).toContain('note: bulk will write 1 agent under a new file name, and the original stays in place');
    expect(stderr).toContain('  .claude/agents/Historian.md (bulk writes .claude/agents/historian.md)');
    expect(stderr).not.toContain('scribe.md (bulk');
    expect(stderr).not.toContain('to keep sub-folders');
  });
});

describe('agentsmith import → bulk: the agents go back where they came from', () => {
  it('writes out: for a spec kept in another folder, so bulk regenerates the project\'s agents, not specs/.claude/agents', async () => {
    const dir = tree({ '.claude/agents/scribe.md': agent('scribe'), 'specs/.keep': '' });
    expect((await agentsmith(['import', '.claude/agents', '--out', 'specs/agents.yaml'], dir)).exitCode).toBe(0);
    expect(parse(readFileSync(join(dir, 'specs', 'agents.yaml'), 'utf8'))).toMatchObject({ out: '../.claude/agents' });
    const bulk = await agentsmith(['bulk', 'specs/agents.yaml', '--force'], dir);
    expect(bulk.exitCode).toBe(0);
    expect(readdirSync(join(dir, 'specs'))).toEqual(['.keep', 'agents.yaml']);
    expect(parseAgentFile(readFileSync(join(dir, '.claude', 'agents', 'scribe.md'), 'utf8')).verdict).toMatchObject({ kind: 'loaded', name: 'scribe' });
  });

  it('imports tools: * (every tool, loaded through the retry) as no tools line, which bulk renders; and names a changed name on stderr', async () => {
    const dir = tree({ '.claude/agents/scribe.md': agent('scribe', 'tools: *\n'), '.claude/agents/Clerk.md': agent('Clerk Two'), 'specs/.keep': '' });
    const imported = await agentsmith(['import', '.claude/agents', '--out', 'specs/agents.yaml'], dir);
    const stderr = String(imported.stderr);
    expect(stderr).toContain('scribe.md:4: tools "*" gives the agent every tool; the spec leaves tools out');
    expect(stderr).toMatch(/Clerk\.md:2: name "Clerk Two" becomes "clerk-two" in the spec .*change whatever calls it "Clerk Two"\./);
    const spec = parse(readFileSync(join(dir, 'specs', 'agents.yaml'), 'utf8')) as Spec;
    expect(spec.agents.find((entry) => entry.name === 'scribe')?.tools).toBe('');
    renameSync(join(dir, '.claude', 'agents', 'Clerk.md'), join(dir, 'Clerk.md'));
    const bulk = await agentsmith(['bulk', 'specs/agents.yaml', '--force'], dir);
    expect(bulk.exitCode).toBe(0);
    const scribe = parseAgentFile(readFileSync(join(dir, '.claude', 'agents', 'scribe.md'), 'utf8'));
    expect(scribe.verdict).toMatchObject({ kind: 'loaded', name: 'scribe' });
    expect(scribe.frontmatter.tools).toBeUndefined();
  });

  it('keeps a sub-folder of the agents folder as out, and writes no out for a spec at the project root', async () => {
    const dir = tree({ '.claude/agents/team/scribe.md': agent('scribe') });
    await agentsmith(['import', '.claude/agents/team', '--out', 'team.yaml'], dir);
    expect(parse(readFileSync(join(dir, 'team.yaml'), 'utf8'))).toMatchObject({ out: '.claude/agents/team' });
    await agentsmith(['import', '.claude/agents', '--out', 'all.yaml'], dir);
    expect(parse(readFileSync(join(dir, 'all.yaml'), 'utf8'))).not.toHaveProperty('out');
  });

  it('takes a sub-folder named "..x" as inside its folder, not above it', async () => {
    const dir = tree({ '.claude/agents/team/scribe.md': agent('scribe'), '.claude/agents/team/..x/clerk.md': agent('clerk') });
    await agentsmith(['import', '.claude/agents/team', '.claude/agents/team/..x', '--out', 'team.yaml'], dir);
    expect(parse(readFileSync(join(dir, 'team.yaml'), 'utf8'))).toMatchObject({ out: '.claude/agents/team' });
  });

  it('sends agents imported from outside any .claude/agents to the project\'s agents folder', async () => {
    const dir = tree({ 'vendor/collection/scribe.md': agent('scribe'), '.claude/agents/.keep': '', 'specs/.keep': '' });
    await agentsmith(['import', 'vendor', '--out', 'specs/vendor.yaml'], dir);
    expect(parse(readFileSync(join(dir, 'specs', 'vendor.yaml'), 'utf8'))).toMatchObject({ out: '../.claude/agents' });
  });

  it('lists the originals to move out before bulk, which refuses names they still register; after that, bulk writes every agent once', async () => {
    const dir = tree({
      '.claude/agents/Historian.md': agent('Historian'),
      '.claude/agents/api.md': agent('api-developer'),
      '.claude/agents/team/scribe.md': agent('scribe'),
      '.claude/agents/keeper.md': agent('keeper'),
    });
    const imported = await agentsmith(['import', '.claude/agents', '--out', 'agents.yaml'], dir);
    const stderr = String(imported.stderr);
    expect(stderr).toContain('Before running bulk, move out of the agents folder (the spec holds their text):');
    expect(stderr).toContain('A spec writes its agents into one folder (.claude/agents); to keep sub-folders, import each one into a spec of its own');
    const listed = [...stderr.matchAll(/^ {2}(\S+) \(bulk writes /gm)].map((match) => match[1] ?? '');
    expect(listed.sort()).toEqual(['.claude/agents/Historian.md', '.claude/agents/api.md', '.claude/agents/team/scribe.md']);
    // In the other order, bulk refuses: api.md and team/scribe.md still register api-developer and scribe.
    const early = await agentsmith(['bulk', 'agents.yaml', '--force'], dir);
    expect(early.exitCode).toBe(1);
    expect(String(early.stdout)).toMatch(/the name "scribe" is already registered by \.claude\/agents\/team\/scribe\.md/);
    mkdirSync(join(dir, 'old'));
    for (const path of listed) renameSync(join(dir, path), join(dir, 'old', path.replaceAll('/', '_')));
    expect((await agentsmith(['bulk', 'agents.yaml', '--force'], dir)).exitCode).toBe(0);
    const check = await agentsmith(['check', '--format', 'json'], dir);
    const names = (JSON.parse(String(check.stdout)) as { files: { name: string | null }[] }).files.map((file) => file.name);
    expect(names.sort()).toEqual(['api-developer', 'historian', 'keeper', 'scribe']);
  });
});

describe('agentsmith import and a file Claude Code skips', () => {
  it('says how to fix a * that opens a value (an alias with no name), and where', async () => {
    const dir = tree({ 'a.md': agent('alpha', 'tools:\n  - *\n  - Read\n') });
    const result = await agentsmith(['import', 'a.md'], dir);
    expect(result.exitCode).not.toBe(0);
    expect(String(result.stderr)).toContain(
      "agentsmith import: a.md: not imported: Claude Code does not load it (skipped: failed to parse and was ignored: YAML Parse error: Unexpected character). Fix it first: on line 5, write the value in quotes: '*' (a lone * is an alias with no name to YAML); \"agentsmith check\" explains.",
    );
  });
});

describe('agentsmith import keeps an explicit empty tools list', () => {
  it('imports tools: [] and disallowedTools: [] so that bulk renders them again (never "every tool")', async () => {
    const dir = tree({ 'agents/quiet.md': agent('quiet', 'tools: []\ndisallowedTools: []\n') });
    expect((await agentsmith(['import', 'agents', '--out', 'spec.yaml'], dir)).exitCode).toBe(0);
    const spec = parse(readFileSync(join(dir, 'spec.yaml'), 'utf8')) as Spec;
    expect(spec.agents[0]).toMatchObject({ tools: [], frontmatter: { disallowedTools: [] } });
    writeFileSync(join(dir, 'spec.yaml'), `out: generated\n${readFileSync(join(dir, 'spec.yaml'), 'utf8')}`);
    expect((await agentsmith(['bulk', 'spec.yaml'], dir)).exitCode).toBe(0);
    const text = readFileSync(join(dir, 'generated', 'quiet.md'), 'utf8');
    expect(text).toMatch(/^tools: \[\]$/m);
    expect(text).toMatch(/^disallowedTools: \[\]$/m);
    expect(parseAgentFile(text).verdict).toMatchObject({ kind: 'loaded', name: 'quiet' });
  });

  it('imports an empty tools string as tools: [] (the client reads it as no tool), with a note: leaving it out would give every tool', async () => {
    const dir = tree({ 'a.md': agent('alpha', 'tools: ""\n') });
    const result = await agentsmith(['import', 'a.md'], dir);
    expect(result.exitCode).toBe(0);
    expect((parse(String(result.stdout)) as Spec).agents[0]?.tools).toEqual([]);
    expect(String(result.stdout)).toContain('# line 4: tools "" names no tool, which gives the agent no tool: the spec has tools: []');
    expect(String(result.stderr)).toContain('agentsmith import: warning: a.md:4: tools "" names no tool');
  });

  // Measured with the real client (2.1.328, the request it sends with --agent): tools: with no value, tools: ~,
  // tools: "", tools: [] all send no tool, where leaving tools out sends every one.
  it.each(['tools:', 'tools: ~'])('imports %s (empty) as tools: [], as the client gives it no tool, never "every tool"', async (line) => {
    const dir = tree({ 'a.md': agent('alpha', `${line}\n`) });
    const result = await agentsmith(['import', 'a.md', '--out', 'spec.yaml'], dir);
    expect(result.exitCode).toBe(0);
    const text = readFileSync(join(dir, 'spec.yaml'), 'utf8');
    expect((parse(text) as Spec).agents[0]?.tools).toEqual([]);
    const said = 'tools is empty, which gives the agent no tool: the spec has tools: [] (leaving it out would give every tool).';
    expect(text).toContain(`# line 4: ${said}`);
    expect(String(result.stderr)).toContain(`agentsmith import: warning: a.md:4: ${said}`);
    writeFileSync(join(dir, 'spec.yaml'), `out: generated\n${text}`);
    expect((await agentsmith(['bulk', 'spec.yaml'], dir)).exitCode).toBe(0);
    expect(readFileSync(join(dir, 'generated', 'alpha.md'), 'utf8')).toMatch(/^tools: \[\]$/m);
  });

  it('says which tools entries are not tool names (a number, a boolean) and where, and keeps the ones the client reads', async () => {
    const dir = tree({ 'a.md': agent('alpha', 'model: sonnet\ntools: [Read, 5, true]\n') });
    const result = await agentsmith(['import', 'a.md', '--out', 'spec.yaml'], dir);
    expect(result.exitCode).toBe(0);
    const text = readFileSync(join(dir, 'spec.yaml'), 'utf8');
    expect((parse(text) as Spec).agents[0]?.tools).toBe('Read');
    const said = 'line 5: tools holds 5 (a number), true (a boolean), which are not tool names; Claude Code ignores them and the spec keeps Read.';
    expect(text).toContain(`# ${said}`);
    expect(String(result.stderr)).toContain(`agentsmith import: warning: a.md:5: ${said.slice('line 5: '.length)}`);
  });

  it('imports tools that hold no string at all ([5], 7, false) as tools: [] (no tool, as the client reads them), never "every tool"', async () => {
    const dir = tree({ 'a.md': agent('alpha', 'tools: [5]\n'), 'b.md': agent('beta', 'tools: 7\n'), 'c.md': agent('gamma', 'tools: false\n') });
    const result = await agentsmith(['import', 'a.md', 'b.md', 'c.md', '--out', 'spec.yaml'], dir);
    expect(result.exitCode).toBe(0);
    const spec = parse(readFileSync(join(dir, 'spec.yaml'), 'utf8')) as Spec;
    expect(spec.agents.map((entry) => entry.tools)).toEqual([[], [], []]);
    for (const [file, value] of [['a.md', '5 (a number)'], ['b.md', '7 (a number)'], ['c.md', 'false (a boolean)']]) {
      expect(String(result.stderr)).toContain(`agentsmith import: warning: ${file}:4: tools holds ${value}, which is not a tool name; Claude Code ignores it and no tool is left, so the spec has tools: []`);
    }
    writeFileSync(join(dir, 'spec.yaml'), `out: generated\n${readFileSync(join(dir, 'spec.yaml'), 'utf8')}`);
    expect((await agentsmith(['bulk', 'spec.yaml'], dir)).exitCode).toBe(0);
    expect(readFileSync(join(dir, 'generated', 'alpha.md'), 'utf8')).toMatch(/^tools: \[\]$/m);
  });
});

describe('agentsmith import and values the client does not read', () => {
  it('leaves out a model or color that is not a string (model: 5, color: [red, blue]), saying so, instead of inventing "5" or "red,blue"', async () => {
    const dir = tree({ 'a.md': agent('alpha', 'model: 5\ncolor: [red, blue]\n') });
    const result = await agentsmith(['import', 'a.md', '--out', 'spec.yaml'], dir);
    expect(result.exitCode).toBe(0);
    const spec = parse(readFileSync(join(dir, 'spec.yaml'), 'utf8')) as { agents: { model: string; color: string }[] };
    expect(spec.agents[0]).toMatchObject({ model: '', color: '' });
    expect(String(result.stderr)).toContain("agentsmith import: warning: a.md:4: model holds 5 (a number), not a string, so Claude Code does not read it (the agent uses the session's model)");
    expect(String(result.stderr)).toContain('agentsmith import: warning: a.md:5: color holds ["red","blue"] (a list), not a string');
  });
});

describe('agentsmith import refuses outputs that would lose something', () => {
  it('refuses --out "" instead of printing to stdout', async () => {
    const dir = tree({ 'g.md': agent('g') });
    const result = await agentsmith(['import', 'g.md', '--out', ''], dir);
    expect(result.exitCode).toBe(2);
    expect(String(result.stdout)).toBe('');
    expect(String(result.stderr)).toMatch(/--out "": the spec file name is empty/);
  });

  it('refuses an --out that is a symbolic link to nothing without --force (exit 1, the link kept); with --force the spec replaces the link', async () => {
    const dir = tree({ 'g.md': agent('g') });
    symlinkSync('gone.yaml', join(dir, 'spec.yaml'));
    const result = await agentsmith(['import', 'g.md', '--out', 'spec.yaml'], dir);
    expect(result.exitCode).toBe(1);
    expect(String(result.stderr)).toBe('agentsmith import: spec.yaml is a symbolic link to gone.yaml, which does not exist; pass --force to replace the link with the spec.');
    expect(lstatSync(join(dir, 'spec.yaml')).isSymbolicLink()).toBe(true);
    expect((await agentsmith(['import', 'g.md', '--out', 'spec.yaml', '--force'], dir)).exitCode).toBe(0);
    expect(lstatSync(join(dir, 'spec.yaml')).isFile()).toBe(true);
  });

  it('refuses an --out that is one of the inputs, even with --force', async () => {
    const dir = tree({ 'g.md': agent('g') });
    const result = await agentsmith(['import', 'g.md', '--out', 'g.md', '--force'], dir);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toMatch(/that is one of the files imported/);
    expect(readFileSync(join(dir, 'g.md'), 'utf8')).toBe(agent('g'));
  });

  it('refuses an --out that exists, without --force, before reading any agent', async () => {
    // notes.md is no agent: reading the folder would say so on stderr before the spec is written.
    const dir = tree({ 'agents/g.md': agent('g'), 'agents/notes.md': '# notes\n', 'spec.yaml': 'mine\n' });
    const result = await agentsmith(['import', 'agents', '--out', 'spec.yaml'], dir);
    expect(result.exitCode).toBe(1);
    expect(String(result.stderr)).toBe('agentsmith import: spec.yaml exists; pass --force to overwrite it.');
    expect(readFileSync(join(dir, 'spec.yaml'), 'utf8')).toBe('mine\n');
  });

  it('refuses --force without --out (it would overwrite nothing) instead of ignoring it', async () => {
    const dir = tree({ 'g.md': agent('g') });
    const result = await agentsmith(['import', 'g.md', '--force'], dir);
    expect(result.exitCode).toBe(2);
    expect(String(result.stdout)).toBe('');
    expect(String(result.stderr)).toBe(
      'agentsmith import: --force overwrites the file given with --out, and there is none (the spec is printed on stdout); add --out FILE, or drop --force.',
    );
    expect(readdirSync(dir)).toEqual(['g.md']);
  });

  it('exits 2 on a missing input path and writes nothing', async () => {
    const dir = tree({ 'g.md': agent('g') });
    const result = await agentsmith(['import', 'g.md', 'missing.md', '--out', 'spec.yaml'], dir);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toMatch(/missing\.md: no such file or folder/);
    expect(readdirSync(dir)).toEqual(['g.md']);
  });
});
