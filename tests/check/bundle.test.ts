import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentsmith, BIN, cleanEnv, run, tempDir } from '../helpers/cli.js';
import { repoRoot } from '../helpers/corpus.js';

// The bundled check is what the build makes (npm test builds first); these tests use that build.
const load = (await import(join(repoRoot, 'dist', 'src', 'bundle', 'load.js'))) as typeof import('../../src/bundle/load.js');
const checkFlags = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: { check: string } }).scripts.check
  .split(/\s+/)
  .filter((word) => word.startsWith('--'));

describe('the bundled check', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    temp = tempDir();
    // Every 12th oracle fixture (odd frontmatter of every kind, 340 files), in an agents folder and loose.
    const agents = join(temp.dir, '.claude', 'agents');
    mkdirSync(agents, { recursive: true });
    const fixtures = join(repoRoot, 'tests', 'fixtures', 'oracle');
    readdirSync(fixtures)
      .filter((name, i) => name.endsWith('.md') && i % 12 === 0)
      .forEach((name, i) => copyFileSync(join(fixtures, name), join(i % 5 === 0 ? temp.dir : agents, name)));
    mkdirSync(join(temp.dir, 'team', '.git'), { recursive: true });
    writeFileSync(join(temp.dir, 'team', 'agentsmith.config.yaml'), 'rules: [\n');
    writeFileSync(join(temp.dir, 'spec.yaml'), 'agents: 3\n');
  });
  afterAll(() => temp.cleanup());

  const both = (args: string[], cwd = temp.dir) =>
    Promise.all(['1', '0'].map((bundle) => agentsmith(args, cwd, { env: cleanEnv({ AGENTSMITH_BUNDLE: bundle }) })));

  it('is what the bin runs for check, with the code cache the build trained for npm run check', async () => {
    const debug = { AGENTSMITH_DEBUG_BUNDLE: '1' };
    const node = (flags: string[]) => run('node', [...flags, BIN, 'check', '--format', 'json'], temp.dir, { env: cleanEnv(debug) });
    // The build trains a cache for npm run check's V8 flags and one for the bin run without flags.
    for (const flags of [checkFlags, []]) expect((await node(flags)).stderr).toContain('agentsmith: check bundle loaded (code cache: accepted)');
    // Other V8 flags: no cache was made for them, and the bundle runs without one.
    expect((await node(['--max-old-space-size=300'])).stderr).toContain('agentsmith: check bundle loaded (code cache: none)');
    const off = await agentsmith(['check'], temp.dir, { env: cleanEnv({ ...debug, AGENTSMITH_BUNDLE: '0' }) });
    expect(off.stderr).not.toContain('check bundle loaded');
    const otherCommand = await agentsmith(['rules'], temp.dir, { env: cleanEnv(debug) });
    expect(otherCommand.stderr).not.toContain('check bundle loaded');
  });

  it('reports exactly what the modules report, in every format, through the agents folder and loose files', async () => {
    for (const args of [
      ['check', '--format', 'json'],
      ['check'],
      ['check', '--format', 'github', '.claude/agents', '.'],
      ['check', '--format', 'sarif', '.'],
    ]) {
      const [bundled, modules] = await both(args);
      expect(bundled.exitCode, args.join(' ')).toBe(1);
      expect(bundled.stdout, args.join(' ')).toBe(modules.stdout);
      expect(bundled.stderr, args.join(' ')).toBe(modules.stderr);
    }
  });

  it('ends a failed check as main() does: usage problems, a bad config, a missing path, --help', async () => {
    for (const [args, cwd] of [
      [['check', '--bogus']],
      [['check', '--format', 'xml']],
      [['check', '--spec', 'spec.yaml']],
      [['check', 'missing.md']],
      [['check', '--help']],
      [['check'], join(temp.dir, 'team')],
    ] as [string[], string?][]) {
      const [bundled, modules] = await both(args, cwd);
      expect(bundled.exitCode, args.join(' ')).toBe(modules.exitCode);
      expect(bundled.stdout, args.join(' ')).toBe(modules.stdout);
      expect(bundled.stderr, args.join(' ')).toBe(modules.stderr);
      expect(bundled.stderr + bundled.stdout, args.join(' ')).not.toContain('unexpected failure');
    }
  });
});

describe('the bundle build', () => {
  it('starts worker threads from modules that exist beside the bundle, as from the modules', () => {
    // compiledModule() resolves against src/paths.ts: the bundle must sit in the folder paths.js was compiled to.
    expect(dirname(load.BUNDLE)).toBe(join(repoRoot, 'dist', 'src'));
    const sources = ['src/files/read-ahead.ts', 'src/commands/check-parallel.ts'].map((file) => readFileSync(join(repoRoot, file), 'utf8'));
    const workers = sources.flatMap((text) => [...text.matchAll(/compiledModule\('([^']+)'\)/g)].map((match) => match[1] as string));
    expect(workers).toEqual(['files/read-ahead-worker.js', 'commands/check-worker.js']);
    for (const worker of workers) expect(existsSync(join(repoRoot, 'dist', 'src', worker)), worker).toBe(true);
  });

  it('lists the compiled modules the bundle was made from', () => {
    const manifest = JSON.parse(readFileSync(load.MANIFEST, 'utf8')) as { inputs: string[] };
    expect(manifest.inputs).toContain('dist/src/check-main.js');
    expect(manifest.inputs).toContain('dist/src/parser/index.js');
    for (const input of manifest.inputs) expect(existsSync(join(repoRoot, input)), input).toBe(true);
  });

  it('keys the cache by the bundle, the Node version and the V8 flags', () => {
    const bundle = { size: 1000, mtimeMs: 5 };
    const key = load.cachePath(bundle, checkFlags);
    expect(load.cachePath(bundle, checkFlags)).toBe(key);
    expect(load.cachePath(bundle, [])).not.toBe(key);
    expect(load.cachePath({ size: 1000, mtimeMs: 6 }, checkFlags)).not.toBe(key);
    expect(load.cachePath({ size: 1001, mtimeMs: 5 }, checkFlags)).not.toBe(key);
    expect(dirname(key)).toBe(load.CACHE_DIR);
  });
});

describe('isStale', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    temp = tempDir();
    for (const name of ['a.js', 'b.js']) writeFileSync(join(temp.dir, name), '');
    utimesSync(join(temp.dir, 'a.js'), 100, 100);
    utimesSync(join(temp.dir, 'b.js'), 200, 200);
  });
  afterAll(() => temp.cleanup());

  it('holds when an input was compiled after the bundle, or is gone, so the modules run instead', () => {
    const manifest = { inputs: ['a.js', 'b.js'] };
    expect(load.isStale(300_000, manifest, temp.dir)).toBe(false);
    expect(load.isStale(150_000, manifest, temp.dir)).toBe(true);
    expect(load.isStale(300_000, { inputs: ['a.js', 'gone.js'] }, temp.dir)).toBe(true);
  });
});
