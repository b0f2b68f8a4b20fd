import { describe, expect, it } from 'vitest';
import { agentText, defaultSections, example, goodBody } from '../helpers/agent.js';
import { hits, lint } from '../helpers/rules.js';
import { parseAgentBytes } from '../../src/parser/index.js';
import { resolveConfig, validate } from '../../src/rules/index.js';
import { headingKey, levelTwoKeys, NO_KEY, otherLevels } from '../../src/rules/content-rules.js';
import fc from 'fast-check';

const TRIGGER = 'Use this agent when the user builds HTTP APIs.';
const describeWith = (description: string, rule: string) => hits(lint(agentText({ description })), rule);
const bodyWith = (body: string, rule: string, sections?: string[]) =>
  hits(lint(agentText({ body }), { config: sections ? { sections } : {} }), rule);

describe('description/trigger', () => {
  it('warns when the description does not start with a trigger', () => {
    const found = describeWith(`Expert in databases and their care.\n${example('a')}\n${example('b')}`, 'description/trigger');
    expect(found).toEqual([
      {
        rule: 'description/trigger',
        severity: 'warning',
        message: 'the description should start with a trigger such as "Use this agent when …" or "Use proactively …".',
        line: 3,
        column: 1,
      },
    ]);
  });

  it.each([
    'Use this agent when the API changes.',
    'Use proactively after every change.',
    'MUST BE USED for schema work.',
    'use when tests fail',
    'Use this subagent when the API changes.',
    'Invoke this agent when the API changes.',
    'Call this agent after every deploy.',
    'Delegate to this agent any schema work.',
  ])(
    'stays silent on "%s"',
    (start) => {
      expect(describeWith(`${start}\n${example('a')}\n${example('b')}`, 'description/trigger')).toEqual([]);
    },
  );
});

describe('description/length', () => {
  it('warns about a description under 40 characters', () => {
    expect(describeWith('Use this agent when DB.', 'description/length')[0]?.message).toBe(
      'the description has 23 characters; write at least 40.',
    );
  });

  it('warns about a description over 8,000 characters', () => {
    const found = describeWith(`${TRIGGER} ${'word '.repeat(1700)}`, 'description/length');
    expect(found[0]?.message).toMatch(/^the description has \d+ characters; keep it under 8000\.$/);
  });

  it('stays silent in between', () => {
    expect(describeWith(`${TRIGGER}\n${example('a')}\n${example('b')}`, 'description/length')).toEqual([]);
  });
});

describe('description/examples', () => {
  it('warns about fewer than 2 examples', () => {
    expect(describeWith(`${TRIGGER}\n${example('a')}`, 'description/examples').map((d) => d.message)).toEqual([
      'the description has 1 <example> block; write 2 to 6.',
    ]);
    expect(describeWith(TRIGGER, 'description/examples')[0]?.message).toBe('the description has 0 <example> blocks; write 2 to 6.');
  });

  it('warns about more than 6 examples', () => {
    const many = Array.from({ length: 7 }, (_, i) => example(`topic ${i}`)).join('\n');
    expect(describeWith(`${TRIGGER}\n${many}`, 'description/examples')[0]?.message).toBe(
      'the description has 7 <example> blocks; write 2 to 6.',
    );
  });

  it('counts the blocks whose tags are broken apart from the complete ones', () => {
    const broken = '<example>\nContext: a\nuser: "b"\nassistant: "c"\n<commentary>d\n</example>';
    expect(describeWith(`${TRIGGER}\n${broken}`, 'description/examples').map((d) => d.message)).toEqual([
      'the description has 0 complete <example> blocks and 1 with broken tags (see description/tags); write 2 to 6.',
    ]);
    expect(describeWith(`${TRIGGER}\n${example('a')}\n<example>Context: x</examples>`, 'description/examples').map((d) => d.message)).toEqual([
      'the description has 1 complete <example> block and 1 with broken tags (see description/tags); write 2 to 6.',
    ]);
  });

  it('names the parts an example lacks, at the line of that example', () => {
    const partial = '<example>\nuser: "add a table"\n</example>';
    const found = describeWith(`${TRIGGER}\n${example('a')}\n${partial}`, 'description/examples');
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toBe('example 2 has no "Context:" line, "assistant:" turn or <commentary> block.');
    expect(found[0]?.line).toBe(11);
  });

  it('stays silent on 2 complete examples', () => {
    expect(describeWith(`${TRIGGER}\n${example('a')}\n${example('b')}`, 'description/examples')).toEqual([]);
  });
});

describe('description/tags', () => {
  const tags = (description: string) => describeWith(description, 'description/tags').map((d) => [d.line, d.message]);

  it('names a misspelt closing tag once, with the tag meant, at its line', () => {
    const found = describeWith(`${TRIGGER}\n${example('a')}\n<example>\nContext: x\n</examples>`, 'description/tags');
    expect(found).toEqual([
      { rule: 'description/tags', severity: 'error', message: '</examples> does not close <example> (line 11); did you mean </example>?', line: 13, column: 3 },
    ]);
  });

  it('blames only the <commentary> left open inside an example, and says where to close it', () => {
    const broken = '<example>\nContext: a\nuser: "b"\nassistant: "c"\n<commentary>d\n</example>';
    expect(tags(`${TRIGGER}\n${example('a')}\n${broken}`)).toEqual([
      [15, '<commentary> is not closed before </example> (line 16); add </commentary> before it.'],
    ]);
  });

  it('names a closing tag without an opening, an opening never closed, and a misspelt opening', () => {
    expect(tags(`${TRIGGER}\n${example('a')}\n</example>`)).toEqual([[11, '</example> has no opening <example>; remove it or add <example> before it.']]);
    expect(tags(`${TRIGGER}\n${example('a')}\n<example>\nContext: x`)).toEqual([[11, '<example> is never closed; add </example> at the end of the example.']]);
    expect(tags(`${TRIGGER}\n${example('a')}\n<exmaple>\nContext: x\n</example>`)).toEqual([[11, '<exmaple> is closed by </example>; did you mean <example>?']]);
  });

  it('leaves a misspelt pair alone (a wrapper such as <examples>…</examples>) and other tags', () => {
    expect(tags(`${TRIGGER}\n<examples>\n${example('a')}\n${example('b')}\n</examples>\n<div>x</div>`)).toEqual([]);
  });

  it('stays silent when every tag is closed', () => {
    expect(describeWith(`${TRIGGER}\n${example('a')}\n${example('b')}`, 'description/tags')).toEqual([]);
  });

  it('points into a one-line description at the tag at fault, and names the other tag by its column', () => {
    const line = `description: ${TRIGGER}\\n\\n${oneLineExample('a')}\\n<example>\\nContext: x\\n</examples>`;
    const text = `---\nname: api-helper\n${line}\nmodel: sonnet\ncolor: blue\n---\n\n${goodBody()}`;
    const opening = line.lastIndexOf('<example>') + 1;
    expect(hits(lint(text), 'description/tags').map(({ line, column, message }) => [line, column, message])).toEqual([
      [3, line.indexOf('</examples>') + 1, `</examples> does not close <example> (column ${opening}); did you mean </example>?`],
    ]);
  });
});

/** example(topic) on one line, its line breaks written as \n (the old /agents wizard's style). */
const oneLineExample = (topic: string): string => example(topic).replaceAll('\n', '\\n');

describe('description/examples in a one-line description', () => {
  it('reports an incomplete example at its <example> tag, not at column 1 of the line', () => {
    const partial = '<example>\\nContext: only a context\\n</example>';
    // Double-quoted, so the quotes of the turns are escaped: positions are mapped through the escapes.
    const line = `description: "${TRIGGER}\\n\\n${oneLineExample('a').replaceAll('"', '\\"')}\\n\\n${partial}"`;
    const text = `---\nname: api-helper\n${line}\nmodel: sonnet\ncolor: blue\n---\n\n${goodBody()}`;
    expect(hits(lint(text), 'description/examples').map(({ line, column, message }) => [line, column, message])).toEqual([
      [3, line.lastIndexOf('<example>') + 1, 'example 2 has no "user:" turn, "assistant:" turn or <commentary> block.'],
    ]);
  });
});

describe('body/second-person', () => {
  it('warns about a body that never addresses the agent, at the body line', () => {
    const body = goodBody().replaceAll(/\byou\b/gi, 'the agent').replaceAll(/\byour\b/gi, 'its');
    const found = bodyWith(body, 'body/second-person');
    expect(found).toHaveLength(1);
    expect(found[0]?.line).toBe(agentText().split('\n').indexOf('---', 1) + 3);
  });

  it('stays silent on "You are …"', () => {
    expect(bodyWith(goodBody(), 'body/second-person')).toEqual([]);
  });
});

describe('body/length', () => {
  it('warns about a body under 500 characters', () => {
    expect(bodyWith('You review code.', 'body/length')[0]?.message).toBe('the body has 16 characters; write at least 500.');
  });

  it('warns about a body over 10,000 characters', () => {
    expect(bodyWith(`${goodBody()}\n${'You test. '.repeat(1000)}`, 'body/length')[0]?.message).toMatch(/keep it under 10000\.$/);
  });

  it('counts characters exactly when the body is read from bytes, ASCII or not, near either limit', () => {
    // A body read from bytes is first measured by its byte count alone; these sit where that leaves the answer open.
    const bodies = [
      `You ${'test. '.repeat(1700)}`, // ASCII, just over 10,000
      `You ${'tést. '.repeat(1500)}`, // 9,004 characters in 10,504 bytes
      `You ${'tést. '.repeat(1700)}`, // over in characters too
      `You ${'é'.repeat(400)}`, // 404 characters in 804 bytes: under 500
      `You ${'é'.repeat(600)}`, // 604 characters in 1,204 bytes
      `You ${'x'.repeat(490)}`, // ASCII, under 500
    ];
    const config = resolveConfig({});
    for (const body of bodies) {
      const text = agentText({ body });
      const fromBytes = validate(parseAgentBytes(Buffer.from(text)), { config, inAgentsFolder: true, fileStem: 'api-developer' });
      expect(hits(fromBytes, 'body/length'), body.slice(0, 12)).toEqual(hits(lint(text, { stem: 'api-developer' }), 'body/length'));
    }
    const over = validate(parseAgentBytes(Buffer.from(agentText({ body: bodies[2] as string }))), { config, inAgentsFolder: true });
    expect(hits(over, 'body/length')[0]?.message).toBe(`the body has ${(bodies[2] as string).trim().length} characters; keep it under 10000.`);
  });

  it('is silenced by the config', () => {
    const diagnostics = lint(agentText({ body: 'You review code.' }), { config: { rules: { 'body/length': 'off' } } });
    expect(hits(diagnostics, 'body/length')).toEqual([]);
  });
});

describe('body/house-structure', () => {
  it('stays silent on the five default sections in order', () => {
    expect(bodyWith(goodBody(), 'body/house-structure')).toEqual([]);
  });

  it('reports a missing section at the body line', () => {
    const found = bodyWith(goodBody(defaultSections.filter((title) => title !== 'Output Format')), 'body/house-structure');
    expect(found.map((d) => d.message)).toEqual(['section "## Output Format" is missing.']);
  });

  it('names several missing sections in one warning, in the config order, and one written at another level on its own', () => {
    const [, second, , fourth, fifth] = defaultSections as [string, string, string, string, string];
    const kept = defaultSections.filter((title) => title !== second && title !== fourth && title !== fifth);
    const body = `${goodBody(kept)}\n### ${fifth}\nText.\n`;
    const found = bodyWith(body, 'body/house-structure');
    const level3 = agentText({ body }).split('\n').indexOf(`### ${fifth}`) + 1;
    expect(found.map((d) => [d.message, d.line])).toEqual([
      [`sections "## ${second}" and "## ${fourth}" are missing.`, found[0]?.line],
      [`section "## ${fifth}" is missing: "### ${fifth}" (line ${level3}) is a level-3 heading; make it "## ${fifth}".`, level3],
    ]);
    expect(bodyWith('You are an agent with no sections at all.', 'body/house-structure').map((d) => d.message)).toEqual([
      `sections ${defaultSections.slice(0, -1).map((title) => `"## ${title}"`).join(', ')} and "## ${defaultSections.at(-1)}" are missing.`,
    ]);
  });

  it('reports a section out of order at its own line', () => {
    const [first, second, ...rest] = defaultSections as [string, string, ...string[]];
    const body = goodBody([second, first, ...rest]);
    const found = bodyWith(body, 'body/house-structure');
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toBe(`section "## ${second}" is out of order; expected order: ${defaultSections.join(' → ')}.`);
    const text = agentText({ body });
    expect(found[0]?.line).toBe(text.split('\n').indexOf(`## ${second}`) + 1);
  });

  it('matches titles without "Your", in any case and punctuation', () => {
    const loose = ['core responsibilities', 'YOUR WORKING METHODOLOGY', 'Code-Quality Standards', 'Output format:', 'Edge cases and considerations!'];
    expect(bodyWith(goodBody(loose), 'body/house-structure')).toEqual([]);
  });

  it('does not count ### headings or headings inside code, and names a section written at another level', () => {
    const body = goodBody().replace('## Output Format', '### Output Format').concat('\n```\n## Output Format\n```\n');
    const found = bodyWith(body, 'body/house-structure');
    expect(found.map((d) => d.message)).toEqual([
      `section "## Output Format" is missing: "### Output Format" (line ${agentText({ body }).split('\n').indexOf('### Output Format') + 1}) is a level-3 heading; make it "## Output Format".`,
    ]);
    expect(found[0]?.line).toBe(agentText({ body }).split('\n').indexOf('### Output Format') + 1);
    const inCode = goodBody().replace('## Output Format', '## Output').concat('\n```\n# Output Format\n```\n');
    expect(bodyWith(inCode, 'body/house-structure').map((d) => d.message)).toEqual(['section "## Output Format" is missing.']);
  });

  /**
   * Headings (levels 1 to `maxLevel`) with titles built from section words, marks, numbers and the
   * characters whose lower case makes ASCII letters (the Kelvin sign, dotted İ), and wanted keys.
   */
  function headingsAndKeys(maxLevel: number) {
    const word = fc.constantFrom('Output', 'Format', 'output', 'FORMAT', 'Formats', 'Core', 'Responsibilities', 'Your', 'K\u212a', '\u0130t', 'I\u0307t', '1.', '1', '🎯', 'x');
    const glue = fc.constantFrom(' ', '  ', '-', ': ', '**', '#', '!', '\t', '', '\u00a0');
    const title = fc.array(fc.tuple(word, glue), { maxLength: 5 }).map((parts) => parts.map(([w, g]) => w + g).join(''));
    const key = fc.constantFrom('output format', 'core responsibilities', 'format', 'kk', 'it', '1', 'kkformat', 'output kformat', '');
    const headings = fc.array(fc.tuple(fc.integer({ min: 1, max: maxLevel }), title), { maxLength: 6 }).map((list) => list.map(([level, text], i) => ({ level, title: text, line: i + 1 })));
    return [headings, fc.array(key, { maxLength: 4 })] as const;
  }

  it('finds the same heading at another level as working out every key would (the last-word test only skips)', () => {
    fc.assert(
      fc.property(...headingsAndKeys(4), (headings, wanted) => {
        const naive = wanted.map((k) => headings.find((heading) => heading.level !== 2 && headingKey(heading.title) === k));
        expect(otherLevels(headings, wanted)).toEqual(naive);
        otherLevels(headings, wanted).forEach((found, i) => expect(found).toBe(naive[i]));
      }),
      { numRuns: 3000 },
    );
    // Lower case that makes ASCII letters (the Kelvin sign, dotted İ) next to or in the last word.
    for (const [title, key] of [['K\u212aFormat', 'kkformat'], ['Output \u212aformat', 'output kformat'], ['Format\u212a', 'formatk'], ['\u0130t', 'i t']] as const) {
      expect(headingKey(title), title).toBe(key);
      expect(otherLevels([{ level: 3, title, line: 9 }], [key])[0]?.line, title).toBe(9);
    }
  });

  it('gives each ## heading its key, or no key only where its key is none of the wanted ones (the last-word test only skips)', () => {
    fc.assert(
      fc.property(...headingsAndKeys(3), (headings, wanted) => {
        const { found, keys } = levelTwoKeys(headings, wanted);
        expect(found).toEqual(headings.filter((heading) => heading.level === 2));
        found.forEach((heading, i) => {
          const full = headingKey(heading.title);
          if (keys[i] === NO_KEY) expect(wanted, heading.title).not.toContain(full);
          else expect(keys[i]).toBe(full);
        });
      }),
      { numRuns: 3000 },
    );
  });

  it('matches titles after an emoji, marks or a number, "Your" included (🎯 Your Core Mission)', () => {
    const decorated = ['🎯 Your Core Responsibilities', '1. Working Methodology', '**Code Quality Standards**', '4) Your Output Format', '🧠 Edge Cases and Considerations'];
    expect(bodyWith(goodBody(decorated), 'body/house-structure')).toEqual([]);
    expect(bodyWith(goodBody(['🎯 Your Core Mission']), 'body/house-structure', ['Your Core Mission'])).toEqual([]);
  });

  it('follows the sections of the config', () => {
    expect(bodyWith(goodBody(['Scope', 'Checklist']), 'body/house-structure', ['Scope', 'Checklist'])).toEqual([]);
    expect(bodyWith(goodBody(), 'body/house-structure', ['Scope']).map((d) => d.message)).toEqual(['section "## Scope" is missing.']);
  });
});

describe('description/examples: turns written on one line', () => {
  const oneLine = (n: number) =>
    `<example>Context: The user audits contract ${n}. user: 'Can you audit it?' assistant: "I'll use the auditor agent." <commentary>Audits need it.</commentary></example>`;

  it('counts user: and assistant: inside the Context line as present (the one-line style of many published agents)', () => {
    expect(describeWith(`${TRIGGER} Examples: ${oneLine(1)} ${oneLine(2)}`, 'description/examples')).toEqual([]);
  });

  it('as in a one-line plain description, read through the retry', () => {
    const text = `---\nname: api-helper\ndescription: ${TRIGGER} Examples: ${oneLine(1)} ${oneLine(2)}\nmodel: sonnet\ncolor: blue\n---\n\n${goodBody()}`;
    expect(hits(lint(text), 'description/examples')).toEqual([]);
  });

  it('still reports a turn that is not there, or prose that only mentions the user', () => {
    const noAssistant = "<example>Context: The user: a developer. user: 'Hi' <commentary>c</commentary></example>";
    const found = describeWith(`${TRIGGER} ${noAssistant} ${oneLine(2)}`, 'description/examples');
    expect(found.map((d) => d.message)).toEqual(['example 1 has no "assistant:" turn.']);
    const prose = '<example>Context: The user: a developer; the assistant: us. <commentary>c</commentary></example>';
    expect(describeWith(`${TRIGGER} ${prose} ${oneLine(2)}`, 'description/examples').map((d) => d.message)).toEqual(['example 1 has no "user:" turn or "assistant:" turn.']);
  });
});

describe('description/examples: blocks written in another case', () => {
  it('names <Example>…</Example> blocks instead of counting "0 <example> blocks"', () => {
    const cased = (topic: string) => example(topic).replace('<example>', '<Example>').replace('</example>', '</Example>');
    const found = describeWith(`${TRIGGER}\n\n${cased('a')}\n\n${cased('b')}`, 'description/examples');
    expect(found.map((d) => d.message)).toEqual([
      'the description has 0 <example> blocks and 2 written <Example>…</Example>; write the tags in lowercase (<example>…</example>), 2 to 6 blocks.',
    ]);
  });
});
