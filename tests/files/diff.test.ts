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
});
