import Handlebars from 'handlebars';
import { kebabCase } from './name.js';

/** A matrix combination: key → value. */
export type Combination = Record<string, string | number | boolean>;

/** A spec string split into literal text and `{{key}}` (or `{{kebab key}}`) placeholders. */
type Part = { text: string } | { key: string; kebab: boolean };

/** Why a spec string cannot be used as a template; the caller adds where it is written. */
export class TemplateProblem extends Error {}

/**
 * Reads a spec string as a template. Spec templates only substitute matrix values: `{{key}}` (or
 * `{{{key}}}`, `{{~key}}`) with a plain key, and `{{kebab key}}`, the value in kebab-case, so that a
 * name can be made of values written for prose (`NestJS`, `PostgreSQL`). Anything else Handlebars would
 * evaluate (`{{a.b}}`, other helpers, blocks, partials, `this`, `@data`, `../`) is refused, so a template
 * can never reach an object's prototype (`{{constructor}}` is a key like any other and must be a matrix key).
 */
export function parseSpecTemplate(source: string, keys: string[]): Part[] {
  let program: ReturnType<typeof Handlebars.parse>;
  try {
    program = Handlebars.parse(source);
  } catch (error) {
    const detail = (error as Error).message.split('\n').at(-1) ?? '';
    throw new TemplateProblem(
      `"${source}" is not a valid template: a "{{" is not closed or holds more than a key (${detail}). ` +
        `Write {{key}} with a matrix key (${keyList(keys)}), or \\{{ for literal braces.`,
    );
  }
  return program.body.flatMap((statement): Part[] => {
    if (statement.type === 'ContentStatement') return [{ text: (statement as hbs.AST.ContentStatement).value }];
    if (statement.type === 'CommentStatement') return [];
    const placeholder = placeholderOf(statement);
    if (placeholder === undefined) {
      const shown = source.slice(...columns(source, statement.loc));
      throw new TemplateProblem(
        `${shown || 'a {{…}}'} in "${source}" is not a placeholder: spec templates only fill {{key}} with a matrix key (${keyList(keys)}), ` +
          'or {{kebab key}} with its value in kebab-case; properties, other helpers and blocks are not evaluated.',
      );
    }
    return [placeholder];
  });
}

/** Fills a parsed template; a key the combination does not set (its own value, never an inherited one) is a problem. */
export function fillTemplate(parts: Part[], combo: Combination): string {
  let out = '';
  for (const part of parts) {
    if ('text' in part) out += part.text;
    else if (Object.hasOwn(combo, part.key)) out += part.kebab ? kebabCase(String(combo[part.key])) : String(combo[part.key]);
    else throw new MissingKey(part.key);
  }
  return out;
}

/** A placeholder whose key the combination does not set. */
export class MissingKey extends Error {
  constructor(readonly key: string) {
    super(`{{${key}}} is not set`);
  }
}

/** `{{key}}` or `{{kebab key}}`, else undefined (any other helper, a hash, data, a parent, a property). */
function placeholderOf(statement: hbs.AST.Statement): Part | undefined {
  if (statement.type !== 'MustacheStatement') return undefined;
  const mustache = statement as hbs.AST.MustacheStatement;
  if (mustache.hash) return undefined;
  const name = plainKey(mustache.path);
  if (mustache.params.length === 0) return name === undefined ? undefined : { key: name, kebab: false };
  const [param] = mustache.params;
  const key = mustache.params.length === 1 && name === 'kebab' && param ? plainKey(param) : undefined;
  return key === undefined ? undefined : { key, kebab: true };
}

/** The key of a path: one plain segment, no data (`@`), no parent (`../`), not `this`. */
function plainKey(expression: hbs.AST.Expression): string | undefined {
  if (expression.type !== 'PathExpression') return undefined;
  const path = expression as hbs.AST.PathExpression;
  if (path.data || path.depth > 0 || path.parts.length !== 1 || path.original !== path.parts[0]) return undefined;
  return path.parts[0];
}


/** The offsets of a one-line node location (templates in specs are short; a multi-line one shows whole). */
function columns(source: string, loc: hbs.AST.SourceLocation): [number, number] {
  if (loc.start.line !== 1 || loc.end.line !== 1) return [0, source.length];
  return [loc.start.column, loc.end.column];
}

const keyList = (keys: string[]): string => (keys.length > 0 ? keys.join(', ') : 'the spec has no matrix');
