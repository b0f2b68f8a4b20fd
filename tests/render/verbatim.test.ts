import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderAgent, type RenderEnv } from '../../src/render/render.js';
import { resolveConfig } from '../../src/rules/index.js';
import { loadPresets } from '../../src/spec/presets.js';

let env: RenderEnv;
beforeAll(async () => {
  env = { presets: await loadPresets(), config: resolveConfig() };
});

/** Text that a template engine, a YAML writer or an HTML escaper would each be tempted to touch. */
const NASTY = [
  '{{name}}',
  '{{#each x}}item{{/each}}',
  '{{{raw}}}',
  '}} and {{',
  '{{> identity}}',
  '---',
  'say "hi" and \'bye\'',
  'C:\\path\\to\\file and \\n',
  'key: value: more',
  'line one\nline two',
  'rocket 🚀 and café',
  '&<>\'"',
  'Tom & Jerry\'s <b>bold</b>',
];

const body = (content: string): string => content.slice(content.indexOf('\n---\n', 4) + 5);

describe('user text in the templates', () => {
  it.each(NASTY)('prints the title %j verbatim and never evaluates or escapes it', (text) => {
    const rendered = renderAgent({ specialty: 'api', title: text }, env);
    expect(rendered.errors).toEqual([]);
    expect(body(rendered.content)).toContain(`You are a senior ${text}. `);
    expect(rendered.doc.readMode).toBe('strict');
    expect(rendered.doc.verdict).toMatchObject({ kind: 'loaded', name: 'api-developer' });
  });

  it.each(NASTY)('prints the focus %j verbatim and never evaluates or escapes it', (text) => {
    const rendered = renderAgent({ specialty: 'database', focus: text }, env);
    expect(rendered.errors).toEqual([]);
    // The focus completes "You focus on …"; a full stop is added when it has none.
    expect(body(rendered.content)).toContain(`You focus on ${text.trim()}`);
    expect(rendered.doc.readMode).toBe('strict');
    expect(rendered.doc.verdict.kind).toBe('loaded');
  });

  it('keeps every special character at once, with the frontmatter still strict YAML', () => {
    const all = NASTY.join(' | ');
    const rendered = renderAgent({ specialty: 'auth', title: all, focus: all }, env);
    expect(rendered.errors).toEqual([]);
    const text = body(rendered.content);
    expect(text).toContain(`You are a senior ${all}. `);
    expect(text).toContain(`You focus on ${all}`);
    expect(text).not.toMatch(/&amp;|&lt;|&gt;|&#x27;|&quot;|&#x3D;/);
    expect(rendered.doc.readMode).toBe('strict');
    expect(rendered.doc.frontmatterText).toBeDefined();
    expect(parse(rendered.doc.frontmatterText ?? '')).toEqual(rendered.doc.frontmatter);
  });

  it('keeps template syntax in list answers and the trigger as text, in the body and in the description', () => {
    const rendered = renderAgent(
      { specialty: 'api', frameworks: ['{{name}}', 'A & B'], datastores: ['<pg>'], trigger: 'the user writes {{#if x}}"---"{{/if}}' },
      env,
    );
    expect(rendered.errors).toEqual([]);
    expect(body(rendered.content)).toContain('working mainly with {{name}} and A & B, backed by <pg>.');
    const description = rendered.doc.frontmatter.description;
    expect(typeof description).toBe('string');
    expect(String(description).split('\n')[0]).toBe('Use this agent when the user writes {{#if x}}"---"{{/if}}.');
    expect(rendered.doc.readMode).toBe('strict');
  });

  it('never lets "---" in user text close the frontmatter early', () => {
    const rendered = renderAgent({ specialty: 'api', trigger: 'a\n---\nname: hijacked' }, env);
    expect(rendered.doc.verdict).toMatchObject({ kind: 'loaded', name: 'api-developer' });
    expect(rendered.doc.frontmatter.name).toBe('api-developer');
    expect(String(rendered.doc.frontmatter.description)).toContain('a\n---\nname: hijacked');
    expect(rendered.doc.frontmatterText).not.toContain('---');
  });
});
