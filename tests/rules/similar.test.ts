import { describe, expect, it } from 'vitest';
import { closest, distance } from '../../src/rules/similar.js';

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
});
