import { createRequire } from 'node:module';

/** The yaml package, loaded on first need: only files whose frontmatter is not valid YAML ask for it. */
let loaded: typeof import('yaml') | undefined;
const yaml = (): typeof import('yaml') => (loaded ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));

/**
 * Where the YAML error of a frontmatter block is in the file. The parser gives the error's words but no
 * position, so the block is read again with the yaml package (as the client reads it: duplicate keys and
 * merge keys allowed) and its first error taken; the block starts on the line after the opening fence.
 * Undefined when yaml finds nothing (an error only the client's engine raises).
 */
export function yamlErrorAt(frontmatter: string, fenceLine: number): { line: number; column: number } | undefined {
  const { parseAllDocuments, LineCounter } = yaml();
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(frontmatter, { lineCounter, uniqueKeys: false, merge: true, prettyErrors: false });
  const first = (Array.isArray(docs) ? docs : []).flatMap((doc) => doc.errors)[0];
  if (!first) return undefined;
  const { line, col } = lineCounter.linePos(first.pos[0]);
  return { line: fenceLine + line, column: col };
}
