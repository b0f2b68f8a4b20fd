import { beforeAll, describe, expect, it } from 'vitest';
import { renderAgent, type RenderEnv } from '../../src/render/render.js';
import { resolveConfig } from '../../src/rules/index.js';
import { loadPresets } from '../../src/spec/presets.js';

let env: RenderEnv;
beforeAll(async () => {
  env = { presets: await loadPresets(), config: resolveConfig() };
});

/** The opening of the identity paragraph: "You are … ." up to the expertise sentence. */
function opening(title: string): string {
  const rendered = renderAgent({ specialty: 'database', title }, env);
  expect(rendered.errors).toEqual([]);
  const line = rendered.content.split('\n').find((text) => text.startsWith('You are ')) ?? '';
  return line.slice(0, line.indexOf('. Your expertise') + 1);
}

describe('the identity sentence', () => {
  it.each([
    ['Database Engineer', 'You are a senior Database Engineer.'],
    ['Senior Database Engineer', 'You are a Senior Database Engineer.'],
    ['senior database engineer', 'You are a senior database engineer.'],
    ['Sr. DBA', 'You are a Sr. DBA.'],
    ['Staff Engineer, Data', 'You are a Staff Engineer, Data.'],
    ['Principal Data Engineer', 'You are a Principal Data Engineer.'],
    ['Lead DBA', 'You are a Lead DBA.'],
    ['Head of Data Platform', 'You are a Head of Data Platform.'],
    ['Expert in PostgreSQL', 'You are an Expert in PostgreSQL.'],
    ['the team\'s DBA', 'You are the team\'s DBA.'],
    ['an Oracle specialist', 'You are an Oracle specialist.'],
    // The title's own article is lowercase mid-sentence.
    ['The Architect', 'You are the Architect.'],
    ['A Team Lead', 'You are a Team Lead.'],
    ['AN API Steward', 'You are an API Steward.'],
    ['A/B Testing Engineer', 'You are a senior A/B Testing Engineer.'],
    ['Veteran Affairs Integration Engineer', 'You are a senior Veteran Affairs Integration Engineer.'],
    // Words that only start like a rank keep "a senior".
    ['Leader of Storage', 'You are a senior Leader of Storage.'],
    ['Stafford Engineer', 'You are a senior Stafford Engineer.'],
    ['Anchor Engineer', 'You are a senior Anchor Engineer.'],
  ])('reads the title %j as %j, never "a senior Senior"', (title, expected) => {
    expect(opening(title)).toBe(expected);
  });

  it('never says the rank twice for any rank word the title starts with', () => {
    for (const rank of ['Senior', 'Staff', 'Principal', 'Lead', 'Chief', 'Junior', 'Distinguished']) {
      expect(opening(`${rank} Backend Engineer`)).toBe(`You are a ${rank} Backend Engineer.`);
    }
  });
});

describe('the focus sentence', () => {
  /** The identity paragraph from "You focus on" to its end. */
  function focusSentence(focus: string): string {
    const rendered = renderAgent({ specialty: 'database', focus }, env);
    expect(rendered.errors).toEqual([]);
    const line = rendered.content.split('\n').find((text) => text.startsWith('You are ')) ?? '';
    return line.slice(line.indexOf('You focus on'));
  }

  it.each([
    ['keeping migrations safe', 'You focus on keeping migrations safe.'],
    ['You focus on keeping migrations safe.', 'You focus on keeping migrations safe.'],
    ['  you focus on keeping migrations safe', 'You focus on keeping migrations safe.'],
    ['Focus on keeping migrations safe!', 'You focus on keeping migrations safe!'],
    ['You focus on: keeping migrations safe', 'You focus on keeping migrations safe.'],
    ['Focusing on keeping migrations safe', 'You focus on keeping migrations safe.'],
    ['focuses on zero-downtime changes', 'You focus on zero-downtime changes.'],
    // Only the lead-in is taken off: text that merely contains the words keeps them.
    ['what you focus on first: data safety', 'You focus on what you focus on first: data safety.'],
  ])('reads the focus %j as %j, never "You focus on You focus on"', (focus, expected) => {
    expect(focusSentence(focus)).toBe(expected);
  });
});

describe('punctuation around the title, the focus and the trigger', () => {
  const identityLine = (answers: { title?: string; focus?: string }): string => {
    const rendered = renderAgent({ specialty: 'database', ...answers }, env);
    expect(rendered.errors).toEqual([]);
    return rendered.content.split('\n').find((text) => text.startsWith('You are ')) ?? '';
  };

  it.each(['DBA:', 'DBA,', 'DBA;', 'DBA!', 'DBA?', 'DBA …', 'DBA...', 'DBA. '])('ends the title %j with one period', (title) => {
    expect(identityLine({ title })).toMatch(/^You are a senior DBA\. Your expertise/);
  });

  it.each([
    ['keeping data safe:', 'You focus on keeping data safe.'],
    ['keeping data safe, ', 'You focus on keeping data safe.'],
    ['keeping data safe;', 'You focus on keeping data safe.'],
    ['keeping data safe …', 'You focus on keeping data safe …'],
    ['keeping data safe!', 'You focus on keeping data safe!'],
    ['keeping data "safe."', 'You focus on keeping data "safe."'],
    ['keeping data safe (and fast)', 'You focus on keeping data safe (and fast).'],
  ])('ends the focus %j as one sentence: %j', (focus, expected) => {
    expect(identityLine({ focus }).endsWith(expected)).toBe(true);
  });

  it('ends a bulk trigger that stops on a colon with a period, not ":."', () => {
    const rendered = renderAgent({ specialty: 'database', trigger: 'changing schemas:' }, env);
    expect(rendered.errors).toEqual([]);
    expect(rendered.content).toMatch(/^description: "Use this agent when changing schemas\.\\n/m);
  });
});
