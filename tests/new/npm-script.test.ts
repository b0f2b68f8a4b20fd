import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { userFolder } from '../../src/cli.js';
import { newFlagsTakenByNpm } from '../../src/commands/new-cli.js';
import { agentsmith, cleanEnv, run, useTempFolders } from '../helpers/cli.js';
import { repoRoot } from '../helpers/corpus.js';

const folder = useTempFolders();

describe('npm run new-agent from another folder', () => {
  it('writes into the folder npm was run from (INIT_CWD), not into the repository', async () => {
    const cwd = folder();
    const name = `init-cwd-${process.pid}-${Date.now()}`;
    // npm sets INIT_CWD to the folder it is run from; --prefix runs the script of the repository.
    const result = await run('npm', ['--prefix', repoRoot, 'run', '-s', 'new-agent', '--', '--specialty', 'api', '--name', name, '--yes'], cwd);
    expect(result.exitCode).toBe(0);
    expect(existsSync(join(cwd, '.claude', 'agents', `${name}.md`))).toBe(true);
    expect(existsSync(join(repoRoot, '.claude', 'agents', `${name}.md`))).toBe(false);
    expect(readdirSync(cwd)).toEqual(['.claude']);
  });

  it('ignores a stray INIT_CWD when agentsmith is run directly', async () => {
    const cwd = folder();
    const elsewhere = folder();
    const result = await agentsmith(['new', '--specialty', 'api', '--name', 'direct', '--yes'], cwd, {
      env: cleanEnv({ INIT_CWD: elsewhere }),
    });
    expect(result.exitCode).toBe(0);
    expect(existsSync(join(cwd, '.claude', 'agents', 'direct.md'))).toBe(true);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('takes INIT_CWD only for its own npm scripts', () => {
    const ours = { npm_package_name: 'agentsmith', npm_lifecycle_event: 'new-agent', INIT_CWD: '/somewhere' };
    expect(userFolder(ours)).toBe('/somewhere');
    expect(userFolder({ ...ours, npm_package_name: 'their-app' })).toBe(process.cwd());
    expect(userFolder({ ...ours, npm_lifecycle_event: 'postinstall' })).toBe(process.cwd());
    expect(userFolder({ INIT_CWD: '/somewhere' })).toBe(process.cwd());
  });

  it('says that npm took the flags when they were given without -- (npm run new-agent --specialty api --yes)', async () => {
    const cwd = folder();
    // npm keeps --specialty and --yes as its own config and hands the script only "api".
    // An empty user config: the machine's own .npmrc (yes=false, color=always) must not change the answer.
    const userconfig = join(folder(), 'npmrc');
    writeFileSync(userconfig, '');
    const result = await run('npm', ['--prefix', repoRoot, 'run', '-s', 'new-agent', '--specialty', 'api', '--yes'], cwd, {
      env: { ...cleanEnv(), npm_config_userconfig: userconfig },
    });
    expect(result.exitCode).toBe(2);
    const stderr = String(result.stderr);
    expect(stderr).toMatch(/"api" is not a flag/);
    expect(stderr).toMatch(/^npm took --specialty, --yes for itself: put -- before agentsmith's flags, as in npm run new-agent -- --specialty api --yes\.$/m);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('names the flags npm took only under its own new-agent script, and never --help', () => {
    const ours = { npm_package_name: 'agentsmith', npm_lifecycle_event: 'new-agent', npm_config_yes: 'true', npm_config_example_count: 'true', npm_config_help: 'true' };
    expect(newFlagsTakenByNpm(ours)).toEqual(['example-count', 'yes']);
    // Values from an .npmrc are settings of the user's, not flags npm took from this command line.
    expect(newFlagsTakenByNpm({ ...ours, npm_config_yes: 'false', npm_config_example_count: '', npm_config_color: 'always' })).toEqual([]);
    // --example-count=2 leaves "2": a flag npm took all the same (npm has no such config); --color=red is npm's own.
    expect(newFlagsTakenByNpm({ ...ours, npm_config_yes: 'false', npm_config_example_count: '2', npm_config_color: 'red' })).toEqual(['example-count']);
    expect(newFlagsTakenByNpm({ ...ours, npm_lifecycle_event: 'check' })).toEqual([]);
    expect(newFlagsTakenByNpm({ ...ours, npm_package_name: 'their-app' })).toEqual([]);
    expect(newFlagsTakenByNpm({ npm_config_yes: 'true' })).toEqual([]);
  });
});
