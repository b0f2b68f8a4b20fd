import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';
import { repoRoot } from '../helpers/corpus.js';

/**
 * Memory that stays with a check as files go by, measured in a child node with --expose-gc on the build
 * (`npm test` builds first). Every file here is different (its own headings, keys, tools, name), as in a
 * real repository: nothing cut from one file's text may stay alive once the file is checked.
 */
const FILES = 1500;

function agent(i: number): string {
  const id = `${i.toString(36)}-${'x'.repeat(24)}`;
  return [
    '---',
    `name: agent-${id}`,
    `description: Use this agent when the ${id} service needs work; it knows that service well.`,
    `tools: Read, Grep, Tool${id.replace(/-/g, '')}`,
    `custom_${id.replace(/-/g, '_')}: value`,
    '---',
    `You are the ${id} specialist.`,
    '',
    `## Section about ${id}`,
    '',
    `${'Some words about the work. '.repeat(150)}`,
    '',
    `## Another heading for ${id}`,
    '',
    `- a list item about ${id}`,
    '',
  ].join('\n');
}

const script = `
const { checkFiles } = await import(${JSON.stringify(join(repoRoot, 'dist', 'src', 'commands', 'check.js'))});
const { resolveConfig } = await import(${JSON.stringify(join(repoRoot, 'dist', 'src', 'rules', 'index.js'))});
const { readdirSync } = await import('node:fs');
const dir = process.argv[1];
const files = readdirSync(dir).sort().map((name, order) => ({ path: dir + '/' + name, fromFolder: true, order }));
const config = resolveConfig({});
const heap = () => { gc(); gc(); return process.memoryUsage().heapUsed; };
checkFiles(files.slice(0, 500), config);
const warm = heap();
checkFiles(files.slice(500), config);
const dropped = heap() - warm;
const kept = checkFiles(files.slice(500), config);
const withResults = heap() - warm;
console.log(JSON.stringify({ dropped, withResults, count: kept.results.length }));
`;

describe('memory while checking many different files', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    temp = tempDir();
    for (let i = 0; i < FILES; i++) writeFileSync(join(temp.dir, `agent-${String(i).padStart(4, '0')}.md`), agent(i));
  });
  afterAll(() => temp.cleanup());

  it('keeps no file text once a file is checked, and a small, fixed amount per result', async () => {
    const child = await run('node', ['--expose-gc', '--input-type=module', '-e', script, temp.dir], repoRoot);
    expect(child.stderr).toBe('');
    const { dropped, withResults, count } = JSON.parse(String(child.stdout)) as { dropped: number; withResults: number; count: number };
    const perFile = (bytes: number) => Math.round(bytes / count);
    console.log(`retained per file: ${perFile(dropped)} B with the results dropped, ${perFile(withResults)} B with them kept`);
    expect(count).toBe(FILES - 500);
    // Each file is ~4.5 KB of text: keeping it shows as 5-6 KB per file. What does stay is the bounded
    // memos (heading keys, tool lines, hints) filling up, about 1 KB per file of this test's unique values.
    expect(perFile(dropped)).toBeLessThan(2048);
    expect(perFile(withResults - dropped)).toBeLessThan(1024);
  });
});
