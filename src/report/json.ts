import type { CheckResult, FileResult } from '../commands/check.js';
import { inChunks } from './chunks.js';

const text = (value: string | null): string => (value === null ? 'null' : JSON.stringify(value));

/**
 * Messages repeat across files (the results store hands out one string per repeated message): their
 * JSON form is made once. Bounded, as a repository of different files has many one-off messages.
 */
const messages = new Map<string, string>();
function messageJson(message: string): string {
  let json = messages.get(message);
  if (json === undefined) {
    json = JSON.stringify(message);
    if (messages.size < 4096) messages.set(message, json);
  }
  return json;
}

/** One file's entry, written field by field (what JSON.stringify of the object would print, without the object). */
const fileJson = (file: FileResult): string => {
  let diagnostics = '';
  for (const d of file.diagnostics) {
    // Rule ids, severities and verdicts are our own plain words: only free text needs JSON escaping.
    diagnostics += `${diagnostics ? ',' : ''}{"rule":"${d.rule}","severity":"${d.severity}","message":${messageJson(d.message)},"line":${d.line},"column":${d.column}}`;
  }
  return `{"path":${text(file.path)},"verdict":"${file.verdict}","name":${text(file.name)},"reason":${text(file.reason)},"diagnostics":[${diagnostics}]}`;
};

function* pieces(result: CheckResult): Generator<string> {
  yield '{"files":[';
  let first = true;
  for (const file of result.files) {
    yield (first ? '' : ',') + fileJson(file);
    first = false;
  }
  const { files, errors, warnings } = result.summary;
  yield `],"summary":${JSON.stringify({ files, errors, warnings })}}\n`;
}

/** The machine report, exactly the documented keys in the documented order, written as it is produced. */
export const jsonChunks = (result: CheckResult): Generator<Uint8Array> => inChunks(pieces(result));
