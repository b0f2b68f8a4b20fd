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

function readTemplates(dirs: string[]): { main: string; partials: Map<string, string> } {
  let main: string | undefined;
  const partials = new Map<string, string>();
  for (const dir of dirs) {
    const file = join(dir, 'agent.md.hbs');
    if (existsSync(file)) main = readFileSync(file, 'utf8');
    const partialsDir = join(dir, 'partials');
    if (!existsSync(partialsDir)) continue;
    for (const name of readdirSync(partialsDir).filter((entry) => entry.endsWith('.hbs'))) {
      partials.set(name.replace(/\.hbs$/, ''), readFileSync(join(partialsDir, name), 'utf8'));
    }
  }
  if (main === undefined) throw new TemplateError(`no agent.md.hbs in ${dirs.join(' or ')}.`);
  return { main, partials };
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
  for (const [name, source] of partials) hb.registerPartial(name, hb.compile(source, OPTIONS));
  const compiled = hb.compile(main, OPTIONS);
  const render = (context: object): string => {
    try {
      return compiled(context);
    } catch (error) {
      throw new TemplateError(`template error: ${(error as Error).message}. Every variable a template uses must exist in the model (see src/render/model.ts).`);
    }
  };
  cache.set(key, render);
  return render;
}
