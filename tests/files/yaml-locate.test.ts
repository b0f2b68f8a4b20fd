import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { yamlPlace } from '../../src/files/yaml-locate.js';

const TEXT = 'rules:\n  body/length: off\nsections:\n  - Scope\n  - Output\n1: one\nempty:\n';

function place(path: PropertyKey[]) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(TEXT, { lineCounter });
  const found = yamlPlace(doc, path);
  const line = (offset: number | undefined) => (offset === undefined ? undefined : lineCounter.linePos(offset).line);
  return { complete: found.complete, line: line(found.offset), key: line(found.key?.range?.[0]), node: line(found.node?.range?.[0]) };
}

describe('yamlPlace', () => {
  it('follows map keys and list indexes to the line of the key or the item', () => {
    expect(place(['rules', 'body/length'])).toEqual({ complete: true, line: 2, key: 2, node: 2 });
    expect(place(['sections', 1])).toEqual({ complete: true, line: 5, key: undefined, node: 5 });
    expect(place(['sections', '0'])).toMatchObject({ complete: true, line: 4 });
  });

  it('matches a key by its text, so a number key is found by a string segment', () => {
    expect(place(['1'])).toMatchObject({ complete: true, line: 6 });
  });

  it('stops at the deepest segment found, saying the path is incomplete', () => {
    expect(place(['rules', 'body/lenght'])).toMatchObject({ complete: false, line: 1 });
    expect(place(['sections', 7])).toMatchObject({ complete: false, line: 3 });
    expect(place(['sections', 'x'])).toMatchObject({ complete: false, line: 3 });
  });

  it('reaches a key with no value, and places the empty path at the document', () => {
    expect(place(['empty'])).toMatchObject({ complete: true, line: 7, key: 7 });
    expect(place([])).toMatchObject({ complete: true, line: 1 });
  });
});
