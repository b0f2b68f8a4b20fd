import { descriptionPositions, type AgentDocument, type Position } from '../parser/index.js';
import { closest, didYouMean } from './similar.js';

/** The tags the client's examples are made of. */
const TAGS = ['example', 'commentary'];
/** Any `<name>` or `</name>`: misspelt tags are found among these. */
const ANY_TAG = /<(\/?)([A-Za-z][\w-]*)>/g;

export interface TagScan {
  /** What is wrong with the tags, once per tag at fault, each saying how to fix it. */
  problems: { message: string; line: number; column: number }[];
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
  at: Position;
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
    scan = scanDescription(doc.description ?? '', descriptionPositions(doc, doc.description ?? ''));
    scans.set(doc, scan);
  }
  return scan;
}

function scanDescription(text: string, positionOf: (offset: number) => Position): TagScan {
  const problems: TagScan['problems'] = [];
  const stack: Open[] = [];
  let examplesOpened = 0;
  const otherCase = { count: 0, written: '' };
  const report = (message: string, at: Position): void => {
    problems.push({ message, ...at });
  };
  const unclosed = (open: Open, before: string): void => {
    if (open.name === open.meant) report(`<${open.name}> is not closed before ${before}; add </${open.name}> before it.`, open.at);
  };
  for (const match of text.matchAll(ANY_TAG)) {
    const [written = '', slash, name = ''] = match;
    const meant = TAGS.includes(name) ? name : closest(name, TAGS);
    if (!meant) continue;
    const at = positionOf(match.index ?? 0);
    if (!slash) {
      stack.push({ name, meant, at });
      if (name === 'example') examplesOpened++;
      continue;
    }
    // The open tag this one closes: the same name, or else the tag it (or the opening) misspells.
    let closes = stack.findLastIndex((open) => open.name === name);
    if (closes < 0) closes = stack.findLastIndex((open) => open.meant === meant && (open.name === open.meant || name === meant));
    if (closes < 0) {
      if (name === meant) report(`${written} has no opening <${name}>; remove it or add <${name}> before it.`, at);
      else report(`${written} is not a known tag and closes nothing${didYouMean(`</${meant}>`, false)}`, at);
      continue;
    }
    for (const open of stack.splice(closes + 1)) unclosed(open, `${written} (${where(at, open.at)})`);
    const open = stack.pop() as Open;
    if (open.name === name) {
      if (meant === 'example' && name !== meant && name.toLowerCase() === meant) {
        otherCase.count++;
        otherCase.written ||= `<${name}>`;
      }
      continue;
    }
    if (name !== meant) report(`${written} does not close <${open.name}> (${where(open.at, at)})${didYouMean(`</${meant}>`, false)}`, at);
    else {
      report(`<${open.name}> is closed by ${written}${didYouMean(`<${meant}>`, false)}`, open.at);
      if (meant === 'example') examplesOpened++;
    }
  }
  for (const open of stack) {
    if (open.name === open.meant) report(`<${open.name}> is never closed; add </${open.name}> at the end of the ${open.name}.`, open.at);
  }
  return { problems: problems.sort((a, b) => a.line - b.line || a.column - b.column), examplesOpened, otherCase };
}

/** Where `at` is, said from a problem at `from`: its line, or its column when both are on one line (a one-line description). */
const where = (at: Position, from: Position): string => (at.line === from.line ? `column ${at.column}` : `line ${at.line}`);
