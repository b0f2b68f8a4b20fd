import { describe, expect, it } from 'vitest';
import { allSections, parseAgentFile, type Section } from '../../src/parser/index.js';
import { parseBody } from '../../src/parser/body.js';
import { utf16Length } from '../../src/parser/body-source.js';
import { headingOf, headings } from '../../src/parser/headings.js';
import type { Heading } from '../../src/parser/types.js';
import fc from 'fast-check';

/** Headings as plain values (the scan's count their line when read). */
const plain = (headings: readonly Heading[]) => headings.map(({ level, title, line }) => ({ level, title, line }));

/** A file whose body (starting on line 5) is these lines. */
const withBody = (...body: string[]): string => ['---', 'name: a', 'description: d', '---', ...body, ''].join('\n');
const outline = (sections: Section[]): unknown =>
  sections.map((section) => ({ level: section.level, title: section.title, line: section.line, children: outline(section.children) }));

describe('the body as a tree of sections', () => {
  const doc = parseAgentFile(
    withBody(
      'You are an API developer.',
      '',
      '## Your Core Responsibilities',
      '',
      '### API Development',
      '- Design endpoints',
      '- Version them',
      '',
      '### Databases',
      'Write migrations.',
      '',
      '## Your Working Methodology',
      '',
      '1. **Understand**: read the code first',
      '2. **Plan:** list the changes',
      '3. Ship it',
      '',
      '# Appendix',
      '#### Deep',
    ),
  );

  it('starts the body on the line after the closing fence', () => {
    expect(doc.bodyLine).toBe(5);
  });

  it('keeps the text before the first heading as a level-0 section without title', () => {
    expect(doc.sections[0]).toMatchObject({ level: 0, title: '', line: 5 });
    expect(doc.sections[0]?.blocks).toEqual([{ kind: 'paragraph', text: 'You are an API developer.', line: 5 }]);
  });

  it('nests headings by level and gives each its file line', () => {
    expect(outline(doc.sections.slice(1))).toEqual([
      {
        level: 2,
        title: 'Your Core Responsibilities',
        line: 7,
        children: [
          { level: 3, title: 'API Development', line: 9, children: [] },
          { level: 3, title: 'Databases', line: 13, children: [] },
        ],
      },
      { level: 2, title: 'Your Working Methodology', line: 16, children: [] },
      { level: 1, title: 'Appendix', line: 22, children: [{ level: 4, title: 'Deep', line: 23, children: [] }] },
    ]);
  });

  it('reads bullet lists with their items', () => {
    const api = doc.sections[1]?.children[0];
    expect(api?.blocks).toEqual([{ kind: 'list', items: ['Design endpoints', 'Version them'], line: 10 }]);
  });

  it('reads numbered steps, splitting off bold labels with or without the colon inside', () => {
    const method = doc.sections[2];
    expect(method?.blocks).toEqual([
      {
        kind: 'steps',
        line: 18,
        steps: [
          { label: 'Understand', text: 'read the code first' },
          { label: 'Plan', text: 'list the changes' },
          { text: 'Ship it' },
        ],
      },
    ]);
  });

  it('lists the same headings in doc.headings as in the tree', () => {
    const fromTree = allSections(doc.sections)
      .filter((section) => section.level > 0)
      .map(({ level, title, line }) => ({ level, title, line }));
    expect(plain(doc.headings)).toEqual(fromTree);
  });
});

describe('blocks of a section', () => {
  it('does not read # lines inside a code fence as headings', () => {
    const doc = parseAgentFile(withBody('## Output', '```bash', '# not a heading', 'echo hi', '```', '## Next'));
    expect(allSections(doc.sections).map((section) => section.title)).toEqual(['Output', 'Next']);
    expect(doc.headings.map((heading) => heading.title)).toEqual(['Output', 'Next']);
    expect(doc.sections[0]?.blocks).toEqual([{ kind: 'code', lang: 'bash', text: '# not a heading\necho hi', line: 6 }]);
  });

  it('closes a fence only with the same marker', () => {
    const doc = parseAgentFile(withBody('~~~', '```', '# inside', '~~~', '# Outside'));
    expect(plain(doc.headings)).toEqual([{ level: 1, title: 'Outside', line: 9 }]);
  });

  it('treats everything after an unclosed fence as code', () => {
    const doc = parseAgentFile(withBody('## A', '```', '## B'));
    expect(doc.headings.map((heading) => heading.title)).toEqual(['A']);
  });

  it('needs a space after the hashes, and allows up to three spaces before them', () => {
    const doc = parseAgentFile(withBody('#NoSpace', '   ## Indented', '    ## Code by indentation', '## Closed ##'));
    expect(doc.headings.map((heading) => heading.title)).toEqual(['Indented', 'Closed']);
  });

  it('joins wrapped lines into one paragraph and splits paragraphs at blank lines', () => {
    const [section] = parseAgentFile(withBody('## A', 'one', 'two', '', 'three')).sections;
    expect(section?.blocks).toEqual([
      { kind: 'paragraph', text: 'one\ntwo', line: 6 },
      { kind: 'paragraph', text: 'three', line: 9 },
    ]);
  });

  it('keeps an indented bullet under a numbered step out of the steps', () => {
    const [section] = parseAgentFile(withBody('## A', '1. **Read**: the code', '   - carefully')).sections;
    expect(section?.blocks[0]).toMatchObject({ kind: 'steps', steps: [{ label: 'Read', text: 'the code\n   - carefully' }] });
  });

  it('reads CRLF bodies without carriage returns in titles or text', () => {
    const doc = parseAgentFile('---\r\nname: a\r\ndescription: d\r\n---\r\n## Title\r\nText\r\n');
    expect(plain(doc.headings)).toEqual([{ level: 2, title: 'Title', line: 5 }]);
    expect(doc.sections[0]?.blocks).toEqual([{ kind: 'paragraph', text: 'Text', line: 6 }]);
  });

  it('gives an empty body no sections', () => {
    expect(parseBody('', 7)).toEqual([]);
    expect(parseAgentFile('---\nname: a\ndescription: d\n---\n').sections).toEqual([]);
  });

  it('reads the body of a file that is not an agent too', () => {
    const doc = parseAgentFile('# Notes\n\n- a\n');
    expect(doc.verdict.kind).toBe('not-an-agent');
    expect(plain(doc.headings)).toEqual([{ level: 1, title: 'Notes', line: 1 }]);
    expect(doc.sections[0]?.blocks).toEqual([{ kind: 'list', items: ['a'], line: 3 }]);
  });
});

describe('headingOf, the hand-written heading reader', () => {
  // The reference: the regex the reader replaced (for speed). Both must agree on every line.
  const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/;
  const byRegex = (text: string) => {
    const found = HEADING.exec(text);
    return found ? { level: (found[1] ?? '').length, title: found[2] ?? '' } : undefined;
  };
  const byHand = (text: string) => {
    const found = headingOf(text);
    return found ? { level: found.level, title: found.title } : undefined;
  };

  it('agrees with the regex on odd lines', () => {
    const lines = ['# A', '## C#', '### x ##', '#', '# ', '#  #', '####### x', '###### x', '    # x', '   # x', '#\tx\t#\t',
      '# a \r b', '# a\u2028b', '# a\u2029', '#x', '## # #', '# #a#', ' ## title ## # ', '##\t', '# é ü', '# 🙂 ##'];
    for (const line of lines) expect(byHand(line), JSON.stringify(line)).toEqual(byRegex(line));
  });

  it('agrees with the regex on arbitrary lines built from heading pieces', () => {
    const piece = fc.constantFrom(' ', '\t', '#', 'a', 'é', '\r', '\u2028', '\u2029', '*', '`', '~', '\u00a0');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), fc.string({ maxLength: 6 }), (pieces, tail) => {
        const line = (pieces.join('') + tail).replace(/\n/g, '');
        expect(byHand(line)).toEqual(byRegex(line));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('headings, the scan that checking uses', () => {
  // The reference: the scan written plainly, line by line with regexes and trim, as the hand-read scan
  // (indexOf over line starts, fences read by hand) must find: the first character after up to 4 spaces
  // decides, '#' lines in a fence are skipped, fences open and close as parseBody reads them.
  const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/;
  const byLine = (body: string, firstLine: number): Heading[] => {
    const found: Heading[] = [];
    let fence: string | undefined;
    body.split('\n').forEach((raw, index) => {
      const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      const first = /^ {0,4}([#`~])/.exec(text)?.[1];
      if (first === '#') {
        const heading = fence ? null : HEADING.exec(text);
        if (heading) found.push({ level: (heading[1] ?? '').length, title: heading[2] ?? '', line: firstLine + index });
      } else if (first && fence) {
        if (/^ {0,3}[`~]/.test(text) && text.trimStart().startsWith(fence) && text.trim().replace(/[`~]/g, '') === '') fence = undefined;
      } else if (first) {
        fence = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(text)?.[1];
      }
    });
    return found;
  };
  /** As a BytesBody scans: a Latin-1 reading of the UTF-8 bytes, lines with other bytes decoded. */
  const fromBytes = (body: string, firstLine: number): Heading[] => {
    const bytes = Buffer.from(body, 'utf8');
    return headings(bytes.toString('latin1'), firstLine, (from, to) => bytes.toString('utf8', from, to));
  };

  it('finds what the line-by-line reference finds, in text and in bytes', () => {
    const indent = fc.constantFrom('', '', ' ', '  ', '   ', '    ', '     ', '\t', '\u00a0');
    const start = fc.constantFrom('#', '##', '#######', '```', '````', '```\u00a0', '~~~', '~~~~', '~~~\u3000', '``', '`~~', 'a', '');
    const piece = fc.constantFrom(' ', '\t', 'x', '#', '`', '~', 'é', '🙂', '\r', '\u2028', '\u00a0', '\u3000', '\ufeff', '\v');
    const rest = fc.array(piece, { maxLength: 6 });
    const line = fc.tuple(indent, start, rest).map(([spaces, head, tail]) => spaces + head + tail.join(''));
    const body = fc.tuple(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n')).map(([lines, end]) => lines.join(end));
    fc.assert(
      fc.property(body, (text) => {
        const expected = byLine(text, 3);
        expect(plain(headings(text, 3))).toEqual(expected);
        expect(plain(fromBytes(text, 3))).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('utf16Length, the body length counted on bytes', () => {
  it('is the length of the decoded text, from any offset, for any valid UTF-8', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.nat(7), fc.nat(7), (text, head, tail) => {
        // Pieces before and after, so the counted part starts and ends at every alignment.
        const bytes = Buffer.concat([Buffer.alloc(head, 0x41), Buffer.from(text, 'utf8'), Buffer.alloc(tail, 0x42)]);
        const end = bytes.length - tail;
        expect(utf16Length(bytes, head, end)).toBe(bytes.toString('utf8', head, end).length);
      }),
      { numRuns: 3000 },
    );
  });

  it('counts four-byte characters as two units and continuation bytes not at all', () => {
    const bytes = Buffer.from('a🙂é—x'.repeat(20));
    expect(utf16Length(bytes, 0, bytes.length)).toBe('a🙂é—x'.repeat(20).length);
  });
});
