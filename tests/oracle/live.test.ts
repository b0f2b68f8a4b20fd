import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderAgent } from '../../src/render/render.js';
import { resolveConfig } from '../../src/rules/index.js';
import { loadPresets } from '../../src/spec/presets.js';
import { useTempFolders } from '../helpers/cli.js';

/**
 * Asks the real Claude Code client (through ../shared/tools/cc-oracle) about files we render from
 * arbitrary answers. Opt-in: set AGENTSMITH_ORACLE to the cc-oracle script (it needs the npm registry once
 * and takes ~20 s). The oracle is a research tool, never a dependency, so this is skipped otherwise.
 */
const oracle = process.env.AGENTSMITH_ORACLE;
if (!oracle) console.warn('AGENTSMITH_ORACLE not set: the live client check of rendered files is skipped');

const nasty = fc.constantFrom('---', ': ', ' #', '"', "'", '\\', '\\n', '😀', '\t', '{', '[', '*', '&', '|', '>', '%', '@', '`', '\u2028', 'yes', 'null', '~', '0x1F', '...');
const text = fc.array(fc.oneof(fc.constant('word'), nasty), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));

describe.skipIf(!oracle)('the real client on rendered files', () => {
  const folder = useTempFolders();

  it('loads every file rendered from arbitrary answers, under its name', async () => {
    const env = {
      presets: await loadPresets(),
      config: { ...resolveConfig(), rules: { 'field/model': 'off', 'field/color': 'off', 'field/tools': 'off' } as const },
    };
    const out = join(folder(), 'agents');
    mkdirSync(out);
    const samples = fc.sample(fc.record({ title: text, focus: text, model: text, color: text, tools: text, trigger: text }), 40);
    const names = samples.map((answers, i) => {
      const name = `live-${i}`;
      const rendered = renderAgent({ specialty: 'api', name, ...answers }, env);
      expect(rendered.errors).toEqual([]);
      writeFileSync(join(out, `${name}.md`), rendered.content);
      return name;
    });
    const rows = execFileSync('bash', [oracle ?? '', out], { encoding: 'utf8', timeout: 300_000 })
      .trim()
      .split('\n')
      .map((line) => line.split('\t'));
    const verdicts = new Map(rows.map(([file, verdict, detail]) => [file?.split('/').pop()?.replace(/\.md$/, ''), `${verdict} ${detail}`]));
    expect(names.map((name) => verdicts.get(name))).toEqual(names.map((name) => `loaded ${name}`));
  }, 300_000);
});
