import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
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

  const both = (args: string[], cwd = temp.dir) => {
    const run = (bundle: string) => agentsmith(args, cwd, { env: cleanEnv({ AGENTSMITH_BUNDLE: bundle }) });
    return Promise.all([run('1'), run('0')]);
  };

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
      expect(`${String(bundled.stderr)}${String(bundled.stdout)}`, args.join(" ")).not.toContain("unexpected failure");
    }
  });
});

describe('the bundle build', () => {
  it('starts worker threads from modules that exist beside the bundle, as from the modules', () => {
    // compiledModule() resolves against src/paths.ts: the bundle must sit in the folder paths.js was compiled to.
    expect(dirname(load.BUNDLE)).toBe(join(repoRoot, 'dist', 'src'));
    const sources = ['src/files/read-ahead.ts', 'src/commands/check-parallel.ts'].map((file) => readFileSync(join(repoRoot, file), 'utf8'));
    const workers = sources.flatMap((text) => [...text.matchAll(/compiledModule\('([^']+)'\)/g)].map((match) => match[1] as string));
    expect(workers).toEqual(['files/read-ahead-worker.cjs', 'commands/check-worker.js']);
    for (const worker of workers) expect(existsSync(join(repoRoot, 'dist', 'src', worker)), worker).toBe(true);
  });

  it('lists the compiled modules the bundle was made from', () => {
    const { inputs } = JSON.parse(readFileSync(load.MANIFEST, 'utf8')) as import('../../src/bundle/load.js').Manifest;
    const paths = inputs.map((input) => input.path);
    expect(paths).toContain('dist/src/check-main.js');
    expect(paths).toContain('dist/src/parser/index.js');
    // entry.cjs's own modules too: a loader compiled since the build makes the bin run the modules.
    expect(paths).toEqual(expect.arrayContaining(['dist/src/bundle/entry.js', 'dist/src/bundle/load.js', 'dist/src/user-folder.js']));
    for (const { path, size } of inputs) expect(statSync(join(repoRoot, path)).size, path).toBe(size);
  });

  it("keys the cache by the bundle's content, the Node version and the V8 flags", () => {
    const key = load.cachePath('abc', checkFlags);
    expect(load.cachePath('abc', checkFlags)).toBe(key);
    expect(load.cachePath('abc', [])).not.toBe(key);
    expect(load.cachePath('abd', checkFlags)).not.toBe(key);
    expect(dirname(key)).toBe(load.CACHE_DIR);
    const manifest = JSON.parse(readFileSync(load.MANIFEST, 'utf8')) as { bundleHash: string };
    expect(manifest.bundleHash).toBe(createHash('sha256').update(readFileSync(load.BUNDLE)).digest('hex').slice(0, 32));
  });
});

describe('staleInput', () => {
  let temp: ReturnType<typeof tempDir>;
  const manifest = { inputs: [{ path: 'a.js', size: 1 }, { path: 'b.js', size: 1 }], bundleHash: '' };
  beforeAll(() => {
    temp = tempDir();
    for (const name of ['a.js', 'b.js']) writeFileSync(join(temp.dir, name), 'x');
    utimesSync(join(temp.dir, 'a.js'), 100, 100);
    utimesSync(join(temp.dir, 'b.js'), 200, 200);
  });
  afterAll(() => temp.cleanup());

  it('names an input compiled after the bundle, or gone, in a working tree, so the modules run instead', () => {
    writeFileSync(join(temp.dir, 'tsconfig.build.json'), '{}');
    expect(load.staleInput(300_000, manifest, temp.dir)).toBeUndefined();
    expect(load.staleInput(150_000, manifest, temp.dir)).toBe('b.js');
    expect(load.staleInput(300_000, { ...manifest, inputs: [{ path: 'a.js', size: 1 }, { path: 'gone.js', size: 1 }] }, temp.dir)).toBe('gone.js');
  });

  it("in an installed package, ignores the files' times (the install's) but not their sizes", () => {
    rmSync(join(temp.dir, 'tsconfig.build.json'), { force: true });
    expect(load.staleInput(150_000, manifest, temp.dir)).toBeUndefined();
    expect(load.staleInput(150_000, { ...manifest, inputs: [{ path: 'a.js', size: 2 }] }, temp.dir)).toBe('a.js');
  });
});

describe('the bundled check, installed', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    // What npm installs (package.json "files"), with the times an install gives: each file's extraction
    // time, in tarball order (the bundle before most modules), later than the build.
    temp = tempDir();
    const root = join(temp.dir, 'node_modules', 'agentsmith');
    const { files } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { files: string[] };
    for (const entry of [...files, 'package.json']) cpSync(join(repoRoot, entry), join(root, entry), { recursive: true });
    symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'));
    const later = Date.now() / 1000 + 60;
    utimesSync(join(root, 'dist', 'src', 'check.bundle.cjs'), later, later);
    for (const { path } of (JSON.parse(readFileSync(load.MANIFEST, 'utf8')) as import('../../src/bundle/load.js').Manifest).inputs) {
      utimesSync(join(root, path), later + 5, later + 5);
    }
    mkdirSync(join(temp.dir, '.claude', 'agents'), { recursive: true });
    copyFileSync(join(repoRoot, 'tests', 'fixtures', 'oracle', '001-baseline.md'), join(temp.dir, '.claude', 'agents', 'baseline.md'));
  });
  afterAll(() => temp.cleanup());

  const installedFile = (...path: string[]) => join(temp.dir, 'node_modules', 'agentsmith', ...path);

  /** The installed bin's check (debug line on), which must report what its modules report. */
  async function checkInstalled(flags: string[] = []) {
    const bin = installedFile('bin', 'agentsmith.cjs');
    const checked = await run('node', [...flags, bin, 'check'], temp.dir, { env: cleanEnv({ AGENTSMITH_DEBUG_BUNDLE: '1' }) });
    const modules = await run('node', [bin, 'check'], temp.dir, { env: cleanEnv({ AGENTSMITH_BUNDLE: '0' }) });
    expect(checked.stdout).toBe(modules.stdout);
    expect(checked.exitCode).toBe(modules.exitCode);
    return checked;
  }

  it('runs from the bundle with the cache the build made', async () => {
    expect((await checkInstalled(checkFlags)).stderr).toContain('agentsmith: check bundle loaded (code cache: accepted)');
  });

  it("loads the bundle through the bin's module entry when its CommonJS entry is missing or damaged", async () => {
    const entry = installedFile('dist', 'src', 'bundle', 'entry.cjs');
    const text = readFileSync(entry, 'utf8');
    try {
      // Cut short: not a script; empty, or without its last lines: a script without its exports.
      for (const damaged of [text.slice(0, 500), '', text.split('\n').slice(0, -3).join('\n')]) {
        writeFileSync(entry, damaged);
        const checked = await checkInstalled();
        expect(checked.stderr).toContain('agentsmith: check bundle loaded');
        expect(checked.stderr).not.toContain('TypeError');
      }
      rmSync(entry);
      expect((await checkInstalled()).stderr).toContain('agentsmith: check bundle loaded');
    } finally {
      writeFileSync(entry, text);
    }
  });

  it('runs the modules, with the same report, when the bundle itself is damaged', async () => {
    const bundle = installedFile('dist', 'src', 'check.bundle.cjs');
    writeFileSync(bundle, readFileSync(bundle, 'utf8').slice(0, 5000));
    expect((await checkInstalled()).stderr).toContain('agentsmith: check bundle not used (it does not run: ');
  });

  it('runs the modules once one of them was patched in place (as patch-package does)', async () => {
    const stylish = installedFile('dist', 'src', 'report', 'stylish.js');
    writeFileSync(stylish, `${readFileSync(stylish, 'utf8')}\n// patched\n`);
    expect((await checkInstalled()).stderr).toContain('agentsmith: check bundle not used (dist/src/report/stylish.js changed since the build');
  });
});
