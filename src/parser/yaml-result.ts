// What parseYaml returns: the value and the top-level keys' offsets, or Bun's error and where it stops.

export interface KeyLocation {
  key: string;
  keyOffset: number;
  valueOffset: number;
  /** The scalar style of the value (`PLAIN`, `QUOTE_DOUBLE`, `BLOCK_LITERAL`, …), when it is a scalar. */
  valueType?: string;
}

export type YamlResult =
  | { ok: true; value: unknown; keys: KeyLocation[] }
  | { ok: false; error: string; detail: string; at?: number };

/** A read of rewritten text, its key offsets moved back to those of the text as written. */
export function movedBack(read: YamlResult, back: (offset: number) => number): YamlResult {
  if (!read.ok) return read.at === undefined ? read : { ...read, at: back(read.at) };
  return { ...read, keys: read.keys.map((key) => ({ ...key, keyOffset: back(key.keyOffset), valueOffset: back(key.valueOffset) })) };
}

/** A failure; `at`, where known, is the offset in the text where the reader stops. */
export const fail = (error: string, detail: string, at?: number): YamlResult => ({ ok: false, error, detail: oneLine(detail), ...(at === undefined ? {} : { at }) });

function oneLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}
