import { chmodSync, lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/files/apply.js';
import { planFiles } from '../../src/files/plan.js';
import { writeAtomic } from '../../src/files/write.js';
import { agentsmith, useTempFolders } from '../helpers/cli.js';

const folder = useTempFolders();
const mode = (path: string) => statSync(path).mode & 0o777;

describe('replacing a file', () => {
  it('keeps the mode of the file it replaces (600 stays 600)', () => {
    const path = join(folder(), 'a.md');
    writeFileSync(path, 'old\n', { mode: 0o600 });
    chmodSync(path, 0o600);
    writeAtomic(path, 'new\n');
    expect(readFileSync(path, 'utf8')).toBe('new\n');
    expect(mode(path)).toBe(0o600);
  });

  it('refuses a read-only file, even as root, and leaves it as it was', () => {
    const path = join(folder(), 'a.md');
    writeFileSync(path, 'old\n');
    chmodSync(path, 0o444);
    expect(() => writeAtomic(path, 'new\n')).toThrow(/is read-only \(mode 444\), so it was not replaced; make it writable \(chmod u\+w\)/);
    expect(readFileSync(path, 'utf8')).toBe('old\n');
  });

  it('replaces a symbolic link by a plain file, leaving its target alone, and puts the link back on rollback', () => {
    const dir = folder();
    const outside = join(dir, 'outside.md');
    writeFileSync(outside, 'outside\n');
    mkdirSync(join(dir, 'out'));
    const link = join(dir, 'out', 'a.md');
    symlinkSync(outside, link);
    const blocked = join(dir, 'out', 'b.md');
    writeFileSync(blocked, 'b\n');
    chmodSync(blocked, 0o444);
    expect(() =>
      applyPlan([
        { path: link, content: 'new a\n', action: 'overwrite' },
        { path: blocked, content: 'new b\n', action: 'overwrite' },
      ]),
    ).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/b\.md failed: .*read-only.*The file written before it was restored/) }));
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(outside);
    expect(readFileSync(outside, 'utf8')).toBe('outside\n');
    applyPlan([{ path: link, content: 'new a\n', action: 'overwrite' }]);
    expect(lstatSync(link).isFile()).toBe(true);
    expect(readFileSync(outside, 'utf8')).toBe('outside\n');
  });
});

describe('planning writes over what is already there', () => {
  it('tells apart nothing, a file, a link to a file, a dangling link and a link loop', () => {
    const dir = folder();
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(dir, 'same.txt'), 'same\n');
    writeFileSync(join(out, 'file-same.md'), 'same\n');
    writeFileSync(join(out, 'file-other.md'), 'other\n');
    symlinkSync(join(dir, 'same.txt'), join(out, 'link-same.md'));
    symlinkSync(join(dir, 'gone.txt'), join(out, 'dangling.md'));
    symlinkSync(join(out, 'loop.md'), join(out, 'loop.md'));
    const names = ['new.md', 'file-same.md', 'file-other.md', 'link-same.md', 'dangling.md', 'loop.md'];
    const plan = planFiles(out, names.map((fileName) => ({ fileName, content: 'same\n' })), false);
    // Only a missing target is created; a dangling link or a loop is something there (--force replaces it).
    expect(plan.map((file) => file.action)).toEqual(['create', 'unchanged', 'exists', 'unchanged', 'exists', 'exists']);
    expect(planFiles(out, [{ fileName: 'dangling.md', content: 'x' }], true)[0]?.action).toBe('overwrite');
  });
});

/** A file the client loads only through its retry: `check --fix` rewrites it. */
const RECOVERED = '---\nname: fixme\ndescription: Use this agent when: things break\n---\nBody.\n';

describe('agentsmith check --fix on files it must not replace', () => {
  it('refuses a symbolic link, naming its target, and keeps the mode of a file it fixes', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'agents'));
    writeFileSync(join(dir, 'real.md'), RECOVERED);
    symlinkSync(join(dir, 'real.md'), join(dir, 'agents', 'linked.md'));
    writeFileSync(join(dir, 'agents', 'own.md'), RECOVERED.replace('fixme', 'own'));
    chmodSync(join(dir, 'agents', 'own.md'), 0o600);
    const result = await agentsmith(['check', 'agents', '--fix'], dir);
    expect(String(result.stderr)).toMatch(/not fixed agents\/linked\.md: it is a symbolic link to .*real\.md/);
    expect(String(result.stderr)).toMatch(/fixed agents\/own\.md/);
    expect(lstatSync(join(dir, 'agents', 'linked.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real.md'), 'utf8')).toBe(RECOVERED);
    expect(mode(join(dir, 'agents', 'own.md'))).toBe(0o600);
    // A fix that could not be written is an I/O problem: exit 2.
    expect(result.exitCode).toBe(2);
  });

  it('does not rewrite a read-only file and says why', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'ro.md'), RECOVERED);
    chmodSync(join(dir, 'ro.md'), 0o444);
    const result = await agentsmith(['check', 'ro.md', '--fix'], dir);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toMatch(/not fixed ro\.md: .*read-only/);
    expect(readFileSync(join(dir, 'ro.md'), 'utf8')).toBe(RECOVERED);
  });
});
