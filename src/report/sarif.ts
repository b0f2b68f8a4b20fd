import { pathToFileURL } from 'node:url';
import { rules, projectRules } from '../rules/index.js';
import type { CheckResult } from '../commands/check.js';
import { inChunks, type ChunkMemory } from './chunks.js';
import { fromBase, pathBase } from './github.js';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Stands for the results in the document's frame, which is printed around them. */
const PLACEHOLDER = '\u0000results';
/** The uriBaseId of relative locations: the repository root, as GitHub code scanning reads them. */
const ROOT = '%SRCROOT%';

/**
 * A file's artifactLocation. Inside the repository (see pathBase): its path from the root, each segment
 * percent-encoded (spaces, `#`, `%`, `?`, `\\`, non-ASCII), with uriBaseId ROOT, which
 * run.originalUriBaseIds resolves (SARIF 3.4.4: a relative uri SHOULD have one). Outside it: an absolute
 * `file://` URI, which takes no uriBaseId.
 */
function artifactLocation(base: string, path: string): { uri: string; uriBaseId?: string } {
  const rel = fromBase(base, path);
  if (rel === undefined) return { uri: pathToFileURL(path).href };
  return { uri: rel.split('/').map(encodeURIComponent).join('/'), uriBaseId: ROOT };
}

/** The base's URI, ending with a slash as SARIF 3.14.14 requires. */
const folderUri = (folder: string): string => {
  const href = pathToFileURL(folder).href;
  return href.endsWith('/') ? href : `${href}/`;
};

function* pieces(result: CheckResult, version: string): Generator<string> {
  const all = [...rules, ...projectRules];
  const index = new Map(all.map((rule, i) => [rule.id, i]));
  const base = pathBase();
  const frame = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'agentsmith',
            version,
            rules: all.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.summary },
              fullDescription: { text: rule.why },
              help: { text: `${rule.fix}\nExample of the problem: ${rule.bad}` },
              defaultConfiguration: { level: rule.defaultSeverity === 'warn' ? 'warning' : 'error' },
            })),
          },
        },
        // Columns count UTF-16 code units, as the parser's positions do (a character outside the BMP is two).
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { [ROOT]: { uri: folderUri(base) } },
        results: [PLACEHOLDER],
      },
    ],
  };
  // The frame as JSON.stringify(…, null, 2) prints it; the results go where the placeholder's line is,
  // each printed the same way at that line's indentation, so the whole is what stringifying it all gives.
  const text = JSON.stringify(frame, null, 2);
  const at = text.indexOf(JSON.stringify(PLACEHOLDER));
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const indent = text.slice(lineStart, at);
  let count = 0;
  for (const file of result.files) {
    if (file.diagnostics.length === 0) continue;
    const location = artifactLocation(base, file.path);
    for (const d of file.diagnostics) {
      // ruleIndex only for a rule the driver describes (SARIF 3.27.6: otherwise it SHALL be absent).
      const ruleIndex = index.get(d.rule);
      const entry = {
        ruleId: d.rule,
        ...(ruleIndex === undefined ? {} : { ruleIndex }),
        level: d.severity,
        message: { text: d.message },
        locations: [{ physicalLocation: { artifactLocation: location, region: { startLine: d.line, startColumn: d.column } } }],
      };
      yield `${count === 0 ? text.slice(0, lineStart) : ',\n'}${indent}${JSON.stringify(entry, null, 2).replaceAll('\n', `\n${indent}`)}`;
      count++;
    }
  }
  // No results: JSON.stringify prints an empty list as `[]` on the key's line.
  const after = text.slice(at + JSON.stringify(PLACEHOLDER).length);
  yield count === 0 ? `${text.slice(0, text.lastIndexOf('[', at))}[]${after.slice(after.indexOf(']') + 1)}\n` : `${after}\n`;
}

/** SARIF 2.1.0 with the rule metadata, for code-scanning dashboards. */
export const sarifChunks = (result: CheckResult, version: string, memory?: ChunkMemory): Generator<Uint8Array> => inChunks(pieces(result, version), memory);
