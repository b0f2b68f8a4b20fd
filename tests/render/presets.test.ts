import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseAgentFile } from '../../src/parser/index.js';
import { renderAgent, type RenderEnv } from '../../src/render/render.js';
import { resolveConfig } from '../../src/rules/index.js';
import { loadPresets } from '../../src/spec/presets.js';
import { agentsmith, tempDir } from '../helpers/cli.js';
import { corpusDir, repoRoot } from '../helpers/corpus.js';

let env: RenderEnv;
beforeAll(async () => {
  env = { presets: await loadPresets(), config: resolveConfig() };
});

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

const h2 = (text: string): string[] => parseAgentFile(text).headings.filter((h) => h.level === 2).map((h) => h.title);

/** The reference agent lives beside the corpus in ../shared; a fresh clone has neither. */
function referenceFile(): string | undefined {
  const candidates = [corpusDir(), join(repoRoot, '..', 'shared', 'corpus')].filter((dir): dir is string => !!dir);
  return candidates.map((dir) => join(dir, '..', 'reference', 'backend-api-developer.md')).find((file) => existsSync(file));
}
const reference = referenceFile();
if (!reference) console.warn('reference agent not found (place ../shared/reference beside the checkout): api reference test skipped');

describe('every specialty preset rendered with its defaults', () => {
  it('ships at least the fourteen documented specialties', () => {
    expect(env.presets.size).toBeGreaterThanOrEqual(14);
    expect([...env.presets.keys()]).toEqual(expect.arrayContaining(['api', 'auth', 'database', 'payments', 'storage']));
  });

  it('renders each preset with no errors, no warnings, loaded under its own name and read strictly', () => {
    for (const [id, preset] of env.presets) {
      const rendered = renderAgent({ specialty: id }, env);
      expect(rendered.errors, id).toEqual([]);
      expect(rendered.warnings, id).toEqual([]);
      expect(rendered.doc.verdict, id).toMatchObject({ kind: 'loaded', name: preset.name });
      expect(rendered.doc.readMode, id).toBe('strict');
      expect(rendered.fileName, id).toBe(`${preset.name}.md`);
    }
  });

  it('gives each preset the five house sections in the order the default config requires', () => {
    for (const id of env.presets.keys()) {
      expect(h2(renderAgent({ specialty: id }, env).content), id).toEqual(env.config.sections);
    }
  });

  it('writes files that "agentsmith check" reports as having no problems', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const agents = join(dir, '.claude', 'agents');
    mkdirSync(agents, { recursive: true });
    for (const id of env.presets.keys()) {
      const rendered = renderAgent({ specialty: id }, env);
      writeFileSync(join(agents, rendered.fileName), rendered.content);
    }
    const json = await agentsmith(['check', '--format', 'json'], dir);
    expect(json.exitCode).toBe(0);
    const report = JSON.parse(String(json.stdout)) as {
      files: { verdict: string; diagnostics: unknown[] }[];
      summary: { files: number; errors: number; warnings: number };
    };
    expect(report.summary).toEqual({ files: env.presets.size, errors: 0, warnings: 0 });
    expect(report.files.every((file) => file.verdict === 'loaded' && file.diagnostics.length === 0)).toBe(true);

    const stylish = await agentsmith(['check'], dir);
    expect(stylish.exitCode).toBe(0);
    expect(String(stylish.stdout)).toContain(`no problems in ${env.presets.size} files`);
  });
});

describe('the api preset against the reference agent', () => {
  it.skipIf(!reference)('has the same H2 sections, in the same order, as backend-api-developer.md', () => {
    if (!reference) return;
    const expected = h2(readFileSync(reference, 'utf8'));
    expect(expected.length).toBeGreaterThan(0);
    expect(h2(renderAgent({ specialty: 'api' }, env).content)).toEqual(expected);
  });
});
