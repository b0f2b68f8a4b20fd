import { descriptionLines, type AgentDocument } from '../parser/index.js';
import { closest, didYouMean } from './similar.js';

/** The tags the client's examples are made of. */
const TAGS = ['example', 'commentary'];
/** Any `<name>` or `</name>`: misspelt tags are found among these. */
const ANY_TAG = /<(\/?)([A-Za-z][\w-]*)>/g;

export interface TagScan {
  /** What is wrong with the tags, once per tag at fault, each saying how to fix it. */
  problems: { message: string; line: number }[];
  /** `<example>` tags opened, misspelt ones closed by `</example>` included. */
  examplesOpened: number;
  /** Example blocks written in another case (`<Example>…</Example>`), which are no `<example>` blocks, and how the first is written. */
  otherCase: { count: number; written: string };
}

interface Open {
  /** As written. */
  name: string;
  /** `example` or `commentary`, which the name is or is a misspelling of. */
  meant: string;
  line: number;
}

const scans = new WeakMap<AgentDocument, TagScan>();

/**
 * The balance of `<example>` and `<commentary>` tags in a description, read as a stack so that each
 * problem is reported once, at the tag at fault: a `<commentary>` left open inside an example is that
 * commentary's problem, not the example's. Misspelt tags (`</examples>`) are named with the tag meant;
 * a misspelt pair (`<examples>…</examples>`, a wrapper) closes itself and is left alone.
 * Both description rules ask, so the scan is kept per document.
 */
export function scanTags(doc: AgentDocument): TagScan {
  let scan = scans.get(doc);
  if (!scan) {
    scan = scanDescription(doc.description ?? '', descriptionLines(doc));
    scans.set(doc, scan);
  }
  return scan;
}

function scanDescription(text: string, lineOf: (offset: number) => number): TagScan {
  const problems: TagScan['problems'] = [];
  const stack: Open[] = [];
  let examplesOpened = 0;
  const otherCase = { count: 0, written: '' };
  const unclosed = (open: Open, before: string): void => {
    if (open.name === open.meant) problems.push({ message: `<${open.name}> is not closed before ${before}; add </${open.name}> before it.`, line: open.line });
  };
  for (const match of text.matchAll(ANY_TAG)) {
    const [written = '', slash, name = ''] = match;
    const meant = TAGS.includes(name) ? name : closest(name, TAGS);
    if (!meant) continue;
    const line = lineOf(match.index ?? 0);
    if (!slash) {
      stack.push({ name, meant, line });
      if (name === 'example') examplesOpened++;
      continue;
    }
    // The open tag this one closes: the same name, or else the tag it (or the opening) misspells.
    let at = stack.findLastIndex((open) => open.name === name);
    if (at < 0) at = stack.findLastIndex((open) => open.meant === meant && (open.name === open.meant || name === meant));
    if (at < 0) {
      if (name === meant) problems.push({ message: `${written} has no opening <${name}>; remove it or add <${name}> before it.`, line });
      else problems.push({ message: `${written} is not a known tag and closes nothing${didYouMean(`</${meant}>`, false)}`, line });
      continue;
    }
    for (const open of stack.splice(at + 1)) unclosed(open, `${written} (line ${line})`);
    const open = stack.pop() as Open;
    if (open.name === name) {
      if (meant === 'example' && name !== meant && name.toLowerCase() === meant) {
        otherCase.count++;
        otherCase.written ||= `<${name}>`;
      }
      continue;
    }
    if (name !== meant) problems.push({ message: `${written} does not close <${open.name}> (line ${open.line})${didYouMean(`</${meant}>`, false)}`, line });
    else {
      problems.push({ message: `<${open.name}> is closed by ${written}${didYouMean(`<${meant}>`, false)}`, line: open.line });
      if (meant === 'example') examplesOpened++;
    }
  }
  for (const open of stack) {
    if (open.name === open.meant) problems.push({ message: `<${open.name}> is never closed; add </${open.name}> at the end of the ${open.name}.`, line: open.line });
  }
  return { problems: problems.sort((a, b) => a.line - b.line), examplesOpened, otherCase };
}
