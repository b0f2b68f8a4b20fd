import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rules, projectRules } from '../rules/index.js';
import type { CheckResult } from '../commands/check.js';
import { inChunks } from './chunks.js';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Stands for the results in the document's frame, which is printed around them. */
const PLACEHOLDER = '\u0000results';

/**
 * artifactLocation.uri must be a valid URI reference: an absolute path is a `file://` URI, a relative
 * one stays relative, with spaces, `#`, `%` and non-ASCII percent-encoded.
 */
const toUri = (path: string): string =>
  isAbsolute(path)
    ? pathToFileURL(path).href
    : path
        .split(/[\\/]/)
        .map((segment) => encodeURIComponent(segment))
        .join('/');

function* pieces(result: CheckResult, version: string): Generator<string> {
  const all = [...rules, ...projectRules];
  const index = new Map(all.map((rule, i) => [rule.id, i]));
  const frame = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'agentsmith',
            version,
            informationUri: 'https://www.npmjs.com/package/agentsmith',
            rules: all.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.summary },
              fullDescription: { text: rule.why },
              help: { text: `${rule.fix}\nExample of the problem: ${rule.bad}` },
              defaultConfiguration: { level: rule.defaultSeverity === 'warn' ? 'warning' : 'error' },
            })),
          },
        },
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
    for (const d of file.diagnostics) {
      const entry = {
        ruleId: d.rule,
        ruleIndex: index.get(d.rule) ?? 0,
        level: d.severity,
        message: { text: d.message },
        locations: [{ physicalLocation: { artifactLocation: { uri: toUri(file.path) }, region: { startLine: d.line, startColumn: d.column } } }],
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
export const sarifChunks = (result: CheckResult, version: string): Generator<Uint8Array> => inChunks(pieces(result, version));
