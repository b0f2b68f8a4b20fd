import { describe, expect, it } from 'vitest';
import { agentText } from '../helpers/agent.js';
import { parseAgentBytes, type AgentDocument } from '../../src/parser/index.js';
import { resolveConfig, rules } from '../../src/rules/index.js';
import { hits, lint } from '../helpers/rules.js';

/** `lines` joined, each line ending with `\r\n` where `crlf(i)` says so (0-based), else `\n`. */
const joined = (lines: string[], crlf: (i: number) => boolean): string => lines.map((line, i) => `${line}${crlf(i) ? '\r\n' : '\n'}`).join('');

const SHORT = ['---', 'name: mixed', 'description: Use this agent when line endings are tested.', 'model: sonnet', '---', '', 'You are a test agent.', '', 'Do things.'];

describe('file/line-endings', () => {
  it('is quiet for a file of LF lines only, and for one of CRLF lines only', () => {
    expect(hits(lint(agentText()), 'file/line-endings')).toEqual([]);
    expect(hits(lint(agentText().replaceAll('\n', '\r\n')), 'file/line-endings')).toEqual([]);
  });

  it('warns at the first line of the kind fewer lines have, and says how to fix it', () => {
    const [found, ...more] = hits(lint(joined(SHORT, (i) => i !== 1)), 'file/line-endings');
    expect(more).toEqual([]);
    expect(found).toEqual({
      rule: 'file/line-endings',
      severity: 'warning',
      line: 2,
      column: 1,
      message:
        'the file mixes CRLF and LF line endings: in the frontmatter and the body, 5 lines end with CRLF (the first is line 3) and 1 line ends with LF (line 2). ' +
        'Claude Code quotes a value holding ": " only on a line ending with LF, so such a value on a CRLF line makes it skip the file. ' +
        'Convert it to LF: run "agentsmith check --fix", or save it with LF line endings in your editor.',
    });
    expect(hits(lint(joined(SHORT, (i) => i === 6)), 'file/line-endings')[0]).toMatchObject({ line: 7 });
  });

  it('names the fence lines when only they (or the blank lines by them) end otherwise', () => {
    for (const crlf of [(i: number) => i === 0, (i: number) => i === 4, (i: number) => i === 5]) {
      const [found] = hits(lint(joined(SHORT, crlf)), 'file/line-endings');
      expect(found).toMatchObject({ line: 1 });
      expect(found?.message).toContain('the frontmatter and the body end every line with LF, but a --- fence line (1 or 5) or a blank line next to one ends with CRLF.');
    }
  });

  it('tells a skipped file that its CRLF lines may be why (the client quotes a ": " value only on an LF line)', () => {
    const text = joined(['---', 'name: mixed', 'description: Use this agent when: the user asks.', '---', '', 'You are.'], (i) => i === 2);
    const diagnostics = lint(text);
    expect(hits(diagnostics, 'load/skipped')).toHaveLength(1);
    expect(hits(diagnostics, 'file/line-endings')[0]?.message).toContain('which may be why it skips this file');
    // The same file with LF only loads (through the retry).
    expect(hits(lint(text.replaceAll('\r\n', '\n')), 'load/skipped')).toEqual([]);
  });

  it('is off with the config, and not asked of a file that is no agent', () => {
    const text = joined(SHORT, (i) => i === 2);
    expect(hits(lint(text, { config: { rules: { 'file/line-endings': 'off' } } }), 'file/line-endings')).toEqual([]);
    expect(hits(lint(text.replace('name: mixed', 'title: mixed')), 'file/line-endings')).toEqual([]);
  });

  it('reads from bytes as from text', () => {
    const text = joined(SHORT, (i) => i === 6);
    const doc = parseAgentBytes(Buffer.from(text));
    const found: { message: string; line: number }[] = [];
    rule().check({ doc, config: resolveConfig(), fileStem: 'mixed', inAgentsFolder: true }, (message, at) => found.push({ message, line: at?.line ?? 1 }));
    expect(found).toEqual(hits(lint(text), 'file/line-endings').map(({ message, line }) => ({ message, line })));
  });

  it('does not decode the body of a file that does not mix line endings (it runs on every file of a check)', () => {
    const doc = parseAgentBytes(Buffer.from(agentText()));
    const guarded = new Proxy(doc, {
      get(target, key) {
        if (key === 'body' || key === 'sections') throw new Error(`the rule read doc.${key}`);
        return Reflect.get(target, key, target) as unknown;
      },
    }) as AgentDocument;
    expect(() => rule().check({ doc: guarded, config: resolveConfig(), fileStem: 'x', inAgentsFolder: true }, () => {})).not.toThrow();
  });
});

function rule() {
  const found = rules.find((candidate) => candidate.id === 'file/line-endings');
  if (!found) throw new Error('no file/line-endings rule');
  return found;
}
