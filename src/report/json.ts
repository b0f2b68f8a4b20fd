import type { CheckResult, FileResult } from '../commands/check.js';

const fileJson = (file: FileResult): string =>
  JSON.stringify({
    path: file.path,
    verdict: file.verdict,
    name: file.name,
    reason: file.reason,
    diagnostics: file.diagnostics.map(({ rule, severity, message, line, column }) => ({ rule, severity, message, line, column })),
  });

/**
 * The machine report, exactly the documented keys in the documented order, in chunks of about 64 KB:
 * the report of 10,000 files is never one 17 MB string (and a copy of it on the way out).
 */
export function* jsonChunks(result: CheckResult): Generator<string> {
  let chunk = '{"files":[';
  for (let i = 0; i < result.files.length; i++) {
    const file = result.files[i];
    if (!file) continue;
    chunk += (i === 0 ? '' : ',') + fileJson(file);
    if (chunk.length >= 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  const { files, errors, warnings } = result.summary;
  yield `${chunk}],"summary":${JSON.stringify({ files, errors, warnings })}}\n`;
}

export function formatJson(result: CheckResult): string {
  return [...jsonChunks(result)].join('');
}
