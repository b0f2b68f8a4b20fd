import type { Diagnostic } from '../rules/index.js';

/** "1 agent", "2 agents". */
export const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

/**
 * One diagnostic on one line, the way every command prints it: `path:line:col  severity  rule  message`
 * (the path left out when the context already names the file).
 */
export function formatDiagnostic(d: Diagnostic, path?: string): string {
  return `${path === undefined ? '' : `${path}:`}${d.line}:${d.column}  ${d.severity}  ${d.rule}  ${d.message}`;
}

/**
 * A value the user gave, quoted for a message: `"api-developer"`, long values cut short (a 15 kB answer is
 * not worth echoing). JSON.stringify escapes \n and \r but prints U+2028 and friends raw; every break is
 * shown as an escape, and invisible format characters (U+200B, U+202E) too, or `--title ""` would look wrong;
 * so are DEL and the C1 controls, which JSON.stringify leaves raw (U+009B alone starts a terminal sequence).
 */
export function shownValue(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value).replace(
    /[\v\f\u007f-\u009f\u2028\u2029\p{Cf}]/gu,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export { shownPath } from '../files/shown-text.js';

/**
 * A path as a shell word, for a command a message tells the user to run: as it is when it needs no
 * quoting, else in single quotes (`'my spec.yaml'`), so that the command can be copied as printed.
 */
export function shellWord(path: string): string {
  // A path that starts with - would be read as a flag: ./-x.yaml is the same file.
  const word = path.startsWith('-') ? `./${path}` : path;
  return /^[\w./@%+=:,-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
