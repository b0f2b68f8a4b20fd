// npm run bench:bulk — `agentsmith bulk` on a matrix spec of 1,000 and 10,000 variants, end to end, against
// (a) the same files rendered by the compile-once template and written with writeFileSync, and
// (b) node-plop's runActions per file, in this run.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodePlop from 'node-plop';
import { agentTemplate } from '../src/render/engine.js';
import { buildModel } from '../src/render/model.js';
import { packageRoot } from '../src/paths.js';
import type { Answers } from '../src/spec/answers.js';
import { loadPresets } from '../src/spec/presets.js';
import { timeCommand } from './run.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const work = mkdtempSync(join(tmpdir(), 'agentsmith-bench-bulk-'));
const presets = await loadPresets();
const api = presets.get('api');
if (!api) throw new Error('the api preset is missing');

function matrix(count: number): { spec: string; answers: Answers[] } {
  const side = Math.ceil(Math.sqrt(count));
  const frameworks = Array.from({ length: side }, (_, i) => `fw${i}`);
  const datastores = Array.from({ length: Math.ceil(count / side) }, (_, i) => `db${i}`);
  const spec = [
    'out: agents',
    'defaults:',
    '  specialty: api',
    '  focus: "building {{framework}} services on {{datastore}}"',
    '  frameworks: ["{{framework}}"]',
    '  datastores: ["{{datastore}}"]',
    'matrix:',
    `  framework: [${frameworks.join(', ')}]`,
    `  datastore: [${datastores.join(', ')}]`,
    'name: "{{framework}}-{{datastore}}-api-developer"',
  ].join('\n');
  const answers = frameworks
    .flatMap((framework) => datastores.map((datastore) => ({ framework, datastore })))
    .map(({ framework, datastore }) => ({
      specialty: 'api',
      name: `${framework}-${datastore}-api-developer`,
      focus: `building ${framework} services on ${datastore}`,
      frameworks: [framework],
      datastores: [datastore],
    }));
  return { spec, answers };
}

/** The floor: build each model, render the compiled template, writeFileSync. In-process, timed the same way. */
function rawBaseline(answers: Answers[], out: string): number {
  mkdirSync(out, { recursive: true });
  const started = process.hrtime.bigint();
  const render = agentTemplate();
  for (const answer of answers) writeFileSync(join(out, `${answer.name}.md`), render(buildModel(answer, api!)));
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** node-plop's own path: an `add` action per file (template compiled by plop on every call). */
async function plopRate(answers: Answers[], out: string): Promise<number> {
  const plop = await nodePlop('', { destBasePath: out, force: true });
  const { readFileSync, readdirSync } = await import('node:fs');
  for (const name of readdirSync(join(packageRoot, 'templates', 'partials'))) {
    plop.setPartial(name.replace(/\.hbs$/, ''), readFileSync(join(packageRoot, 'templates', 'partials', name), 'utf8'));
  }
  plop.setGenerator('agent', {
    prompts: [],
    actions: () => [{ type: 'add', path: `${out}/{{name}}.md`, templateFile: join(packageRoot, 'templates', 'agent.md.hbs'), force: true }],
  });
  const generator = plop.getGenerator('agent');
  const started = process.hrtime.bigint();
  for (const answer of answers) await generator.runActions(buildModel(answer, api!));
  return (answers.length / (Number(process.hrtime.bigint() - started) / 1e6)) * 1000;
}

/** The raw baseline as its own process, like ours: start-up, presets, compile once, then render + writeFileSync. */
const rawScript = join(work, 'raw.mjs');
writeFileSync(
  rawScript,
  `import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const dist = ${JSON.stringify(join(packageRoot, 'dist', 'src'))};
const { agentTemplate } = await import(join(dist, 'render', 'engine.js'));
const { buildModel } = await import(join(dist, 'render', 'model.js'));
const { loadPresets } = await import(join(dist, 'spec', 'presets.js'));
const api = (await loadPresets()).get('api');
const [answersFile, out] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const render = agentTemplate();
for (const answer of JSON.parse(readFileSync(answersFile, 'utf8'))) writeFileSync(join(out, answer.name + '.md'), render(buildModel(answer, api)));
`,
);

try {
  const cli = join(packageRoot, 'bin', 'agentsmith.cjs');
  const rss: Record<number, number | undefined> = {};
  for (const count of [1000, 10000]) {
    const dir = join(work, `n${count}`);
    mkdirSync(dir, { recursive: true });
    const { spec: specText, answers } = matrix(count);
    const variants = answers.length;
    // Alternate the two, best of RUNS each, each run into a folder never used before: on this disk,
    // creating files right after deleting thousands is several times slower, whoever does it.
    let raw = Infinity;
    let rawProcess = Infinity;
    writeFileSync(join(dir, 'answers.json'), JSON.stringify(answers));
    let ours = { ms: Infinity } as ReturnType<typeof timeCommand>;
    let again = ours;
    for (let run = 0; run < RUNS; run++) {
      raw = Math.min(raw, rawBaseline(answers, join(dir, `raw${run}`)));
      rawProcess = Math.min(rawProcess, timeCommand('node', [rawScript, join(dir, 'answers.json'), join(dir, `rawp${run}`)], dir).ms);
      const spec = `spec${run}.yaml`;
      writeFileSync(join(dir, spec), specText.replace('out: agents', `out: agents${run}`));
      const next = timeCommand('node', [cli, 'bulk', spec], dir);
      if (next.ms < ours.ms) ours = next;
      const unchanged = timeCommand('node', [cli, 'bulk', spec], dir);
      if (unchanged.ms < again.ms) again = unchanged;
    }
    rss[count] = ours.peakMb;
    const rate = (ms: number) => Math.round((variants / ms) * 1000);
    console.log(`\n${variants.toLocaleString('en-US')} variants`);
    console.log(`  agentsmith bulk (whole process, render+parse+validate+atomic write) ${ours.ms.toFixed(0).padStart(6)} ms  ${rate(ours.ms)} files/s  peak ${ours.peakMb?.toFixed(0) ?? 'n/a'} MB`);
    console.log(`  second run, all unchanged                                          ${again.ms.toFixed(0).padStart(6)} ms`);
    console.log(`  raw: compile-once template + writeFileSync, whole process         ${rawProcess.toFixed(0).padStart(6)} ms  ${rate(rawProcess)} files/s`);
    console.log(`  raw: the same loop timed inside a warm process                    ${raw.toFixed(0).padStart(6)} ms  ${rate(raw)} files/s`);
    console.log(`  ratio agentsmith / raw, both whole processes: ${(rawProcess / ours.ms).toFixed(2)}x   (goal >= 0.5x)`);
    console.log(`  ratio agentsmith / raw loop alone:            ${(raw / ours.ms).toFixed(2)}x`);
    if (count === 10000) {
      const plop = await plopRate(answers.slice(0, 300), join(dir, 'plop'));
      console.log(`  node-plop runActions per file (300 files)                         ${Math.round(plop)} files/s`);
      console.log(`  ratio agentsmith / node-plop: ${(rate(ours.ms) / plop).toFixed(1)}x   (goal >= 15x)`);
    }
  }
  console.log(`\npeak RSS of agentsmith bulk: ${rss[1000]?.toFixed(0)} MB at 1k variants, ${rss[10000]?.toFixed(0)} MB at 10k`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
