import { rules, projectRules } from '../rules/index.js';
import type { CheckResult } from '../commands/check.js';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** SARIF 2.1.0 with the rule metadata, for code-scanning dashboards. */
export function formatSarif(result: CheckResult, version: string): string {
  const all = [...rules, ...projectRules];
  const index = new Map(all.map((rule, i) => [rule.id, i]));
  // artifactLocation.uri must be a valid URI reference: spaces, `#`, `%` and non-ASCII are percent-encoded.
  const toUri = (path: string): string =>
    path
      .split(/[\\/]/)
      .map((segment) => (/^[A-Za-z]:$/.test(segment) ? segment : encodeURIComponent(segment)))
      .join('/');
  const sarif = {
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
        results: result.files.flatMap((file) =>
          file.diagnostics.map((d) => ({
            ruleId: d.rule,
            ruleIndex: index.get(d.rule) ?? 0,
            level: d.severity,
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: toUri(file.path) },
                  region: { startLine: d.line, startColumn: d.column },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
