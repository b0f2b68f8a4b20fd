import type { CheckResult } from '../commands/check.js';
import type { ChunkMemory } from './chunks.js';

/**
 * The machine report, exactly the documented keys in the documented order, written as it is produced:
 * the entries go from the results' byte records into UTF-8 chunks with no object per diagnostic
 * (FileResults.jsonEntries), byte for byte what JSON.stringify prints for the same files.
 */
export function* jsonChunks(result: CheckResult, memory?: ChunkMemory): Generator<Uint8Array> {
  yield Buffer.from('{"files":[');
  yield* result.files.jsonEntries(memory);
  const { files, errors, warnings } = result.summary;
  yield Buffer.from(`],"summary":${JSON.stringify({ files, errors, warnings })}}\n`);
}
