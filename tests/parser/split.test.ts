import { describe, expect, it } from 'vitest';
import { parseAgentBytes, parseAgentFile } from '../../src/parser/index.js';
import { LineIndex, splitFrontmatter } from '../../src/parser/split.js';

describe('splitFrontmatter', () => {
  it('separates the block between the fences from the body', () => {
    const split = splitFrontmatter('---\nname: a\n---\nYou are here.\n');
    expect(split.frontmatter).toBe('name: a\n');
    expect(split.body).toBe('You are here.\n');
    expect(split.frontmatterOffset).toBe(4);
    expect(split.closeOffset).toBe(12);
    expect(split.bodyOffset).toBe(16);
    expect(split.hasBom).toBe(false);
  });

  it('drops a leading BOM and says it was there', () => {
    const split = splitFrontmatter('\uFEFF---\nname: a\n---\nbody');
    expect(split.hasBom).toBe(true);
    expect(split.text.startsWith('---')).toBe(true);
    expect(split.frontmatter).toBe('name: a\n');
    expect(split.body).toBe('body');
  });

  it('sees no frontmatter when the first line is blank', () => {
    const split = splitFrontmatter('\n---\nname: a\n---\nbody');
    expect(split.frontmatter).toBeUndefined();
    expect(split.body).toBe('\n---\nname: a\n---\nbody');
    expect(split.bodyOffset).toBe(0);
  });

  it('ends the block at the first --- even in the middle of a line', () => {
    const split = splitFrontmatter('---\nname: a---b\ndescription: x\n---\nbody');
    expect(split.frontmatter).toBe('name: a');
    expect(split.body).toBe('b\ndescription: x\n---\nbody');
  });

  it('reads a block with CRLF line endings, keeping the carriage returns in it', () => {
    const split = splitFrontmatter('---\r\nname: a\r\n---\r\nbody\r\n');
    expect(split.frontmatter).toBe('name: a\r\n');
    expect(split.body).toBe('body\r\n');
  });

  it('sees no frontmatter when the block is never closed', () => {
    expect(splitFrontmatter('---\nname: a\ndescription: b\n').frontmatter).toBeUndefined();
  });

  it('needs a --- after the first three characters, so a lone fence is not a block', () => {
    expect(splitFrontmatter('---\n').frontmatter).toBeUndefined();
    expect(splitFrontmatter('---\n---\n').frontmatter).toBe('');
  });

  it('skips blank lines after the opening fence, so the block starts on its first text line', () => {
    const split = splitFrontmatter('---\n\n\nname: a\n---\n');
    expect(split.frontmatter).toBe('name: a\n');
    expect(split.frontmatterOffset).toBe(6);
  });
});

describe('LineIndex', () => {
  it('maps offsets to 1-based lines and columns', () => {
    const index = new LineIndex('ab\ncd\n\nef');
    expect(index.position(0)).toEqual({ line: 1, column: 1 });
    expect(index.position(2)).toEqual({ line: 1, column: 3 });
    expect(index.position(3)).toEqual({ line: 2, column: 1 });
    expect(index.position(6)).toEqual({ line: 3, column: 1 });
    expect(index.position(8)).toEqual({ line: 4, column: 2 });
  });
});

describe('parseAgentFile on the frontmatter fences', () => {
  it('calls a file with a blank first line not an agent', () => {
    const doc = parseAgentFile('\n---\nname: a\ndescription: Use it\n---\nbody');
    expect(doc.verdict).toEqual({ kind: 'not-an-agent', reason: 'the file does not start with a --- frontmatter block' });
    expect(doc.readMode).toBe('none');
    expect(doc.frontmatterStart).toBe(0);
  });

  it('loads a file that starts with a BOM and counts lines without it', () => {
    const doc = parseAgentFile('\uFEFF---\nname: a\ndescription: Use it\n---\nbody');
    expect(doc.verdict).toMatchObject({ kind: 'loaded', name: 'a' });
    expect(doc.hasBom).toBe(true);
    expect(doc.fields[0]).toMatchObject({ key: 'name', line: 2, column: 1 });
  });

  it('calls an unclosed block not an agent, with the reason', () => {
    const doc = parseAgentFile('---\nname: a\ndescription: Use it\n');
    expect(doc.verdict).toEqual({ kind: 'not-an-agent', reason: 'the frontmatter block is not closed by a second ---' });
  });

  it('says a first line of ---- or ---x opens no block (a Markdown rule), not that a block is unclosed', () => {
    for (const text of ['----\nname: a\ndescription: Use it\n---\n', '---x\nname: a\n', '----\nSome notes\n']) {
      expect(parseAgentFile(text).verdict).toEqual({ kind: 'not-an-agent', reason: 'the file does not start with a --- frontmatter block' });
      expect(parseAgentBytes(Buffer.from(text)).verdict).toEqual({ kind: 'not-an-agent', reason: 'the file does not start with a --- frontmatter block' });
    }
    expect(parseAgentFile('\ufeff--- \t\r\nname: a\n').verdict).toEqual({ kind: 'not-an-agent', reason: 'the frontmatter block is not closed by a second ---' });
  });

  it('calls an empty block not an agent', () => {
    expect(parseAgentFile('---\n---\nbody').verdict).toEqual({ kind: 'not-an-agent', reason: 'the frontmatter is empty' });
  });

  it('skips a file whose name line holds a ---, because the block ends there and loses its description', () => {
    const doc = parseAgentFile('---\nname: a---b\ndescription: Use it\n---\nbody');
    expect(doc.verdict).toEqual({ kind: 'skipped', reason: 'Missing required "description" field in frontmatter' });
    expect(doc.frontmatter).toEqual({ name: 'a' });
  });

  it('loads a file whose description holds a --- after the name, under the name written first', () => {
    const doc = parseAgentFile('---\nname: a\ndescription: x---y\n---\nbody');
    expect(doc.verdict).toMatchObject({ kind: 'loaded', name: 'a' });
    expect(doc.description).toBe('x');
  });

  it('loads CRLF files and says their line ending', () => {
    const doc = parseAgentFile('---\r\nname: a\r\ndescription: Use it\r\n---\r\nbody\r\n');
    expect(doc.verdict).toMatchObject({ kind: 'loaded', name: 'a' });
    expect(doc.lineEnding).toBe('crlf');
    expect(doc.bodyLine).toBe(5);
  });

  it('skips a CRLF file with ": " in a value, because the retry never quotes CRLF lines', () => {
    const doc = parseAgentFile('---\r\nname: a\r\ndescription: Use: it\r\n---\r\nbody');
    expect(doc.verdict.kind).toBe('skipped');
    expect(doc.readMode).toBe('none');
  });

  it('reports mixed line endings', () => {
    expect(parseAgentFile('---\r\nname: a\ndescription: b\n---\n').lineEnding).toBe('mixed');
    expect(parseAgentFile('---\nname: a\ndescription: b\n---\n').lineEnding).toBe('lf');
  });

  it('places the body after the closing fence and gives its first line', () => {
    const doc = parseAgentFile('---\nname: a\ndescription: b\n---\nYou are.\n');
    expect(doc.body).toBe('You are.\n');
    expect(doc.bodyLine).toBe(5);
    expect(doc.frontmatterStart).toBe(1);
    expect(doc.frontmatterEnd).toBe(4);
    expect(doc.frontmatterText).toBe('name: a\ndescription: b\n');
  });
});
