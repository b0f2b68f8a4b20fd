import { parseAgentFile } from '/work/main/dist/src/parser/index.js';
import { readFileSync, readdirSync } from 'node:fs';
for (const f of readdirSync(process.argv[2]).sort()) { const d = parseAgentFile(readFileSync(process.argv[2]+'/'+f,'utf8')); console.log(f, d.verdict.kind, d.verdict.name ?? d.verdict.reason, d.readMode); }
