import { createRequire } from 'node:module';

/**
 * The full YAML engine loads on first need: most agent files never need it (the fast path reads them),
 * so checking a few files starts without it.
 */
let loaded: typeof import('yaml') | undefined;
export const yaml = (): typeof import('yaml') => (loaded ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));


/** How the client's engine reads: duplicate keys allowed (last wins), merge keys on (see parse-yaml.ts). */
const YAML_OPTIONS = { uniqueKeys: false, merge: true, prettyErrors: false, logLevel: 'error' } as const;

/** Every document of `text`, read with YAML_OPTIONS. */
export const readDocuments = (text: string): import('yaml').Document.Parsed[] => {
  const docs = yaml().parseAllDocuments(text, YAML_OPTIONS);
  return Array.isArray(docs) ? (docs as import('yaml').Document.Parsed[]) : [];
};

/** Where the scalars of the given styles (`PLAIN`, `QUOTE_SINGLE`…) of some documents are. */
export function scalarRanges(docs: import('yaml').Document.Parsed[], styles: readonly string[]): [number, number][] {
  const { visit } = yaml();
  const ranges: [number, number][] = [];
  for (const doc of docs) {
    visit(doc, {
      Scalar(_, node) {
        if (node.type !== undefined && styles.includes(node.type) && node.range) ranges.push([node.range[0], node.range[1]]);
      },
    });
  }
  return ranges;
}
