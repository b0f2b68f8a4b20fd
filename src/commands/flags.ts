import { prose } from '../prose.js';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';
import { closest, didYouMean } from '../rules/similar.js';
import { shownValue } from './text.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface FlagSettings {
  /** Whether words that are not flags (paths, a spec file) are taken; default true. */
  allowPositionals?: boolean;
  /** What a flag's value may be, said when the value is missing: `{ format: 'stylish, json, github, sarif' }`. */
  values?: Record<string, string>;
  /** Flags whose value is a comma-separated list (new --frameworks): given twice, the message joins them. */
  lists?: string[];
}

/**
 * node:util parseArgs, turning its errors into a usage error (exit 2) followed by `help` (the help text, or
 * a line saying where to find it); an unknown flag close to a known one gets a "did you mean" (`--frmat` →
 * `--format`). A flag that takes one value, given again with another, is refused too: parseArgs would keep
 * the last one without a word (`--name a --name b` writes b.md). So is an empty word (a path).
 */
export function parseFlags<T extends Options>(command: string, argv: string[], options: T, help: string, settings: FlagSettings = {}) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: settings.allowPositionals ?? true, strict: true, tokens: true });
  } catch (error) {
    throw new UsageError(`agentsmith ${command}: ${flagProblem(error, argv, options, settings.values)}\n\n${help}`);
  }
  const misread = misreadWord(parsed.tokens, argv, options) ?? repeatedFlag(parsed.tokens, options, settings.lists);
  if (misread) throw new UsageError(`agentsmith ${command}: ${misread}\n\n${help}`);
  // The words of every command are paths; an empty one (an unset "$DIR") would be read as a file named "".
  const blank = parsed.positionals.find((word) => word.trim() === '');
  if (blank !== undefined) {
    throw new UsageError(`agentsmith ${command}: a path given is empty (${shownValue(blank)}); give a file or folder (an unset or empty variable, as in "$DIR", gives an empty word).`);
  }
  return parsed;
}

/** The long name of each one-letter flag: `{ f: 'format' }`. */
const shortNames = (options: Options): Map<string, string> =>
  new Map(Object.entries(options).flatMap(([name, option]) => (option.short === undefined ? [] : [[option.short, name]])));

/**
 * Whether `word` is exactly one of the flags as written on a command line (`--fix`, `--out=x`, `-f`).
 * A longer one-dash word (`-hello.md`) is not: after `--`, it is how a file named so is given.
 */
function isFlag(word: string, options: Options): boolean {
  if (word.startsWith('--')) return Object.hasOwn(options, word.slice(2).split('=')[0] ?? '');
  return word.length === 2 && word[0] === '-' && shortNames(options).has(word[1] ?? '');
}

/**
 * Words parseArgs reads without an error, but not as the user meant them: a long flag written with one dash
 * (`-fix` is -f with the value "ix"), a short flag given its value with "=" (`-f=json` is the value "=json"),
 * and a flag after `--`, which ends the flags (`check -- --fix` would look for a file named --fix).
 */
function misreadWord(tokens: ReturnType<typeof parseArgs>['tokens'] = [], argv: string[], options: Options): string | undefined {
  for (const token of tokens) {
    if (token.kind !== 'option' || token.rawName.startsWith('--') || !token.inlineValue) continue;
    const word = argv[token.index] ?? '';
    const long = oneDashLong(word, options);
    if (long) return long;
    if (token.value?.startsWith('=')) {
      return `${word}: a one-letter flag takes no "="; write ${token.rawName} ${token.value.slice(1) || 'VALUE'}, or --${token.name}=${token.value.slice(1) || 'VALUE'}.`;
    }
  }
  const end = tokens.find((token) => token.kind === 'option-terminator');
  const flag = tokens.find((token) => token.kind === 'positional' && end !== undefined && token.index > end.index && isFlag(token.value, options));
  if (flag?.kind === 'positional') {
    return `${flag.value} comes after "--", which ends the flags, so it would be read as a path, not as the flag; remove the "--" (for a file named ${flag.value}, write ./${flag.value}).`;
  }
  return undefined;
}

/** The message for a long flag written with one dash (`-fix`, `-format=json`), or undefined. */
function oneDashLong(word: string, options: Options): string | undefined {
  if (!/^-[^-]/.test(word)) return undefined;
  const name = word.slice(1).split('=')[0] ?? '';
  return name.length > 1 && Object.hasOwn(options, name) ? `${word}: a flag's long name takes two dashes; write -${word}.` : undefined;
}

/**
 * The first single-valued flag given with two different values, in words, or undefined. The same value
 * twice is accepted (a script may add a flag its caller already gave); switches cannot conflict, and a
 * flag declared `multiple` (check --spec) collects its values.
 */
function repeatedFlag(tokens: ReturnType<typeof parseArgs>['tokens'] = [], options: Options, lists: string[] = []): string | undefined {
  const given = new Map<string, string[]>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.value === undefined) continue;
    const option = options[token.name];
    if (option?.type !== 'string' || option.multiple) continue;
    const values = given.get(token.name) ?? [];
    if (!values.includes(token.value)) values.push(token.value);
    given.set(token.name, values);
  }
  for (const [name, values] of given) {
    if (values.length < 2) continue;
    const times = tokens.filter((token) => token.kind === 'option' && token.name === name).length;
    const shown = values.map(shownValue);
    const list = prose(shown);
    const items = [...new Set(values.flatMap((value) => value.split(',').map((item) => item.trim())).filter(Boolean))];
    const once = lists.includes(name) ? `give it once, the items comma-separated: --${name} ${shownValue(items.join(','))}` : 'give it once';
    return `--${name} is given ${times === 2 ? 'twice' : `${times} times`} (${list}); ${once}.`;
  }
  return undefined;
}

/**
 * parseArgs' errors in our words, each saying how to fix it ("--title needs a value; to pass a value
 * starting with -, write --title=---"). A flag is named by its long name, even when written short
 * (parseArgs says "-f, --format"). Anything else keeps its own message.
 */
function flagProblem(error: unknown, argv: string[], options: Options, values: Record<string, string> = {}): string {
  const known = Object.keys(options);
  const { code, message } = error as { code?: string; message: string };
  // parseArgs names the flag as written ('-f'), as '-f, --format <value>', or as '--format'; its advice
  // for a value starting with a dash always spells the long name ('--format=-XYZ').
  const long = /--([A-Za-z0-9][^'=< ]*)/.exec(message)?.[1];
  const flag = long === undefined ? (/'(-[^' ,]+)/.exec(message)?.[1] ?? '') : `--${long}`;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
    if (flag.startsWith('--')) {
      const meant = closest(flag.slice(2), known);
      return `unknown flag ${flag}${didYouMean(meant && `--${meant}`, false) || '.'}`;
    }
    // A one-letter flag may stand in a group of them (`-hx`, `-h=1`): say which word holds it.
    // (Written alone, it is its own word; in a group, only among the letters before one that takes a
    // value: in `-fjson`, "json" is -f's value.)
    const words = argv.slice(0, end);
    const word = words.includes(flag) ? undefined : words.find((candidate) => /^-[^-]/.test(candidate) && candidate.length > 2 && flagLetters(candidate, options).includes(flag.slice(1)));
    return word === undefined ? `unknown flag ${flag}.` : groupProblem(word, flag, options);
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const word = /'([^']*)'/.exec(message)?.[1] ?? '';
    if (afterTerminator(argv, options)) {
      if (isFlag(word, options)) return `${word} comes after "--", which ends the flags, and this command takes flags only; remove the "--" to give ${word} as a flag.`;
      return `${shownValue(word)} comes after "--", which ends the flags, and this command takes flags only; remove the "--", and give each value after its flag (--flag VALUE).`;
    }
    return `"${word}" is not a flag, and this command takes flags only (give a value as --flag VALUE; quote one with spaces or commas).`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/does not take an argument/.test(message)) return `${flag} is a switch and takes no value; write ${flag} alone.`;
    const allowed = long === undefined ? undefined : values[long];
    const needs = `${flag} needs a value${allowed === undefined ? '' : ` (${allowed})`}`;
    if (/ambiguous/.test(message)) {
      // The word taken for a flag is the one after the flag as written (`-f --fix`: --fix), at the first place
      // parseArgs stopped: `--out a --out --fix` is about --fix, not a.
      const written = /^Option '(-[^' ]+)'/.exec(message)?.[1] ?? flag;
      const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
      // (`--` after the flag ends the flags: it is no value to suggest.)
      const at = argv.findIndex((word, i) => i < end && word === written && argv[i + 1]?.startsWith('-') && argv[i + 1] !== '--');
      const next = argv[at + 1];
      if (at >= 0 && next !== undefined) return `${needs}; to pass a value starting with -, write ${flag}=${next}.`;
    }
    return allowed === undefined ? `${needs} (${flag} VALUE).` : `${needs}.`;
  }
  return message;
}

/** Whether the first word that is not a flag comes after `--` (parseArgs names the word, not where it stood). */
function afterTerminator(argv: string[], options: Options): boolean {
  let tokens;
  try {
    ({ tokens } = parseArgs({ args: argv, options, allowPositionals: true, strict: false, tokens: true }));
  } catch {
    return false;
  }
  return tokens.find((token) => token.kind === 'positional' || token.kind === 'option-terminator')?.kind === 'option-terminator';
}

/** The letters of a one-dash group that parseArgs reads as flags: up to and with the first that takes a value. */
function flagLetters(word: string, options: Options): string {
  const shorts = shortNames(options);
  let end = 1;
  while (end < word.length) {
    const name = shorts.get(word[end] ?? '');
    end++;
    if (name !== undefined && options[name]?.type === 'string') break;
  }
  return word.slice(1, end);
}

/**
 * Why a word of one-letter flags (`-h=1`, `-hx`, `-name`) holds `flag`, which no flag is: a long name with one
 * dash, a value given to switches with "=", or an unknown letter.
 */
function groupProblem(word: string, flag: string, options: Options): string {
  const long = oneDashLong(word, options);
  if (long) return long;
  const letters = word.slice(1).split('=')[0] ?? '';
  const shorts = shortNames(options);
  if (flag === '-=' && [...letters].every((letter) => shorts.has(letter))) {
    const named = [...letters].map((letter) => `-${letter} (--${shorts.get(letter)})`);
    const switches = named.length === 1 ? `${named[0]} is a switch and takes` : `${named.join(', ')} are switches and take`;
    return `${word}: ${switches} no value; write -${letters} alone.`;
  }
  const meant = letters.length > 1 ? closest(letters, Object.keys(options)) : undefined;
  return `unknown flag ${flag} (in ${word})${meant === undefined ? '.' : `; did you mean --${meant}?`}`;
}
