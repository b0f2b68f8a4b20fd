import { createRequire } from 'node:module';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { serializeFrontmatter } from '../../src/render/frontmatter.js';
import { toolsValue } from '../../src/render/model.js';
import { renderAgent, type RenderEnv } from '../../src/render/render.js';
import { resolveConfig } from '../../src/rules/index.js';
import { TOOL_PRESETS, type Answers } from '../../src/spec/answers.js';
import { loadPresets } from '../../src/spec/presets.js';
import type { Preset } from '../../src/spec/preset.js';

/** js-yaml, as gray-matter (and so much of the ecosystem) reads frontmatter; gray-matter's own engine if not hoisted. */
function jsYamlLoad(): (text: string) => unknown {
  const require = createRequire(import.meta.url);
  try {
    return (require('js-yaml') as { load: (text: string) => unknown }).load;
  } catch {
    const engines = require('gray-matter/lib/engines') as { yaml: { parse: (text: string) => unknown } };
    return engines.yaml.parse;
  }
}
const jsYaml = jsYamlLoad();

/** Pieces that break naive YAML writers, template engines and the client's `---` splitter. */
const TRICKY = [
  '---', '--', '-', '- ', ': ', ':', ' #', '#', '"', "'", '\\', '\\n', '\n', '\r\n', '\r', '\t', ' ', '  ',
  '{{name}}', '{{#each x}}', '}}', '{', '[', ']', ',', '&a', '*a', '!', '!!str', '%', '@', '`', '|', '>', '?',
  'yes', 'No', 'null', '~', 'true', '0x1F', '1e3', '.inf', '<<', '\u2028', '\u2029', '\u0085', '\ufeff',
  '\u0000', '\u001b', '\u007f', '\u0090', '\ufffe', '\uffff', '\ud83d\ude80', '\ud800', 'é', 'Read', 'Grep', 'sonnet', '&<>\'"', 'toString', '__proto__', 'constructor',
];
const tricky = fc.array(fc.constantFrom(...TRICKY), { maxLength: 8 }).map((parts) => parts.join(''));
const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), tricky, fc.string({ unit: 'binary-ascii' }));

function answersArbitrary(presets: Map<string, Preset>, models: string[], colors: string[]): fc.Arbitrary<Answers> {
  return fc.record(
    {
      specialty: fc.constantFrom(...presets.keys()),
      title: text,
      focus: text,
      frameworks: fc.array(text, { maxLength: 3 }),
      datastores: fc.array(text, { maxLength: 3 }),
      model: fc.oneof(fc.constantFrom(...models), text),
      color: fc.oneof(fc.constantFrom(...colors), text),
      tools: fc.oneof(fc.constantFrom(...Object.keys(TOOL_PRESETS), 'Read, Grep', 'Read,Bash'), text),
      trigger: text,
      description: text,
    },
    { requiredKeys: ['specialty'] },
  );
}

/**
 * What YAML 1.2 does not allow unescaped in a document (outside c-printable); PyYAML refuses a whole
 * document over one. Lone surrogates are left to JSON's escapes.
 */
const NOT_PRINTABLE = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\ud800-\udfff]/;

interface Tally {
  loaded: number;
  refused: number;
}

/** The property: either the render refuses (errors, no exception) or every parser reads the same frontmatter. */
function check(answers: Answers, env: RenderEnv, tally: Tally): void {
  let rendered: ReturnType<typeof renderAgent> | undefined;
  expect(() => (rendered = renderAgent(answers, env))).not.toThrow();
  if (!rendered) throw new Error('unreachable');
  if (rendered.errors.length > 0) {
    tally.refused++;
    return;
  }
  tally.loaded++;
  const { doc } = rendered;
  expect(doc.verdict).toMatchObject({ kind: 'loaded', name: rendered.name });
  expect(doc.readMode).toBe('strict');
  const source = doc.frontmatterText ?? '';
  expect(source).not.toMatch(NOT_PRINTABLE);
  const byYaml = parse(source) as Record<string, unknown>;
  expect(jsYaml(source)).toEqual(byYaml);
  expect(doc.frontmatter).toEqual(byYaml);
  // And it is what was asked for, not just something all three agree on ('' leaves a field out; a CRLF
  // line break in a text becomes LF, as every other line of the file ends).
  if (answers.model !== undefined) expect(byYaml.model).toBe(answers.model || undefined);
  if (answers.color !== undefined) expect(byYaml.color).toBe(answers.color || undefined);
  if (answers.tools !== undefined) expect(byYaml.tools).toBe(toolsValue(answers.tools));
  const described = String(byYaml.description);
  const lf = (text: string) => text.replaceAll('\r\n', '\n');
  if (answers.description !== undefined) expect(described.startsWith(lf(answers.description))).toBe(true);
  // The trigger is made a sentence: a comma, semicolon or colon it ends on gives way to the period.
  else if (answers.trigger !== undefined) expect(described.startsWith(`Use this agent when ${lf(answers.trigger).trim().replace(/[\s,;:]+$/, '')}`)).toBe(true);
}

describe('frontmatter written from arbitrary answers', () => {
  let presets: Map<string, Preset>;
  beforeAll(async () => {
    presets = await loadPresets();
  });

  it('is read identically by yaml, js-yaml and the shared parser, or the render refuses with errors', () => {
    const config = resolveConfig();
    const env = { presets, config };
    const tally: Tally = { loaded: 0, refused: 0 };
    fc.assert(
      fc.property(answersArbitrary(presets, config.models, config.colors), (answers) => check(answers, env, tally)),
      { numRuns: 200 },
    );
    expect(tally.loaded + tally.refused).toBeGreaterThanOrEqual(200);
  });

  it('holds with the field rules off, so that most arbitrary values reach the parsers', () => {
    // The default rules refuse unknown models, colors and tools; turned off, the YAML itself is what is tested.
    const off = ['field/model', 'field/color', 'field/tools', 'description/length', 'description/trigger'] as const;
    const config = resolveConfig({ rules: Object.fromEntries(off.map((id) => [id, 'off'])) });
    const env = { presets, config };
    const tally: Tally = { loaded: 0, refused: 0 };
    fc.assert(
      fc.property(answersArbitrary(presets, config.models, config.colors), (answers) => check(answers, env, tally)),
      { numRuns: 200 },
    );
    expect(tally.loaded).toBeGreaterThan(100);
  });

  it('escapes what YAML allows only escaped (C1 controls, U+FFFE, U+FFFF), also in keys written as flow collections', () => {
    const odd = 'a\u0090b\ufffec\uffffd\u007f';
    const text = serializeFrontmatter([
      ['model', odd],
      ['hooks', { [odd]: [odd, { deeper: odd }] }],
    ]);
    expect(text).not.toMatch(NOT_PRINTABLE);
    expect(parse(text)).toEqual({ model: odd, hooks: { [odd]: [odd, { deeper: odd }] } });
    expect(jsYaml(text)).toEqual(parse(text));
  });

  it('writes non-finite numbers as YAML\'s .inf, -.inf and .nan (JSON would write null), also inside lists and maps', () => {
    const hooks = { a: [Infinity, -Infinity, NaN, 1, 'x\u0000.inf'], b: { c: NaN, d: undefined } };
    const text = serializeFrontmatter([
      ['maxTurns', Infinity],
      ['hooks', hooks],
    ]);
    expect(text).toBe('maxTurns: .inf\nhooks: {"a":[.inf,-.inf,.nan,1,"x\\u0000.inf"],"b":{"c":.nan}}');
    const expected = { maxTurns: Infinity, hooks: { a: [Infinity, -Infinity, NaN, 1, 'x\u0000.inf'], b: { c: NaN } } };
    expect(parse(text)).toEqual(expected);
    expect(jsYaml(text)).toEqual(expected);
  });

  it.each(['toString', 'valueOf', '__proto__', 'constructor', 'hasOwnProperty'])(
    'writes the tools list %j as the text given, not as an inherited Object property',
    (tools) => {
      const config = resolveConfig({ rules: { 'field/tools': 'off' } });
      const rendered = renderAgent({ specialty: 'api', tools }, { presets, config });
      expect(rendered.errors).toEqual([]);
      expect(parse(rendered.doc.frontmatterText ?? '')).toMatchObject({ tools });
      expect(rendered.doc.frontmatter.tools).toBe(tools);
    },
  );
});
