import { describe, expect, it } from 'vitest';
import { closest, didYouMean, distance } from '../../src/rules/similar.js';

describe('distance (optimal string alignment)', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(distance('modle', 'model', 3)).toBe(1);
    expect(distance('taks', 'task', 3)).toBe(1);
    expect(distance('ab', 'ba', 3)).toBe(1);
  });

  it('counts insertions, deletions and substitutions as before', () => {
    expect(distance('kitten', 'sitting', 5)).toBe(3);
    expect(distance('', 'abc', 5)).toBe(3);
    expect(distance('same', 'same', 1)).toBe(0);
  });

  it('stops at limit + 1', () => {
    expect(distance('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(distance('a', 'abcdef', 2)).toBe(3);
  });
});

describe('closest', () => {
  it('suggests through a transposition', () => {
    expect(closest('modle', ['model', 'name'])).toBe('model');
    expect(closest('Taks', ['Task', 'Bash'])).toBe('Task');
  });

  it('allows two edits from six letters on, one below', () => {
    expect(closest('colour', ['colors', 'models', 'tools'])).toBe('colors');
    expect(closest('modls', ['models'])).toBe('models');
    expect(closest('tols', ['tools'])).toBe('tools');
    expect(closest('tl', ['tools'])).toBeUndefined();
    expect(closest('mdls', ['models'])).toBeUndefined();
  });

  it('returns undefined for a value far from every candidate', () => {
    expect(closest('verbose', ['format', 'fix', 'spec', 'help'])).toBeUndefined();
    expect(closest('kubernetes', ['sonnet', 'opus', 'haiku', 'inherit'])).toBeUndefined();
  });
});

describe('didYouMean', () => {
  it('writes a suggestion one way, quoted or as typed, and nothing without one', () => {
    expect(didYouMean('sonnet')).toBe('; did you mean "sonnet"?');
    expect(didYouMean('--format', false)).toBe('; did you mean --format?');
    expect(didYouMean(undefined)).toBe('');
  });
});
