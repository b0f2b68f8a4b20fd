import type { AgentDocument } from '../parser/index.js';
import type { Rule } from './types.js';

/** Rules about the file as bytes and lines, beside what the client reads from it. */
export const fileRules: Rule[] = [
  {
    id: 'file/line-endings',
    defaultSeverity: 'warn',
    summary: 'The file does not mix CRLF and LF line endings.',
    why:
      'The client’s retry quotes only values on LF lines, so a `: ` in a value on a CRLF line can make it skip a file that loads with LF ' +
      '(measured with the real client); mixed endings are also invisible in editors and make every diff noisy.',
    bad: '---\\r\\nname: api\\ndescription: Use this agent when: …\\r\\n---',
    fix: 'Convert the file to LF: `agentsmith check --fix`, or your editor’s line-ending setting (`.gitattributes`: `*.md text eol=lf`).',
    check({ doc }, report) {
      // Per file, one comparison: the parser has already told LF, CRLF and mixed apart.
      if (doc.lineEnding !== 'mixed') return;
      const found = endings(doc);
      report(mixedMessage(doc, found), { line: oddLine(found) });
    },
  },
];

/** Line breaks of one stretch of the file: how many of each kind, and the first line ending in each. */
interface Endings {
  crlf: number;
  lf: number;
  firstCrlf: number | undefined;
  firstLf: number | undefined;
}

/** Counts the line breaks of `text`, whose first line is line `line` of the file. */
function endingsOf(text: string, line: number, into: Endings): void {
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1), line++) {
    if (text.charCodeAt(at - 1) === 13) {
      into.crlf++;
      into.firstCrlf ??= line;
    } else {
      into.lf++;
      into.firstLf ??= line;
    }
  }
}

/**
 * The endings the document shows: the frontmatter between the fences and the body. The fence lines and
 * the blank lines next to them are not kept by the parser; only a mixed file (rare) gets here,
 * so decoding its body costs nothing in a large check.
 */
function endings(doc: AgentDocument): Endings {
  const found: Endings = { crlf: 0, lf: 0, firstCrlf: undefined, firstLf: undefined };
  const block = doc.frontmatterText;
  if (block !== undefined) {
    let breaks = 0;
    for (let at = block.indexOf('\n'); at >= 0; at = block.indexOf('\n', at + 1)) breaks++;
    // The block ends where the closing fence starts, so its first line is that many lines above it.
    endingsOf(block, doc.frontmatterEnd - breaks, found);
  }
  endingsOf(doc.body, doc.bodyLine, found);
  return found;
}

/**
 * Where to point: the first line of the kind fewer lines have (CRLF on a tie, LF being what agent files
 * should have); line 1 when the frontmatter and body show one kind only (the other is on a fence line or a
 * blank line next to one, which the document does not keep).
 */
function oddLine(found: Endings): number {
  if (found.crlf === 0 || found.lf === 0) return 1;
  return (found.lf < found.crlf ? found.firstLf : found.firstCrlf) ?? 1;
}

function mixedMessage(doc: AgentDocument, found: Endings): string {
  const lines = (count: number): string => (count === 1 ? '1 line ends' : `${count} lines end`);
  const at = (count: number, first: number | undefined): string => (count === 1 ? `(line ${first})` : `(the first is line ${first})`);
  const where =
    found.crlf === 0 || found.lf === 0
      ? `the frontmatter and the body end every line with ${found.crlf === 0 ? 'LF' : 'CRLF'}, but a --- fence line (1 or ${doc.frontmatterEnd}) ` +
        `or a blank line next to one ends with ${found.crlf === 0 ? 'CRLF' : 'LF'}`
      : `in the frontmatter and the body, ${lines(found.crlf)} with CRLF ${at(found.crlf, found.firstCrlf)} and ` +
        `${lines(found.lf)} with LF ${at(found.lf, found.firstLf)}`;
  // Measured with the client: its retry quotes a `key: value` line only when it ends with LF.
  const risk =
    doc.verdict.kind === 'skipped'
      ? 'Claude Code quotes a value holding ": " only on a line ending with LF, which may be why it skips this file'
      : 'Claude Code quotes a value holding ": " only on a line ending with LF, so such a value on a CRLF line makes it skip the file';
  return `the file mixes CRLF and LF line endings: ${where}. ${risk}. Convert it to LF: run "agentsmith check --fix", or save it with LF line endings in your editor.`;
}
