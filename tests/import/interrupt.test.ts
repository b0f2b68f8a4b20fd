import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { agentsmith, cleanEnv, useTempFolders } from '../helpers/cli.js';

const folder = useTempFolders();

const agent = (name: string): string => `---\nname: ${name}\ndescription: Use this agent when the tests need an agent named ${name}.\n---\n\nYou are the ${name} agent.\n`;

/**
 * The environment of a real `import` run with a preload module (the real command, nothing mocked, as
 * tests/bulk/fixtures.ts afterRename does): the first write into a temp file of ours writes only half
 * its bytes, creates `paused`, and blocks until `go` exists, so that the test can kill the process
 * while a partial temp file is on disk, however loaded the machine is.
 */
function pauseMidWrite(dir: string): { env: Record<string, string | undefined>; paused: string; go: string } {
  const [paused, go, preload] = ['paused', 'go', 'pause-mid-write.mjs'].map((name) => join(dir, name)) as [string, string, string];
  writeFileSync(
    preload,
    [
      "import fs from 'node:fs';",
      "import { syncBuiltinESMExports } from 'node:module';",
      'const [open, write] = [fs.openSync, fs.writeSync];',
      'const temps = new Set();',
      'let done = false;',
      "fs.openSync = (path, ...rest) => { const fd = open(path, ...rest); if (String(path).endsWith('.agentsmith.tmp')) temps.add(fd); return fd; };",
      'fs.writeSync = (fd, buffer, offset, length, ...rest) => {',
      "  if (done || !temps.has(fd) || typeof length !== 'number' || length < 2) return write(fd, buffer, offset, length, ...rest);",
      '  done = true;',
      '  const written = write(fd, buffer, offset, Math.floor(length / 2));',
      `  fs.writeFileSync(${JSON.stringify(paused)}, String(written));`,
      '  const cell = new Int32Array(new SharedArrayBuffer(4));',
      '  const until = Date.now() + 60_000;',
      `  while (!fs.existsSync(${JSON.stringify(go)}) && Date.now() < until) Atomics.wait(cell, 0, 0, 20);`,
      '  return written;',
      '};',
      'syncBuiltinESMExports();',
    ].join('\n'),
  );
  return { env: { ...cleanEnv(), NODE_OPTIONS: `--import ${preload}` }, paused, go };
}

async function waitFor(path: string): Promise<void> {
  for (const until = Date.now() + 60_000; !existsSync(path); await sleep(20)) {
    if (Date.now() > until) throw new Error(`${path} did not appear`);
  }
}

const temps = (dir: string): string[] => readdirSync(dir).filter((name) => name.endsWith('.agentsmith.tmp'));

describe('agentsmith import --out, killed while it writes the spec', () => {
  it.each([
    ['SIGINT', 130, false],
    ['SIGTERM', 143, false],
    ['SIGTERM', 143, true],
  ] as const)('on %s exits %i, leaves no temp file and no partial spec (an existing spec under --force: %s)', async (signal, code, existing) => {
    const dir = folder();
    const out = join(dir, 'specs');
    mkdirSync(out);
    writeFileSync(join(dir, 'a.md'), agent('alpha'));
    // A temp file that a run killed with -9 left (its process is gone): removed, and said.
    writeFileSync(join(out, '.999999999.1.0.agentsmith.tmp'), 'left by a killed run\n');
    if (existing) writeFileSync(join(out, 'spec.yaml'), 'agents: [] # the team spec\n');
    const { env, paused, go } = pauseMidWrite(dir);
    const child = agentsmith(['import', 'a.md', '--out', 'specs/spec.yaml', ...(existing ? ['--force'] : [])], dir, { env, timeout: 120_000 });
    await waitFor(paused);
    // Killed with half the spec in its temp file.
    const own = () => temps(out).filter((name) => name.startsWith(`.${child.pid}.`));
    expect(own()).toHaveLength(1);
    child.kill(signal);
    writeFileSync(go, '');
    const result = await child;
    expect(own()).toEqual([]);
    expect(result.exitCode, `${String(result.stderr)} (signal ${String(result.signal)})`).toBe(code);
    expect(String(result.stderr)).toContain('agentsmith import: removed 1 temp file that an interrupted run left in specs: .999999999.1.0.agentsmith.tmp.');
    expect(String(result.stderr)).toContain(
      `agentsmith import: interrupted (${signal}); specs/spec.yaml was not written${existing ? ' (the file there is as it was)' : ''}.`,
    );
    expect(String(result.stderr)).not.toContain('Wrote');
    expect(temps(out)).toEqual([]);
    if (existing) expect(readFileSync(join(out, 'spec.yaml'), 'utf8')).toBe('agents: [] # the team spec\n');
    else expect(readdirSync(out)).toEqual([]);
  });

  it('writes the spec whole when no signal comes, through the same paused write', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'a.md'), agent('alpha'));
    const { env, paused, go } = pauseMidWrite(dir);
    const child = agentsmith(['import', 'a.md', '--out', 'spec.yaml'], dir, { env, timeout: 120_000 });
    await waitFor(paused);
    writeFileSync(go, '');
    const result = await child;
    expect(result.exitCode, String(result.stderr)).toBe(0);
    expect(readFileSync(join(dir, 'spec.yaml'), 'utf8')).toMatch(/^# agentsmith bulk spec[\s\S]*name: alpha/);
    expect(temps(dir)).toEqual([]);
  });
});
