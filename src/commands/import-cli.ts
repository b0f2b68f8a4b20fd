import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Document } from 'yaml';
import type { Io } from '../cli.js';
import { ExitError, UsageError } from '../errors.js';
import { writeAtomic } from '../files/write.js';
import { parseAgentBytes } from '../parser/index.js';
import { loadConfig } from '../rules/config.js';
import { loadPresets } from '../spec/presets.js';
import { parseFlags } from './flags.js';
import { importAgent } from './import.js';

const HELP = `Usage: agentsmith import FILE… [--out SPEC.yaml] [--force]

Reads existing agent files (anything Claude Code loads, strict or recovered) and prints a bulk spec
whose agents render them again in the house structure, keeping every sentence: recognized sections
map to the house sections, everything else is kept verbatim, in order.

  --out FILE   write the spec to FILE instead of stdout (refuses to overwrite without --force)
  --force      overwrite --out
`;

export async function importCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseFlags(
    'import',
    argv,
    { out: { type: 'string' }, force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    HELP,
  );
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError(`agentsmith import: give at least one agent file.\n\n${HELP}`);
  const config = await loadConfig(process.cwd());
  const presets = await loadPresets(config.presets);
  const agents: { answers: object; comment: string }[] = [];
  let failed = 0;
  for (const file of positionals) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      io.stderr(`${file}: cannot read: ${(error as Error).message}\n`);
      failed++;
      continue;
    }
    const doc = parseAgentBytes(bytes, file);
    if (doc.verdict.kind !== 'loaded') {
      io.stderr(`${file}: not imported: Claude Code does not load it (${doc.verdict.kind}: ${doc.verdict.reason}). Fix it first; "agentsmith check" explains.\n`);
      failed++;
      continue;
    }
    const { answers, notes } = importAgent(doc, presets);
    agents.push({ answers, comment: [` from ${file}${doc.readMode === 'recovered' ? ' (recovered frontmatter, now strict)' : ''}`, ...notes.map((n) => ` ${n}`)].join('\n') });
  }
  if (agents.length === 0) throw new ExitError('agentsmith import: nothing was imported.', 1);

  const spec = new Document({ agents: agents.map((agent) => agent.answers) });
  const list = spec.get('agents', true) as { items: { commentBefore?: string }[] };
  list.items.forEach((item, i) => {
    item.commentBefore = agents[i]?.comment;
  });
  spec.commentBefore = ' agentsmith bulk spec, made by "agentsmith import"; render with: agentsmith bulk <this file>';
  const text = spec.toString({ lineWidth: 0, blockQuote: 'literal' });
  if (values.out) {
    const target = resolve(values.out);
    if (existsSync(target) && !values.force) throw new ExitError(`${values.out} exists; pass --force to overwrite it.`, 1);
    writeAtomic(target, text);
    io.stderr(`Wrote ${values.out} (${agents.length} agent${agents.length === 1 ? '' : 's'}).\n`);
  } else io.stdout(text);
  return failed > 0 ? 1 : 0;
}
