import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { ExitError } from '../errors.js';
import { templatesDir } from '../paths.js';

/**
 * One Handlebars environment per templates folder, compiled once: Markdown output (no HTML escaping),
 * strict (a missing variable throws instead of rendering empty). User text only ever arrives as data,
 * so `{{name}}` inside an answer is printed, never evaluated.
 */
const OPTIONS = { noEscape: true, strict: true } as const;
const cache = new Map<string, (context: object) => string>();

export class TemplateError extends ExitError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'TemplateError';
  }
}

/** A template's text and the file it came from (error messages name the file). */
interface Source {
  file: string;
  text: string;
}

/**
 * A template's text with LF line breaks: one saved with CRLF (a Windows editor, git's autocrlf) would
 * write CRLF lines among the LF ones of the answers and the frontmatter. Lines keep their numbers.
 */
function readSource(file: string): Source {
  return { file, text: lf(readFileSync(file, 'utf8')) };
}

/** CRLF line breaks made LF: the templates and every other text of a file end lines with LF. */
export const lf = (text: string): string => (text.includes('\r\n') ? text.replaceAll('\r\n', '\n') : text);

function readTemplates(dirs: string[]): { main: Source; partials: Map<string, Source> } {
  let main: Source | undefined;
  const partials = new Map<string, Source>();
  for (const dir of dirs) {
    const file = join(dir, 'agent.md.hbs');
    if (existsSync(file)) main = readSource(file);
    const partialsDir = join(dir, 'partials');
    if (!existsSync(partialsDir)) continue;
    for (const name of readdirSync(partialsDir).filter((entry) => entry.endsWith('.hbs'))) {
      partials.set(name.replace(/\.hbs$/, ''), readSource(join(partialsDir, name)));
    }
  }
  if (main === undefined) throw new TemplateError(`no agent.md.hbs in ${dirs.join(' or ')}.`);
  return { main, partials };
}

type Template = (context: object, options?: object) => string;

/**
 * Handlebars' own messages name neither the file nor what exists ("\"x\" not defined in [object Object]
 * - 1:8"); this one says which template or partial, where in it, and what it may use instead.
 */
function templateError(error: unknown, file: string, names: { values: string[]; partials: string[] }): TemplateError {
  if (error instanceof TemplateError) return error;
  const { message, lineNumber, column } = error as { message: string; lineNumber?: number; column?: number };
  const where = lineNumber === undefined ? file : `${file}:${lineNumber}:${(column ?? 0) + 1}`;
  const missing = /^"([^"]+)" not defined in/.exec(message)?.[1];
  if (missing !== undefined) {
    return new TemplateError(
      `template error in ${where}: "${missing}" is not a value the templates get. They get: ${names.values.join(', ')} ` +
        '(described in the README, "Template values"); inside {{#each}}, use the fields of the item or "this".',
    );
  }
  const partial = /^The partial (.+) could not be found/.exec(message)?.[1];
  if (partial !== undefined) {
    return new TemplateError(`template error in ${where}: there is no partial "${partial}"; the partials are: ${names.partials.join(', ')}.`);
  }
  return new TemplateError(`template error in ${where}: ${message.replace(/ - \d+:\d+$/, '')}`);
}

/** The compiled agent template; a team folder (config `templates`) overrides the main template or any partial. */
export function agentTemplate(teamDir?: string): (context: object) => string {
  const key = teamDir ?? '';
  const cached = cache.get(key);
  if (cached) return cached;
  if (teamDir && !existsSync(teamDir)) throw new TemplateError(`templates folder ${teamDir} does not exist (set by "templates" in the config).`);
  const { main, partials } = readTemplates(teamDir ? [templatesDir, teamDir] : [templatesDir]);
  const hb = Handlebars.create();
  hb.registerHelper('add', (a: unknown, b: unknown) => Number(a) + Number(b));
  const names = { values: [] as string[], partials: [...partials.keys()].sort() };
  /** Compiles `source` so that anything thrown while rendering it names its file (partials are wrapped one by one). */
  const located = ({ file, text }: Source): Template => {
    const compiled = hb.compile(text, OPTIONS) as Template;
    return (context, options) => {
      try {
        return compiled(context, options);
      } catch (error) {
        throw templateError(error, file, names);
      }
    };
  };
  for (const [name, source] of partials) hb.registerPartial(name, located(source));
  const compiled = located(main);
  const render = (context: object): string => {
    names.values = Object.keys(context);
    return compiled(context);
  };
  cache.set(key, render);
  return render;
}
