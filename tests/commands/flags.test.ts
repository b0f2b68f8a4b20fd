import { describe, expect, it } from 'vitest';
import { parseFlags, type FlagSettings } from '../../src/commands/flags.js';
import { UsageError } from '../../src/errors.js';

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  out: { type: 'string' },
  fix: { type: 'boolean' },
  spec: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
  yes: { type: 'boolean', short: 'y' },
} as const;
const VALUES = { format: 'stylish, json, github, sarif' };

/** The first line of the usage error parseFlags throws for `argv`. */
function problem(argv: string[], settings: FlagSettings = { values: VALUES }): string {
  try {
    parseFlags('check', argv, OPTIONS, 'HELP', settings);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message.split('\n')[0] ?? '';
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
}

describe('parseFlags: flag problems in our words', () => {
  it.each([
    [['--format'], 'agentsmith check: --format needs a value (stylish, json, github, sarif).'],
    [['-f'], 'agentsmith check: --format needs a value (stylish, json, github, sarif).'],
    [['-f', '--fix'], 'agentsmith check: --format needs a value (stylish, json, github, sarif); to pass a value starting with -, write --format=--fix.'],
    [['--format', '--fix'], 'agentsmith check: --format needs a value (stylish, json, github, sarif); to pass a value starting with -, write --format=--fix.'],
    [['--out'], 'agentsmith check: --out needs a value (--out VALUE).'],
    [['--out', 'a', '--out', '--fix'], 'agentsmith check: --out needs a value; to pass a value starting with -, write --out=--fix.'],
    [['-f', 'json', 'x.md', '-f', '-x'], 'agentsmith check: --format needs a value (stylish, json, github, sarif); to pass a value starting with -, write --format=-x.'],
    // `--` after a flag ends the flags: it is not a value to suggest.
    [['-f', '--', 'x.md'], 'agentsmith check: --format needs a value (stylish, json, github, sarif).'],
    [['--fix=yes'], 'agentsmith check: --fix is a switch and takes no value; write --fix alone.'],
    [['--frmat', 'json'], 'agentsmith check: unknown flag --frmat; did you mean --format?'],
  ])('%j → %s', (argv, expected) => {
    expect(problem(argv)).toBe(expected);
  });

  it('offers no "did you mean" for an unknown flag far from every known one', () => {
    expect(problem(['--verbose'])).toBe('agentsmith check: unknown flag --verbose.');
    expect(problem(['-x'])).toBe('agentsmith check: unknown flag -x.');
  });

  it('follows the message with the help given', () => {
    expect(() => parseFlags('check', ['--out'], OPTIONS, 'Run "agentsmith check --help".')).toThrow(/\n\nRun "agentsmith check --help"\.$/);
  });

  it('refuses an empty or blank word, where a path is expected', () => {
    for (const word of ['', ' ']) {
      expect(problem(['a.md', word, '--fix'])).toBe(
        `agentsmith check: a path given is empty (${JSON.stringify(word)}); give a file or folder (an unset or empty variable, as in "$DIR", gives an empty word).`,
      );
    }
  });

  it('refuses words that are not flags when positionals are not allowed', () => {
    expect(parseFlags('check', ['a.md'], OPTIONS, '').positionals).toEqual(['a.md']);
    expect(problem(['a.md'], { values: VALUES, allowPositionals: false })).toBe(
      'agentsmith check: "a.md" is not a flag, and this command takes flags only (give a value as --flag VALUE; quote one with spaces or commas).',
    );
  });
});

describe('parseFlags: words that hold a flag but are not written as one', () => {
  it.each([
    [['-h=1'], 'agentsmith check: -h=1: -h (--help) is a switch and takes no value; write -h alone.'],
    [['-hy=yes'], 'agentsmith check: -hy=yes: -h (--help), -y (--yes) are switches and take no value; write -hy alone.'],
    [['-f=json'], 'agentsmith check: -f=json: a one-letter flag takes no "="; write -f json, or --format=json.'],
    [['-hf=json'], 'agentsmith check: -hf=json: a one-letter flag takes no "="; write -f json, or --format=json.'],
    [['-fix'], "agentsmith check: -fix: a flag's long name takes two dashes; write --fix."],
    [['-format=json'], "agentsmith check: -format=json: a flag's long name takes two dashes; write --format=json."],
    [['-out', 'x'], "agentsmith check: -out: a flag's long name takes two dashes; write --out."],
    [['-hx'], 'agentsmith check: unknown flag -x (in -hx).'],
    // The letter in -f's value is no flag: the unknown -j is the word written alone.
    [['-fjson', '-j'], 'agentsmith check: unknown flag -j.'],
    [['-fjson', '-yj'], 'agentsmith check: unknown flag -j (in -yj).'],
    [['-hepl'], 'agentsmith check: unknown flag -e (in -hepl); did you mean --help?'],
  ])('%j → %s', (argv, expected) => {
    expect(problem(argv)).toBe(expected);
  });

  it('still takes one-letter flags grouped and a value joined to its letter', () => {
    expect(parseFlags('check', ['-hfjson', 'a.md'], OPTIONS, '').values).toEqual({ help: true, format: 'json' });
    expect(parseFlags('check', ['-hy'], OPTIONS, '').values).toEqual({ help: true, yes: true });
  });

  it('refuses a flag after "--" (it would be read as a path), and says how to pass a file of that name', () => {
    for (const flag of ['--fix', '--format=json', '-f']) {
      expect(problem(['a.md', '--', flag])).toBe(
        `agentsmith check: ${flag} comes after "--", which ends the flags, so it would be read as a path, not as the flag; remove the "--" (for a file named ${flag}, write ./${flag}).`,
      );
    }
    expect(parseFlags('check', ['--', '-x.md', './--fix'], OPTIONS, '').positionals).toEqual(['-x.md', './--fix']);
    // A file whose name starts with a one-letter flag's letter (h, f, y) is not that flag.
    expect(parseFlags('check', ['--', '-hello.md', '-fast-api.md'], OPTIONS, '').positionals).toEqual(['-hello.md', '-fast-api.md']);
  });

  it('says that "--" ends the flags of a command that takes flags only', () => {
    const flagsOnly = { values: VALUES, allowPositionals: false };
    expect(problem(['--', '--out', 'x'], flagsOnly)).toBe(
      'agentsmith check: --out comes after "--", which ends the flags, and this command takes flags only; remove the "--" to give --out as a flag.',
    );
    expect(problem(['--fix', '--', 'x'], flagsOnly)).toBe(
      'agentsmith check: "x" comes after "--", which ends the flags, and this command takes flags only; remove the "--", and give each value after its flag (--flag VALUE).',
    );
    // Before any "--" the word is simply not a flag, even when the same word comes again after one.
    expect(problem(['--out', 'o', 'x', '--', 'x'], flagsOnly)).toBe(
      'agentsmith check: "x" is not a flag, and this command takes flags only (give a value as --flag VALUE; quote one with spaces or commas).',
    );
  });
});

describe('parseFlags: a flag that takes one value, given more than once', () => {
  it.each([
    [['--out', 'a', '--out', 'b'], 'agentsmith check: --out is given twice ("a" and "b"); give it once.'],
    [['--out=a', '--out', 'b'], 'agentsmith check: --out is given twice ("a" and "b"); give it once.'],
    [['-f', 'json', '--format=sarif'], 'agentsmith check: --format is given twice ("json" and "sarif"); give it once.'],
    [['-fjson', 'x.md', '-f', 'github', '-f', 'json'], 'agentsmith check: --format is given 3 times ("json" and "github"); give it once.'],
    [['--out', 'a', '--out', ''], 'agentsmith check: --out is given twice ("a" and ""); give it once.'],
  ])('%j → %s', (argv, expected) => {
    expect(problem(argv)).toBe(expected);
  });

  it('names each item once in the comma-separated value it suggests', () => {
    expect(problem(['--out', 'a,b', '--out', 'b'], { lists: ['out'] })).toBe(
      'agentsmith check: --out is given twice ("a,b" and "b"); give it once, the items comma-separated: --out "a,b".',
    );
  });

  it('shows a list flag given twice as one comma-separated value', () => {
    expect(problem(['--out', 'express', '--out', 'fastify, hono'], { lists: ['out'] })).toBe(
      'agentsmith check: --out is given twice ("express" and "fastify, hono"); give it once, the items comma-separated: --out "express,fastify,hono".',
    );
  });

  it('shows a long value cut short and a line break escaped', () => {
    expect(problem(['--out', 'x'.repeat(100), '--out', 'a\nb'])).toBe(`agentsmith check: --out is given twice ("${'x'.repeat(57)}..." and "a\\nb"); give it once.`);
  });

  it('follows the message with the help given', () => {
    expect(() => parseFlags('check', ['--out', 'a', '--out', 'b'], OPTIONS, 'HELP')).toThrow(/give it once\.\n\nHELP$/);
  });

  it('accepts the same value twice, a switch twice, a multiple flag and repeated words', () => {
    const { values, positionals } = parseFlags('check', ['a.md', '--out', 'o', '--fix', '--out=o', '--fix', '--spec', 's', '--spec', 't', 'a.md'], OPTIONS, '');
    expect(values).toEqual({ out: 'o', fix: true, spec: ['s', 't'] });
    expect(positionals).toEqual(['a.md', 'a.md']);
  });
});
