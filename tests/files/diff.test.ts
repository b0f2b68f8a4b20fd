import { describe, expect, it } from 'vitest';
import { shortDiff } from '../../src/files/diff.js';

describe('shortDiff', () => {
  it('shows the changed lines and points at the first line of the old text that differs', () => {
    expect(shortDiff('a\nb\nc\nd\n', 'a\nb\nC\nd\n')).toEqual({ diff: ['@@ line 3', '- c', '+ C'], line: 3 });
  });

  it('points at the last line when text was only added after it', () => {
    expect(shortDiff('a\nb', 'a\nb\nc').line).toBe(2);
    expect(shortDiff('a\nb\n', 'a\nb\nc\n')).toEqual({ diff: ['@@ line 3', '+ c'], line: 3 });
  });

  it('says when a line only moved, with its line in the file and as rendered', () => {
    const before = '---\nname: a\ndescription: d\nmodel: sonnet\ntools: Read\n---\n';
    const after = '---\nname: a\ndescription: d\ntools: Read\nmodel: sonnet\n---\n';
    const { diff } = shortDiff(before, after);
    expect(diff[0]).toBe('@@ line 4');
    // Either line may be the one that moved: here model went from line 4 to 5.
    expect(diff.slice(1)).toEqual(['- model: sonnet   (moved: line 4 here, line 5 as rendered)', '+ model: sonnet   (moved: line 4 here, line 5 as rendered)']);
    // A changed line is not a move.
    expect(shortDiff('a\nb\n', 'a\nB\n').diff).toEqual(['@@ line 2', '- b', '+ B']);
  });
});
