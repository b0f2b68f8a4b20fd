import { prose } from '../prose.js';
import { fieldAt } from './load-rules.js';
import { memo, memoPer } from './memo.js';
import { scanTags } from './tags.js';
import type { Heading } from '../parser/index.js';
import type { Rule } from './types.js';

/**
 * A trigger at the start: "Use (this agent|this subagent) when/for/…", "Invoke/Call this agent when …",
 * "Delegate to this agent …", "MUST BE USED …", "Proactively …".
 */
const TRIGGER =
  /^\s*(use (this (sub-?)?agent )?(proactively|when|for|to|after|before|immediately|whenever)|use this (sub-?)?agent|(invoke|call|launch) this (sub-?)?agent|delegate to this (sub-?)?agent|must be used|proactively)/i;
const SECOND_PERSON = /\b(you|your)\b/i;

/**
 * A turn written inside another line rather than on its own (`Context: … user: 'Hi' assistant: 'On it'`,
 * the one-line style of many published agents): it is there for the model that reads the description, so
 * it is not missing. A turn needs its quote, so that prose such as "the user: …" does not count.
 */
const INLINE_PART: Record<string, RegExp> = {
  context: /(?:^|\s)context\s*:/i,
  user: /(?:^|\s)user\s*:\s*["'“‘]/i,
  assistant: /(?:^|\s)assistant\s*:\s*["'“‘]/i,
};
/** Asked only for a part the parser did not find on a line of its own. */
const inline = (raw: string, part: string): boolean => INLINE_PART[part]?.test(raw) ?? false;

/** An example's parts as they are written, for "example 2 has no "user:" turn or <commentary> block". */
const PART_WORDS = { context: '"Context:" line', user: '"user:" turn', assistant: '"assistant:" turn', commentary: '<commentary> block' } as const;

/** "section "## A" is missing." or "sections "## A", "## B" and "## C" are missing.", for the sections in `mask`. */
const missingSections = memoPer((sections: readonly string[], mask: number): string => {
  const titles = sections.filter((_, i) => (mask & (1 << i)) !== 0).map((title) => `"## ${title}"`);
  return titles.length === 1 ? `section ${titles[0]} is missing.` : `sections ${prose(titles)} are missing.`;
}, 4096);

/** Example counts outside the range, keyed by count, min and max packed into one number. */
const exampleCount = memo((key: number) => {
  const [count, min, max] = [key >>> 20, (key >>> 10) & 1023, key & 1023];
  return `the description has ${count} <example> block${count === 1 ? '' : 's'}; write ${min} to ${max}.`;
});

/**
 * Normalizes a heading for comparison: case, punctuation, and what may come before the words do not
 * matter: marks and emoji (`🎯`, `**`), a number (`1.`, `2.3)`), then a leading "Your".
 */
export const headingKey = memo(
  (title: string): string =>
    title
      .toLowerCase()
      .replace(/^[^a-z0-9]+/, '')
      .replace(/^(\d+[.)])+\s*/, '')
      .replace(/^your\s+/, '')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim(),
  2000,
);

/**
 * The `##` headings, and each one's key (headingKey), or NO_KEY when it cannot be one of `wanted`: most
 * sections are none of the required ones, and a title whose last word ends no wanted key is passed over
 * (a memo lookup per heading, and the title's hash, were 3% of checking a file).
 */
export function levelTwoKeys(headings: readonly Heading[], wanted: readonly string[]): { found: Heading[]; keys: string[] } {
  const lasts = lastWords(wanted);
  // Arrays filled by push, not map and filter: their elements kinds then stay the same from file to
  // file, where arrays made by map changed kind once V8 optimized this code, and each change threw
  // the optimized code away (two extra compiles of otherLevels in the first 500 files).
  const found: Heading[] = [];
  const keys: string[] = [];
  for (const heading of headings) {
    if (heading.level !== 2) continue;
    found.push(heading);
    const { title } = heading;
    const end = lastWordEnd(title);
    let key = NO_KEY;
    for (let k = 0; k < lasts.length; k++) {
      if (!mayEndWith(title, end, lasts[k] as string)) continue;
      key = headingKey(title);
      break;
    }
    keys.push(key);
  }
  return { found, keys };
}

/**
 * For each of `keys`, the first heading not at level 2 with that key (a `### Output Format` for a missing
 * `## Output Format`), or undefined. Most files miss a section and hold dozens of such headings with
 * titles no memo keeps: in one pass over them, a heading's key is worked out only when its title's last
 * word is a key's last word.
 */
export function otherLevels(headings: readonly Heading[], keys: readonly string[]): (Heading | undefined)[] {
  const found: (Heading | undefined)[] = [];
  const lasts: string[] = [];
  for (const key of keys) {
    found.push(undefined);
    lasts.push(lastWordOf(key));
  }
  let left = keys.length;
  for (const heading of headings) {
    if (heading.level === 2) continue;
    const { title } = heading;
    const end = lastWordEnd(title);
    const start = end < 0 ? -1 : lastWordStart(title, end);
    // (-1: unsure, when other than ASCII stands in or next to the last word)
    const length = start < 0 || (start > 0 && title.charCodeAt(start - 1) > 0x7f) ? -1 : end - start;
    for (let k = 0; k < keys.length && left > 0; k++) {
      const last = lasts[k] as string;
      // Most titles' last word has another length than every missing key's: nothing else is read then.
      if (found[k] !== undefined || (length >= 0 && last !== '' && last.length !== length)) continue;
      if (!mayEndWith(title, end, last) || headingKey(title) !== keys[k]) continue;
      found[k] = heading;
      left--;
    }
    if (left === 0) break;
  }
  return found;
}

/**
 * Where the last run of ASCII letters and digits of `title` ends, or -1 when a character other than ASCII
 * stands at or after that run's start (its lower case could make ASCII letters: the key decides then).
 */
function lastWordEnd(title: string): number {
  let end = title.length;
  for (; end > 0; end--) {
    const code = title.charCodeAt(end - 1);
    if (code > 0x7f) return -1;
    if (isAsciiAlnum(code)) return end;
  }
  return 0;
}

/** Where the run of ASCII letters and digits that ends at `end` starts (a character other than ASCII stops it). */
function lastWordStart(title: string, end: number): number {
  let start = end;
  while (start > 0 && isAsciiAlnum(title.charCodeAt(start - 1))) start--;
  return start;
}

/**
 * Whether a title whose last word ends at `end` (see lastWordEnd) may have a key ending in `word`
 * (lowercase ASCII letters and digits): false only when its last word, case ignored, is another.
 */
function mayEndWith(title: string, end: number, word: string): boolean {
  if (end < 0 || word === '') return true;
  const start = end - word.length;
  if (start < 0) return false;
  if (start > 0) {
    const before = title.charCodeAt(start - 1);
    if (before > 0x7f) return true;
    if (isAsciiAlnum(before)) return false;
  }
  for (let i = 0; i < word.length; i++) {
    const code = title.charCodeAt(start + i);
    if (code > 0x7f) return true;
    // Upper-case ASCII letters OR 0x20 are their lower case; digits and lower case stay as they are.
    if ((code | 0x20) !== word.charCodeAt(i)) return false;
  }
  return true;
}

const isAsciiAlnum = (code: number): boolean => (code >= 48 && code <= 57) || ((code | 0x20) >= 97 && (code | 0x20) <= 122);

/** The keys of a config's required sections, worked out once per config (they are the same for every file). */
const requiredKeys = (sections: readonly string[]): readonly string[] => {
  let keys = sectionKeys.get(sections);
  if (!keys) sectionKeys.set(sections, (keys = sections.map(headingKey)));
  return keys;
};
const sectionKeys = new WeakMap<readonly string[], readonly string[]>();

/** The last word of each key (see otherLevels), worked out once per list of keys. */
const lastWords = (keys: readonly string[]): readonly string[] => {
  let lasts = keyLasts.get(keys);
  if (!lasts) keyLasts.set(keys, (lasts = keys.map(lastWordOf)));
  return lasts;
};
const keyLasts = new WeakMap<readonly string[], readonly string[]>();

/** A section key's last word (keys are lower-case words with single spaces). */
const lastWordOf = (key: string): string => key.slice(key.lastIndexOf(' ') + 1);

/** The key of a section that cannot be a required one: no key is this (keys are lower-case words and spaces). */
export const NO_KEY = '\0';

export const contentRules: Rule[] = [
  {
    id: 'description/trigger',
    defaultSeverity: 'warn',
    summary: 'The description starts with a trigger phrase ("Use this agent when…", "Use proactively…").',
    why: 'The main agent delegates by reading descriptions; a trigger says when to pick this one.',
    bad: 'description: Expert in databases.',
    fix: 'Start with "Use this agent when …" and name the situations.',
    needsLoaded: true,
    check({ doc }, report) {
      if (doc.description === undefined || TRIGGER.test(doc.description)) return;
      report('the description should start with a trigger such as "Use this agent when …" or "Use proactively …".', fieldAt(doc, 'description'));
    },
  },
  {
    id: 'description/length',
    defaultSeverity: 'warn',
    summary: 'The description is long enough to be chosen and short enough to read (40–8,000 characters).',
    why: 'A one-liner is rarely picked; a huge one crowds the main agent’s context on every turn.',
    bad: 'description: DB stuff',
    fix: 'Say when to use the agent in a sentence or two, then give 2–6 examples.',
    needsLoaded: true,
    check({ doc, config }, report) {
      const length = doc.description?.trim().length;
      if (length === undefined) return;
      const { min, max } = config.description;
      if (length < min) report(`the description has ${length} characters; write at least ${min}.`, fieldAt(doc, 'description'));
      if (length > max) report(`the description has ${length} characters; keep it under ${max}.`, fieldAt(doc, 'description'));
    },
  },
  {
    id: 'description/examples',
    defaultSeverity: 'warn',
    summary: 'The description holds 2–6 `<example>` blocks, each with Context, user, assistant and `<commentary>`.',
    why: 'Worked examples are what makes delegation reliable; incomplete ones teach the wrong pattern.',
    bad: '<example>user: "add a table"</example>',
    fix: 'Give each example a `Context:` line, a `user:` line, an `assistant:` line and a `<commentary>` block.',
    needsLoaded: true,
    check({ doc, config }, report) {
      if (doc.description === undefined) return;
      const { min, max } = config.examples;
      const count = doc.examples.length;
      if (count < min || count > max) {
        // Blocks whose tags are broken are not examples to the client either; say so, rather than "0 blocks".
        const scan = doc.description.includes('<') ? scanTags(doc) : undefined;
        const broken = scan ? Math.max(0, scan.examplesOpened - count) : 0;
        const cased = scan?.otherCase;
        const message =
          broken === 0 && cased && cased.count > 0
            ? `the description has ${count} <example> block${count === 1 ? '' : 's'} and ${cased.count} written ${cased.written}…</${cased.written.slice(1)}; write the tags in lowercase (<example>…</example>), ${min} to ${max} blocks.`
            : broken > 0
            ? `the description has ${count} complete <example> block${count === 1 ? '' : 's'} and ${broken} with broken tags (see description/tags); write ${min} to ${max}.`
            : count < 2048 && min < 1024 && max < 1024
              ? exampleCount((count << 20) | (min << 10) | max)
              : `the description has ${count} <example> blocks; write ${min} to ${max}.`;
        report(message, fieldAt(doc, 'description'));
      }
      doc.examples.forEach((example, i) => {
        const missing = (['context', 'user', 'assistant', 'commentary'] as const).filter((part) => !example[part] && !inline(example.raw, part));
        if (missing.length > 0) report(`example ${i + 1} has no ${prose(missing.map((part) => PART_WORDS[part]), 'or')}.`, example);
      });
    },
  },
  {
    id: 'description/tags',
    defaultSeverity: 'error',
    summary: '`<example>` and `<commentary>` tags are balanced and spelt right.',
    why: 'An unclosed or misspelt tag swallows the rest of the description into one broken example.',
    bad: '<example>Context: … </examples>',
    fix: 'Close every <example> with </example> and every <commentary> with </commentary>, inside its example; the message names the tag at fault.',
    needsLoaded: true,
    check({ doc }, report) {
      // The parser's unbalancedTags list every tag a problem touches; the scan names the one at fault.
      if (doc.description === undefined || (doc.unbalancedTags.length === 0 && !doc.otherTags)) return;
      for (const problem of scanTags(doc).problems) report(problem.message, problem);
    },
  },
  {
    id: 'body/second-person',
    defaultSeverity: 'warn',
    summary: 'The body addresses the agent in the second person ("You are …").',
    why: 'The body is the agent’s system prompt; the model follows instructions addressed to it.',
    bad: 'This agent is an expert in …',
    fix: 'Open with "You are …" and keep instructions in the second person.',
    needsLoaded: true,
    check({ doc }, report) {
      // The opening may keep trailing white space that trim() would drop: the test is for words (ASCII
      // ones, so the one-byte reading of the opening does).
      if (doc.bodyLength.max === 0 || SECOND_PERSON.test(doc.bodyOpeningScan(600))) return;
      report('the body should address the agent directly: start with "You are …".', { line: doc.bodyLine });
    },
  },
  {
    id: 'body/length',
    defaultSeverity: 'warn',
    summary: 'The body is 500–10,000 characters.',
    why: 'A short prompt gives the agent nothing to work with; a very long one costs context on every call.',
    bad: 'You review code.',
    fix: 'Describe responsibilities, method, standards, output and edge cases; move reference material to skills.',
    needsLoaded: true,
    check({ doc, config }, report) {
      const { min, max } = config.body;
      const bounds = doc.bodyLength;
      if (bounds.min >= min && bounds.max <= max) return;
      const length = bounds.min === bounds.max ? bounds.min : doc.bodyTrimmedLength();
      if (length < min) report(`the body has ${length} characters; write at least ${min}.`, { line: doc.bodyLine });
      if (length > max) report(`the body has ${length} characters; keep it under ${max}.`, { line: doc.bodyLine });
    },
  },
  {
    id: 'body/house-structure',
    defaultSeverity: 'warn',
    summary: 'The body has the required `##` sections (config `sections`), in order.',
    why: 'One structure across a team’s agents makes them reviewable and lets tools import and regenerate them.',
    bad: '## Output Format before ## Your Core Responsibilities',
    fix: 'Add the missing sections, or reorder them; set `sections` in agentsmith.config.yaml to change the list.',
    needsLoaded: true,
    check({ doc, config }, report) {
      const wanted = requiredKeys(config.sections);
      const { found, keys } = levelTwoKeys(doc.headings, wanted);
      // Each required section: in order, elsewhere (out of order), or missing (-1). (Arrays filled by push:
      // see levelTwoKeys.)
      let cursor = 0;
      const places: number[] = [];
      const missing: string[] = [];
      for (const key of wanted) {
        const at = keys.indexOf(key, cursor);
        if (at >= 0) cursor = at + 1;
        const place = at >= 0 ? at : keys.indexOf(key) >= 0 ? -2 : -1;
        places.push(place);
        if (place === -1) missing.push(key);
      }
      // A missing section written at another level is named (one pass over the other headings).
      const levels = missing.length > 0 ? otherLevels(doc.headings, missing) : [];
      // Sections missing with no heading at another level are named together, in one warning: five of them
      // were five warnings on one line (and took five of the ten annotations GitHub shows per step). (A
      // list of more than 30 sections names the rest one by one.)
      let plain = 0;
      for (let i = 0; i < wanted.length; i++) {
        const required = config.sections[i] as string;
        if ((places[i] as number) >= 0) continue;
        if (places[i] === -2) {
          report(`section "## ${required}" is out of order; expected order: ${config.sections.join(' → ')}.`, {
            line: found[keys.indexOf(wanted[i] as string)]?.line ?? doc.bodyLine,
          });
        } else {
          const level = levels[missing.indexOf(wanted[i] as string)];
          if (level) {
            report(`section "## ${required}" is missing: "${'#'.repeat(level.level)} ${level.title}" (line ${level.line}) is a level-${level.level} heading; make it "## ${level.title}".`, {
              line: level.line,
            });
          } else if (i < 30) plain |= 1 << i;
          else report(`section "## ${required}" is missing.`, { line: doc.bodyLine });
        }
      }
      if (plain !== 0) report(missingSections(config.sections, plain), { line: doc.bodyLine });
    },
  },
];
