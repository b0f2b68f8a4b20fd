import { LineCounter, parseDocument, type Document } from 'yaml';
import { yamlPlace } from '../files/yaml-locate.js';

/** Finds the line of a key path; see lineFinder. */
export type LineOf = (path: (string | number)[], atKey: boolean) => number | undefined;

/**
 * Where a key path of a config file is written, so each problem of the config can say its line: the key
 * itself (`atKey`) or its value. Undefined when the document does not hold the whole path.
 */
export function lineFinder(doc: Document, lineCounter: LineCounter): LineOf {
  return (path, atKey) => {
    const place = yamlPlace(doc, path);
    if (!place.complete) return undefined;
    const offset = (atKey ? place.key : (place.node ?? place.key))?.range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
}

/** A config's text read as YAML only for the positions (a JSON config is valid YAML). */
export function linesOfText(text: string): LineOf {
  const lineCounter = new LineCounter();
  return lineFinder(parseDocument(text, { lineCounter, uniqueKeys: false }), lineCounter);
}
