import { Spool } from '../files/spool.js';
import type { Diagnostic } from '../rules/index.js';
import { own } from '../rules/memo.js';
import { JSON_WORDS, type JsonOut } from '../report/json-out.js';

export type Verdict = 'loaded' | 'skipped' | 'not-an-agent';

/** What a record holds: a file's report entry without its path, and where its name is written. */
export interface RecordContent {
  verdict: Verdict;
  name: string | null;
  reason: string | null;
  diagnostics: Diagnostic[];
  nameAt: { line: number; column: number };
}

/** Records as plain data a worker thread can post back. */
export interface RecordsData {
  meta: Int32Array;
  chunks: Uint8Array[];
}

const VERDICTS: readonly Verdict[] = ['loaded', 'skipped', 'not-an-agent'];
/** Records are written into chunks of this size (a larger record gets a chunk of its own). */
const CHUNK_BYTES = 1 << 20;
/** Numbers kept per record: chunk, offset, length, diagnostics, errors among them, name line, name column. */
const STRIDE = 7;
/** Repeated messages kept as JSON bytes, ready to copy; later new ones are encoded each time. */
const CACHE_LIMIT = 4096;
/** Strings seen once, waiting for a second sighting before they take a cache entry (cleared when full). */
const CANDIDATE_LIMIT = 4096;

/**
 * One record per file, in chunks outside the JavaScript heap (see Spool): the file's entry of the JSON
 * report as UTF-8, from `,"verdict"` through its own diagnostics, the list left open. The JSON report
 * copies it as it is (cross-file diagnostics and the closing brackets go after it); the other reports
 * parse it back (`read`). On the heap stay a few numbers per record, and the JSON of the diagnostics
 * many files repeat ("section … is missing"), encoded once.
 *
 * What is written is what JSON.stringify prints, byte for byte (tests/check/results.test.ts), so every
 * string, lone surrogates included, comes back exactly.
 */
export class Records {
  private meta: Int32Array = new Int32Array(STRIDE * 256);
  private chunks = new Spool(CHUNK_BYTES);
  private chunk: Buffer = Buffer.alloc(0);
  private used = 0;
  /** Repeated messages, with the JSON of their diagnostics' opening. */
  private cache = new Map<string, { rule: string; severity: Diagnostic['severity']; bytes: Buffer }>();
  /** Hashes of strings seen once (a number keeps nothing of the string alive). */
  private candidates = new Set<number>();

  /** Writes record `i` (records are written in order, each once). */
  write(i: number, file: Omit<RecordContent, 'nameAt'>, nameAt: RecordContent['nameAt'] = { line: 1, column: 1 }): void {
    // An upper bound of the record's size: the fixed words, then at most 6 bytes per UTF-16 unit
    // (\u0000) and two quotes per string, and 10 digits per number.
    let bound = 64 + jsonBound(file.name) + jsonBound(file.reason);
    for (const d of file.diagnostics) bound += 80 + jsonBound(d.rule) + jsonBound(d.message);
    if (this.used + bound > this.chunk.length) {
      // The full chunk goes to the spool's file and its memory is filled again.
      this.chunk = this.chunks.start(bound, this.used);
      this.used = 0;
    }
    if (this.meta.length < STRIDE * (i + 1)) this.meta = grow(this.meta);
    const chunk = this.chunk;
    const start = this.used;
    let at = copy(chunk, start, JSON_WORDS.verdicts[VERDICTS.indexOf(file.verdict)] as Buffer);
    at = file.name === null ? copy(chunk, at, JSON_WORDS.null) : writeJsonString(chunk, at, file.name);
    at = copy(chunk, at, JSON_WORDS.reason);
    at = file.reason === null ? copy(chunk, at, JSON_WORDS.null) : writeJsonString(chunk, at, file.reason);
    at = copy(chunk, at, JSON_WORDS.diagnostics);
    let errors = 0;
    for (let k = 0; k < file.diagnostics.length; k++) {
      const d = file.diagnostics[k] as Diagnostic;
      if (k > 0) chunk[at++] = 44;
      if (d.severity === 'error') errors++;
      const opening = this.opening(d);
      if (opening) at = copy(chunk, at, opening);
      else {
        at = copy(chunk, at, JSON_WORDS.rule);
        at = writeJsonString(chunk, at, d.rule);
        at = copy(chunk, at, JSON_WORDS.severities[d.severity === 'error' ? 0 : 1] as Buffer);
        at = writeJsonString(chunk, at, d.message);
        at = copy(chunk, at, JSON_WORDS.line);
      }
      at = writeInteger(chunk, at, d.line);
      at = copy(chunk, at, JSON_WORDS.column);
      at = writeInteger(chunk, at, d.column);
      chunk[at++] = 125;
    }
    const meta = this.meta;
    const m = STRIDE * i;
    meta[m] = this.chunks.count - 1;
    meta[m + 1] = start;
    meta[m + 2] = at - start;
    meta[m + 3] = file.diagnostics.length;
    meta[m + 4] = errors;
    meta[m + 5] = nameAt.line;
    meta[m + 6] = nameAt.column;
    this.used = at;
  }

  /** Record `i`, as fresh objects. */
  read(i: number): RecordContent {
    const m = STRIDE * i;
    const at = this.meta[m + 1] ?? 0;
    const bytes = this.chunks.get(this.meta[m] ?? 0);
    // `,"verdict":…,"diagnostics":[…` becomes an object once its comma is a brace and its list is closed.
    const entry = JSON.parse(`{${bytes.toString('utf8', at + 1, at + (this.meta[m + 2] ?? 0))}]}`) as Omit<RecordContent, 'nameAt'>;
    return { ...entry, nameAt: { line: this.meta[m + 5] ?? 1, column: this.meta[m + 6] ?? 1 } };
  }

  /** How many diagnostics record `i` holds, and how many of them are errors. */
  counts(i: number): { diagnostics: number; errors: number } {
    return { diagnostics: this.meta[STRIDE * i + 3] ?? 0, errors: this.meta[STRIDE * i + 4] ?? 0 };
  }

  /**
   * Writes record `i` into a JSON report, from `,"verdict"` through its own diagnostics, leaving the
   * list open; returns how many it wrote. The name's position is left in `nameAt`.
   */
  writeJson(i: number, out: JsonOut, nameAt: { line: number; column: number }): number {
    const m = STRIDE * i;
    const at = this.meta[m + 1] ?? 0;
    out.raw(this.chunks.get(this.meta[m] ?? 0).subarray(at, at + (this.meta[m + 2] ?? 0)));
    nameAt.line = this.meta[m + 5] ?? 1;
    nameAt.column = this.meta[m + 6] ?? 1;
    return this.meta[m + 3] ?? 0;
  }

  /** Copies record `k` of `other` (another thread's) as record `i` of these. */
  copy(other: Records, k: number, i: number): void {
    const from = STRIDE * k;
    const length = other.meta[from + 2] ?? 0;
    if (this.used + length > this.chunk.length) {
      this.chunk = this.chunks.start(length, this.used);
      this.used = 0;
    }
    if (this.meta.length < STRIDE * (i + 1)) this.meta = grow(this.meta);
    const at = other.meta[from + 1] ?? 0;
    other.chunks.get(other.meta[from] ?? 0).copy(this.chunk, this.used, at, at + length);
    this.meta.set(other.meta.subarray(from, from + STRIDE), STRIDE * i);
    this.meta[STRIDE * i] = this.chunks.count - 1;
    this.meta[STRIDE * i + 1] = this.used;
    this.used += length;
  }

  /** The first `count` records as plain data (read back into memory). */
  toData(count: number): RecordsData {
    const chunks = Array.from({ length: this.chunks.count }, (_, k) =>
      k === this.chunks.count - 1 ? this.chunk.subarray(0, this.used) : Buffer.from(this.chunks.get(k)),
    );
    return { meta: this.meta.slice(0, STRIDE * count), chunks };
  }

  /** Records made by another thread, to read. */
  static from(data: RecordsData): Records {
    const records = new Records();
    records.meta = data.meta;
    for (const chunk of data.chunks) records.chunks.adopt(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    return records;
  }

  /** The messages kept encoded (for tests: which strings the store holds on the heap). */
  cachedStrings(): string[] {
    return [...this.cache.keys()];
  }

  /**
   * A diagnostic's JSON up to its line number (`{"rule":…,"line":`), when it is kept: it is encoded and
   * kept on the message's second sighting, while the cache has room, so messages only one file has (its
   * name in "differs from the file name") never take the room of those that repeat.
   */
  private opening(d: Diagnostic): Buffer | undefined {
    const known = this.cache.get(d.message);
    if (known !== undefined) return known.rule === d.rule && known.severity === d.severity ? known.bytes : undefined;
    if (this.cache.size >= CACHE_LIMIT) return undefined;
    const hash = fnv1a(d.message);
    if (!this.candidates.has(hash)) {
      if (this.candidates.size >= CANDIDATE_LIMIT) this.candidates.clear();
      this.candidates.add(hash);
      return undefined;
    }
    // (A collision only lets a message into the cache on its first repeat's behalf: harmless.)
    this.candidates.delete(hash);
    const { rule, severity, message } = d;
    const json = `{"rule":${JSON.stringify(rule)},"severity":${JSON.stringify(severity)},"message":${JSON.stringify(message)},"line":`;
    const bytes = Buffer.from(json, 'utf8');
    this.cache.set(own(message), { rule: own(rule), severity, bytes });
    return bytes;
  }
}

/** Copies `bytes` into `chunk` at `at`; returns the end. Short runs go a byte at a time, cheaper than a call to `set`. */
function copy(chunk: Buffer, at: number, bytes: Uint8Array): number {
  const length = bytes.length;
  if (length > 48) chunk.set(bytes, at);
  else for (let k = 0; k < length; k++) chunk[at + k] = bytes[k] as number;
  return at + length;
}

/** The most bytes `text` takes as JSON. */
const jsonBound = (text: string | null): number => (text === null ? 4 : 6 * text.length + 2);

/**
 * Writes `text` at `at` as JSON.stringify does; returns the end. Printable ASCII (most paths and
 * messages) is copied a character at a time, which for short strings costs less than a call into the
 * encoder; anything else goes through JSON.stringify, whose output (escapes, and characters beyond
 * ASCII with no lone surrogates) UTF-8 holds exactly.
 */
function writeJsonString(chunk: Buffer, at: number, text: string): number {
  const length = text.length;
  chunk[at] = 34;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 34 || code === 92 || code > 0x7f) return at + chunk.write(JSON.stringify(text), at, 'utf8');
    chunk[at + 1 + i] = code;
  }
  chunk[at + 1 + length] = 34;
  return at + length + 2;
}

/** A line or column, as JSON.stringify prints it. */
function writeInteger(chunk: Buffer, at: number, value: number): number {
  if (value >= 0 && value < 10) {
    chunk[at] = 48 + value;
    return at + 1;
  }
  return at + chunk.write(JSON.stringify(value), at, 'latin1');
}

/** 32-bit FNV-1a over UTF-16 units, as a signed integer (a small integer to V8: no heap number per hash). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

export function grow(array: Int32Array): Int32Array {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}
