import { createRequire } from 'node:module';
import { quoteForRetry } from '../parser/yaml.js';

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

/**
 * Where the client's retry had to step in: the first line of the block it quotes (or re-indents), at
 * the value it wraps in quotes. For a file that loads only through the retry, that is the value to fix,
 * and finding it costs a line comparison, not a second YAML parse (a tenth of a large folder may be such
 * files). Undefined when the retry changes nothing.
 */
export function retryQuotedAt(frontmatter: string, fenceLine: number): { line: number; column: number } | undefined {
  const retried = quoteForRetry(frontmatter);
  if (retried === frontmatter) return undefined;
  // The retry rewrites line by line: the lines of both texts correspond.
  const before = frontmatter.split('\n');
  const after = retried.split('\n');
  const index = before.findIndex((line, i) => line !== after[i]);
  if (index < 0) return undefined;
  const keyPart = /^[^\s:]+:[ \t]*/.exec(before[index] ?? '')?.[0];
  const quoted = keyPart !== undefined && after[index]?.startsWith('"', keyPart.length) === true;
  return { line: fenceLine + 1 + index, column: quoted ? keyPart.length + 1 : 1 };
}
