import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

/**
 * Where a key path of a config file is written, so each problem of the config can say its line. JSON
 * is read as YAML here (only for the positions); undefined when the document does not say.
 */
export function lineFinder(text: string): (path: (string | number)[], atKey: boolean) => number | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  return (path, atKey) => {
    let node: unknown = doc.contents;
    let key: unknown;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) return undefined;
        key = pair.key;
        node = pair.value;
      } else if (isSeq(node)) {
        key = undefined;
        node = node.items[Number(segment)];
      } else return undefined;
    }
    const offset = ((atKey ? key : (node ?? key)) as Node | undefined)?.range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
}
