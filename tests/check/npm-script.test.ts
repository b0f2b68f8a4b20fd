import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flagsTakenByNpm } from '../../src/commands/npm-flags.js';
import { agentsmith, cleanEnv, run, useTempFolders } from '../helpers/cli.js';
import { repoRoot } from '../helpers/corpus.js';

const folder = useTempFolders();

describe('npm run check with flags given without --', () => {
  /** An empty user config: the machine's own .npmrc must not change the answer. */
  const npmEnv = () => {
    const userconfig = join(folder(), 'npmrc');
    writeFileSync(userconfig, '');
    return { ...cleanEnv(), npm_config_userconfig: userconfig };
  };

  it('refuses --format, whose value npm hands over as a path, and names the command that works', async () => {
    const cwd = folder();
    mkdirSync(join(cwd, '.claude', 'agents'), { recursive: true });
    writeFileSync(join(cwd, '.claude', 'agents', 'a.md'), '---\nname: a\ndescription: d\n---\nYou are a.\n');
    const result = await run('npm', ['--prefix', repoRoot, 'run', '-s', 'check', '--format', 'sarif'], cwd, { env: npmEnv() });
    expect(result.exitCode).toBe(2);
    expect(String(result.stdout)).toBe('');
    expect(String(result.stderr)).toMatch(/^agentsmith check: npm took --format for itself: put -- before agentsmith's flags, as in npm run check -- --format sarif\.$/m);
    expect(String(result.stderr)).not.toMatch(/cannot read/);
    // -f is npm's --force: the same refusal names it.
    const short = await run('npm', ['--prefix', repoRoot, 'run', '-s', 'check', '-f', 'json'], cwd, { env: npmEnv() });
    expect(short.exitCode).toBe(2);
    expect(String(short.stderr)).toMatch(/npm took -f for itself: put -- before agentsmith's flags, as in npm run check -- --format json\./);
  });

  it('run directly, takes a format name given as a missing path for a forgotten --format, and checks a folder of that name', async () => {
    const cwd = folder();
    const missing = await agentsmith(['check', 'json'], cwd, { env: cleanEnv() });
    expect(missing.exitCode).toBe(2);
    expect(String(missing.stderr)).toMatch(/^agentsmith check: there is no file or folder "json"; to choose the report format, write --format json\.$/m);
    mkdirSync(join(cwd, 'json'));
    writeFileSync(join(cwd, 'json', 'a.md'), '---\nname: a\ndescription: d\n---\nYou are a.\n');
    const present = await agentsmith(['check', 'json', '--format', 'json'], cwd, { env: cleanEnv() });
    expect(JSON.parse(String(present.stdout)).files.map((file: { path: string }) => file.path)).toEqual(['json/a.md']);
  });

  it('refuses --fix rather than check and leave the files as they were', async () => {
    const cwd = folder();
    mkdirSync(join(cwd, '.claude', 'agents'), { recursive: true });
    // Loads only through the client's retry: --fix would rewrite it.
    const text = '---\nname: a\ndescription: Use it: for things\n---\nYou are a.\n';
    const path = join(cwd, '.claude', 'agents', 'a.md');
    writeFileSync(path, text);
    const result = await run('npm', ['--prefix', repoRoot, 'run', '-s', 'check', '--fix'], cwd, { env: npmEnv() });
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toMatch(/npm took --fix for itself: put -- before agentsmith's flags, as in npm run check -- --fix\./);
    expect(readFileSync(path, 'utf8')).toBe(text);
    // With --, the same flag reaches the command and the file is rewritten.
    const fixed = await run('npm', ['--prefix', repoRoot, 'run', '-s', 'check', '--', '--fix'], cwd, { env: npmEnv() });
    expect(String(fixed.stderr)).not.toMatch(/npm took/);
    expect(readFileSync(path, 'utf8')).not.toBe(text);
  });

  it('refuses --spec=a.yaml, which npm keeps whole and hands over nothing of (the drift check would not run)', async () => {
    const cwd = folder();
    mkdirSync(join(cwd, '.claude', 'agents'), { recursive: true });
    writeFileSync(join(cwd, '.claude', 'agents', 'a.md'), '---\nname: a\ndescription: d\n---\nYou are a.\n');
    const result = await run('npm', ['--prefix', repoRoot, 'run', '-s', 'check', '--spec=team.yaml'], cwd, { env: npmEnv() });
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toMatch(/npm took --spec for itself: put -- before agentsmith's flags, as in npm run check -- --spec team\.yaml\./);
  });

  it('names the flags npm took only under its own check script', () => {
    const ours = { npm_package_name: 'agentsmith', npm_lifecycle_event: 'check', npm_config_format: 'true', npm_config_fix: 'true' };
    expect(flagsTakenByNpm('check', ['format', 'fix', 'spec'], ours)).toEqual(['format', 'fix']);
    // --spec=a.yaml leaves its value, not "true": still a flag npm took (npm has no spec of its own).
    expect(flagsTakenByNpm('check', ['fix', 'spec'], { ...ours, npm_config_fix: '', npm_config_spec: 'a.yaml' })).toEqual(['spec']);
    expect(flagsTakenByNpm('check', ['format', 'fix', 'spec'], { ...ours, npm_lifecycle_event: 'new-agent' })).toEqual([]);
  });
});
