import type { CheckResult, FileResult } from '../commands/check.js';

const text = (value: string | null): string => (value === null ? 'null' : JSON.stringify(value));

/** One file's entry, written field by field (what JSON.stringify of the object would print, without the object). */
const fileJson = (file: FileResult): string => {
  const diagnostics = file.diagnostics.map(
    // Rule ids, severities and verdicts are our own plain words: only free text needs JSON escaping.
    (d) => `{"rule":"${d.rule}","severity":"${d.severity}","message":${text(d.message)},"line":${d.line},"column":${d.column}}`,
  );
  return `{"path":${text(file.path)},"verdict":"${file.verdict}","name":${text(file.name)},"reason":${text(file.reason)},"diagnostics":[${diagnostics.join(',')}]}`;
};

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
