import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { describe } from '../files/errors.js';
import { parseAgentFile, type Verdict } from '../parser/index.js';
import { quote } from '../render/frontmatter.js';
import { splitFrontmatter } from '../parser/split.js';
import { quoteForRetry, SIMPLE_LINE } from '../parser/yaml.js';

export type FixResult =
  | { fixed: true; text: string; name: string }
  | { fixed: false; reason: string };

/**
 * Rewrites a frontmatter that loads only through the client's retry into strict YAML, changing nothing
 * else: each line the retry would quote is written as a double-quoted scalar of the value the client
 * reads, and leading tabs become two spaces each (as the retry does). Every other byte stays.
 *
 * A literal `\n` in `description` becomes a real line break: the client turns it into one when it reads
 * the description, so after the fix every tool sees the text the client always showed. In other keys a
 * `\n` stays two characters, as the client reads them.
 */
export function fixRecovered(text: string): FixResult {
  const before = parseAgentFile(text);
  if (before.readMode !== 'recovered') return { fixed: false, reason: `the frontmatter is ${before.readMode === 'strict' ? 'already strict' : 'not readable'}` };
  const split = splitFrontmatter(text);
  const block = split.frontmatter ?? '';
  const lines = block.split('\n').map((line) => {
    const retried = quoteForRetry(line);
    if (retried === line) return line;
    const match = SIMPLE_LINE.exec(line);
    const key = match?.[1];
    const read = key === undefined ? undefined : before.frontmatter[key];
    // A line the retry quoted: write the value the client read, quoted properly (it also escapes `---`).
    if (key && typeof read === 'string' && read === match?.[2]) {
      return `${key}: ${quote(key === 'description' ? read.replaceAll('\\n', '\n') : read)}`;
    }
    return retried;
  });
  const prefix = text.slice(0, text.length - split.text.length + split.frontmatterOffset);
  const fixed = `${prefix}${lines.join('\n')}${text.slice(text.length - split.text.length + split.closeOffset)}`;
  const after = parseAgentFile(fixed);
  if (after.readMode !== 'strict' || after.verdict.kind !== before.verdict.kind || after.body !== before.body) {
    return { fixed: false, reason: 'a strict rewrite would change what Claude Code reads; fix it by hand' };
  }
  if (before.verdict.kind === 'loaded' && after.verdict.kind === 'loaded' && before.verdict.registeredName !== after.verdict.registeredName) {
    return { fixed: false, reason: 'a strict rewrite would change the name; fix it by hand' };
  }
  return { fixed: true, text: fixed, name: after.verdict.kind === 'loaded' ? after.verdict.name : '' };
}

/**
 * A file that mixes CRLF and LF line endings, converted to LF (rule file/line-endings): undefined when it
 * does not mix them, or the client does not take it for an agent. The client quotes a `key: value` line
 * for its retry only when the line ends with LF, so LF can make a skipped file load; a loaded file must
 * keep its name (else it is left for the user to convert and check).
 */
export function fixLineEndings(text: string): { fixed: true; text: string; before: Verdict; after: Verdict } | { fixed: false; reason: string } | undefined {
  const before = parseAgentFile(text);
  if (before.lineEnding !== 'mixed' || before.verdict.kind === 'not-an-agent') return undefined;
  const fixed = text.replaceAll('\r\n', '\n');
  const after = parseAgentFile(fixed).verdict;
  const keeps = before.verdict.kind === 'loaded' ? after.kind === 'loaded' && after.registeredName === before.verdict.registeredName : after.kind !== 'not-an-agent';
  if (!keeps) return { fixed: false, reason: 'with LF line endings Claude Code would read another name or no agent; convert the line endings by hand and check the file' };
  return { fixed: true, text: fixed, before: before.verdict, after };
}

/** What --fix does to one file's text: LF line endings for a file that mixes them, then a strict frontmatter. */
export function fixText(text: string): { text: string; what: string } | { reason: string } | undefined {
  const endings = fixLineEndings(text);
  if (endings && !endings.fixed) return { reason: endings.reason };
  const strict = fixRecovered(endings?.text ?? text);
  // The frontmatter's own fix says nothing of a file it has nothing to do for (strict already, or unreadable).
  const quiet = !strict.fixed && (strict.reason.includes('already strict') || strict.reason.includes('not readable'));
  if (!endings) {
    if (strict.fixed) return { text: strict.text, what: `strict frontmatter, still loads as "${strict.name}"` };
    return quiet ? undefined : { reason: strict.reason };
  }
  const done = strict.fixed ? 'LF line endings (it mixed CRLF and LF) and a strict frontmatter' : 'LF line endings (it mixed CRLF and LF)';
  const left = strict.fixed || quiet ? '' : `; the frontmatter is left as it was (${strict.reason})`;
  return { text: strict.fixed ? strict.text : endings.text, what: `${done}${left}, ${loadsNow(endings.before, endings.after)}` };
}

function loadsNow(before: Verdict, after: Verdict): string {
  if (after.kind === 'loaded') return before.kind === 'loaded' ? `still loads as "${after.name}"` : `now loads as "${after.name}" (Claude Code skipped it before)`;
  return `Claude Code still skips it: ${after.kind === 'skipped' ? after.reason : ''}`;
}

/**
 * A symbolic link is not rewritten: replacing it would turn it into a copy (the link gone, its target
 * unfixed), and writing through it could change a file anywhere. The user fixes the target itself.
 */
function linkProblem(path: string): string | undefined {
  if (!lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) return undefined;
  let target: string;
  try {
    target = realpathSync(path);
  } catch {
    target = readlinkSync(path);
  }
  return `it is a symbolic link to ${target}; a fix would replace the link with a copy. Run "agentsmith check --fix ${target}" to fix the file itself.`;
}

/** Fixes every file under the paths that fixText mends, in place (atomically): one report line per file fixed or not, and how many fixes could not be written. */
export function fixFiles(paths: string[], read: (path: string) => string, write: (path: string, text: string) => void): { report: string[]; unwritten: number } {
  const report: string[] = [];
  let unwritten = 0;
  for (const path of paths) {
    let text: string;
    try {
      text = read(path);
    } catch {
      continue;
    }
    const result = fixText(text);
    if (result === undefined) continue;
    if ('text' in result) {
      const refused = linkProblem(path);
      if (refused) {
        report.push(`not fixed ${path}: ${refused}`);
        unwritten++;
        continue;
      }
      try {
        write(path, result.text);
      } catch (error) {
        report.push(`not fixed ${path}: ${describe(error)}`);
        unwritten++;
        continue;
      }
      report.push(`fixed ${path}: ${result.what}`);
    } else {
      report.push(`not fixed ${path}: ${result.reason}`);
    }
  }
  return { report, unwritten };
}
