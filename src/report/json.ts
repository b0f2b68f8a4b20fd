import type { CheckResult } from '../commands/check.js';

/** The machine report: exactly the documented keys, in the documented order. */
export function formatJson(result: CheckResult): string {
  const files = result.files.map((file) => ({
    path: file.path,
    verdict: file.verdict,
    name: file.name,
    reason: file.reason,
    diagnostics: file.diagnostics.map(({ rule, severity, message, line, column }) => ({ rule, severity, message, line, column })),
  }));
  const { files: count, errors, warnings } = result.summary;
  return `${JSON.stringify({ files, summary: { files: count, errors, warnings } })}\n`;
}
