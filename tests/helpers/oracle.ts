import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAgentBytes } from '../../src/parser/index.js';

/** One file as the real client (cc-oracle) and the parser see it. */
export interface Comparison {
  file: string;
  client: { verdict: string; detail: string };
  parser: { verdict: string; said: string };
  sameVerdict: boolean;
  /** Same verdict, and the same name or skip reason (for a file that is no agent the oracle's detail is empty, or an artefact of its log matching). */
  agrees: boolean;
  /** The file, its text quoted, and both answers: one line for a failure message. */
  line: string;
}

/** Asks the client (the cc-oracle script `oracle`) about every file in `dir`, and the parser too. */
export function compareWithClient(oracle: string, dir: string): Comparison[] {
  return execFileSync('bash', [oracle, dir], { encoding: 'utf8', timeout: 600_000, maxBuffer: 1 << 28 })
    .replace(/\n$/, '')
    .split('\n')
    .map((row) => {
      const [path = '', verdict = '', detail = ''] = row.split('\t');
      const doc = parseAgentBytes(readFileSync(path), path);
      const said = doc.verdict.kind === 'loaded' ? doc.verdict.name : doc.verdict.kind === 'skipped' ? doc.verdict.reason : '';
      const sameVerdict = doc.verdict.kind === verdict;
      const text = JSON.stringify(readFileSync(path, 'utf8')).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
      const file = path.split('/').pop() ?? path;
      return {
        file,
        client: { verdict, detail },
        parser: { verdict: doc.verdict.kind, said },
        sameVerdict,
        agrees: sameVerdict && (verdict === 'not-an-agent' || said === detail),
        line: `${file} ${text}: client ${verdict} ${detail} / parser ${doc.verdict.kind} ${said}`,
      };
    });
}

/** Writes each family's files into `dir` as `<family>-0000.md`, `<family>-0001.md`, …; returns how many. */
export function writeFamilies(dir: string, families: Record<string, Iterable<string | Uint8Array>>): number {
  let count = 0;
  for (const [family, files] of Object.entries(families)) {
    let i = 0;
    for (const file of files) {
      writeFileSync(join(dir, `${family}-${String(i++).padStart(4, '0')}.md`), file);
      count++;
    }
  }
  return count;
}

/** A small seeded generator (mulberry32): the same seed draws the same files. */
export function random(seed: number): { pick: <T>(items: readonly T[]) => T; below: (n: number) => number; chance: (p: number) => boolean } {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const below = (n: number): number => Math.floor(next() * n);
  return { pick: (items) => items[below(items.length)] as (typeof items)[number], below, chance: (p) => next() < p };
}
export type Random = ReturnType<typeof random>;
