import { Spool } from '../files/spool.js';
import type { Diagnostic, Severity } from '../rules/index.js';
import { own } from '../rules/memo.js';
import { JSON_WORDS, openingJson, type JsonOut } from '../report/json-out.js';

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
  where: Int32Array;
  chunks: Uint8Array[];
  table: Repeated[];
}

/** A diagnostic many files repeat (rule, severity and message), kept once and referred to by number. */
export interface Repeated {
  rule: string;
  severity: Severity;
  message: string;
}

const VERDICTS: readonly Verdict[] = ['loaded', 'skipped', 'not-an-agent'];
const SEVERITIES: readonly Severity[] = ['error', 'warning'];
/** Records are written into chunks of this size (a larger record gets a chunk of its own). */
const CHUNK_BYTES = 1 << 20;
/**
 * The first chunk is smaller, so `write` changes chunks within the first 50 or so files, while V8 still
 * gathers type feedback: when the first change came 3,000 files in, it threw the optimized `write` away.
 */
const FIRST_CHUNK_BYTES = 16 << 10;
/** Repeated diagnostics kept once and referred to by number; later new ones are written inline. */
const TABLE_LIMIT = 4096;
/** Messages seen once, waiting for a second sighting before they take a table entry (see `candidates`). */
const CANDIDATE_SLOTS = 4096;
const TABLE_REF = 0x8000_0000;
/** Inline text stored as UTF-16: it holds a lone surrogate (it is not well formed), which UTF-8 cannot carry. */
const UTF16 = 0x4000_0000;
const NULL_STRING = 0xffff_ffff;

/**
 * One byte record per file, in chunks outside the JavaScript heap (see Spool): verdict, name position,
 * name, reason, then each diagnostic. A diagnostic many files repeat ("section … is missing", under the
 * same rule and severity) is a number into a table of them, then its line and column; any other is
 * written out: rule, severity, line, column, message, as inline UTF-8 (UTF-16 when a string holds a lone
 * surrogate), so every string comes back exactly. The table keeps each repeated diagnostic's JSON up to
 * its line number, so the JSON report copies it whole. `read` and `writeJson` both decode this layout
 * (a property test holds the JSON to JSON.stringify of what `read` gives).
 */
export class Records {
  /** Per record: chunk number and offset. */
  private where: Int32Array = new Int32Array(512);
  private chunks = new Spool(CHUNK_BYTES, FIRST_CHUNK_BYTES);
  private chunk: Buffer = Buffer.alloc(0);
  private used = 0;
  private table: Repeated[] = [];
  /** Message → its table entries (a message under another rule or severity is another entry). */
  private tableIds = new Map<string, number[]>();
  /**
   * Hashes of messages seen once (a number keeps nothing of the string alive), one per slot by the hash's
   * low bits: a newer message takes an older one's slot. (A Set cleared when full threw V8's optimized
   * `intern` away at its first clearing, 4,096 files into a check.)
   */
  private candidates = new Int32Array(CANDIDATE_SLOTS);
  /** Table entries as JSON up to the line number (`{"rule":…,"line":`), made on first use by writeJson. */
  private tableJson: (Buffer | undefined)[] = [];
  /**
   * Per rule, its messages seen for the first time, or -1 once one has entered the table. A rule whose
   * first UNREPEATED_RULE messages were all new (name/file-name: each names its own file) is not looked
   * up again: hashing each of its messages, twice, found nothing to share.
   */
  private newMessages = new Map<string, number>();

  /** Writes record `i` (records are written in order, each once). */
  write(i: number, file: Omit<RecordContent, 'nameAt'>, nameAt: RecordContent['nameAt'] = { line: 1, column: 1 }): void {
    // An upper bound of the record's size: UTF-8 takes at most 3 bytes per UTF-16 unit.
    let bound = 1 + 8 + 4 + 4 + 4 + 3 * ((file.name?.length ?? 0) + (file.reason?.length ?? 0));
    for (const d of file.diagnostics) bound += 4 + 3 * d.rule.length + 9 + 4 + 3 * d.message.length; // (a table entry takes 12)
    if (this.used + bound > this.chunk.length) {
      // The full chunk goes to the spool's file and its memory is filled again.
      this.chunk = this.chunks.start(bound, this.used);
      this.used = 0;
    }
    if (this.where.length < 2 * (i + 1)) this.where = grow(this.where);
    const chunk = this.chunk;
    this.where[2 * i] = this.chunks.count - 1;
    this.where[2 * i + 1] = this.used;
    let at = this.used;
    const writeString = (text: string | null): void => {
      if (text === null) {
        putU32(chunk, at, NULL_STRING);
        at += 4;
        return;
      }
      const utf16 = !text.isWellFormed();
      const length = chunk.write(text, at + 4, utf16 ? 'utf16le' : 'utf8');
      putU32(chunk, at, utf16 ? length | UTF16 : length);
      at += 4 + length;
    };
    chunk[at] = VERDICTS.indexOf(file.verdict);
    putU32(chunk, at + 1, nameAt.line);
    putU32(chunk, at + 5, nameAt.column);
    at += 9;
    writeString(file.name);
    writeString(file.reason);
    putU32(chunk, at, file.diagnostics.length);
    at += 4;
    for (const d of file.diagnostics) {
      const id = this.intern(d);
      if (id !== undefined) {
        putU32(chunk, at, TABLE_REF + id);
        putU32(chunk, at + 4, d.line);
        putU32(chunk, at + 8, d.column);
        at += 12;
        continue;
      }
      writeString(d.rule);
      chunk[at] = d.severity === 'error' ? 0 : 1;
      putU32(chunk, at + 1, d.line);
      putU32(chunk, at + 5, d.column);
      at += 9;
      writeString(d.message);
    }
    this.used = at;
  }

  /** Record `i`'s verdict alone: its first byte, nothing decoded. */
  verdict(i: number): Verdict {
    const chunk = this.chunks.get(this.where[2 * i] ?? 0);
    return VERDICTS[chunk[this.where[2 * i + 1] ?? 0] ?? 2] ?? 'not-an-agent';
  }

  /** Record `i`, as fresh objects. */
  read(i: number): RecordContent {
    const chunk = this.chunks.get(this.where[2 * i] ?? 0);
    let at = this.where[2 * i + 1] ?? 0;
    const readString = (): string | null => {
      const tag = getU32(chunk, at);
      at += 4;
      if (tag === NULL_STRING) return null;
      const length = tag & ~UTF16;
      at += length;
      return chunk.toString(tag & UTF16 ? 'utf16le' : 'utf8', at - length, at);
    };
    const verdict = VERDICTS[chunk[at] ?? 2] ?? 'not-an-agent';
    const nameAt = { line: getU32(chunk, at + 1), column: getU32(chunk, at + 5) };
    at += 9;
    const name = readString();
    const reason = readString();
    const count = getU32(chunk, at);
    at += 4;
    const diagnostics: Diagnostic[] = [];
    for (let k = 0; k < count; k++) {
      const tag = getU32(chunk, at);
      if (tag >= TABLE_REF && tag !== NULL_STRING) {
        const { rule, severity, message } = this.table[tag - TABLE_REF] as Repeated;
        diagnostics.push({ rule, severity, message, line: getU32(chunk, at + 4), column: getU32(chunk, at + 8) });
        at += 12;
        continue;
      }
      const rule = readString() ?? '';
      const severity = SEVERITIES[chunk[at] ?? 0] ?? 'error';
      const line = getU32(chunk, at + 1);
      const column = getU32(chunk, at + 5);
      at += 9;
      diagnostics.push({ rule, severity, message: readString() ?? '', line, column });
    }
    return { verdict, name, reason, diagnostics, nameAt };
  }

  /**
   * Writes record `i` into a JSON report, from `,"verdict"` through its own diagnostics, leaving the
   * list open; returns how many it wrote. The name's position is left in `nameAt`.
   */
  writeJson(i: number, out: JsonOut, nameAt: { line: number; column: number }): number {
    const chunk = this.chunks.get(this.where[2 * i] ?? 0);
    let at = this.where[2 * i + 1] ?? 0;
    out.raw(JSON_WORDS.verdicts[chunk[at] ?? 2] as Buffer);
    nameAt.line = getU32(chunk, at + 1);
    nameAt.column = getU32(chunk, at + 5);
    at = this.stringJson(chunk, at + 9, out);
    out.raw(JSON_WORDS.reason);
    at = this.stringJson(chunk, at, out);
    out.raw(JSON_WORDS.diagnostics);
    const count = getU32(chunk, at);
    at += 4;
    for (let k = 0; k < count; k++) {
      if (k > 0) out.byte(44);
      const tag = getU32(chunk, at);
      let line: number;
      let column: number;
      if (tag >= TABLE_REF && tag !== NULL_STRING) {
        out.raw(this.openingJson(tag - TABLE_REF));
        line = getU32(chunk, at + 4);
        column = getU32(chunk, at + 8);
        at += 12;
      } else {
        out.raw(JSON_WORDS.rule);
        at = this.stringJson(chunk, at, out);
        out.raw(JSON_WORDS.severities[chunk[at] ?? 0] as Buffer);
        line = getU32(chunk, at + 1);
        column = getU32(chunk, at + 5);
        at = this.stringJson(chunk, at + 9, out);
        out.raw(JSON_WORDS.line);
      }
      out.position(line, column);
    }
    return count;
  }

  /** Table entry `id` as JSON up to its line number, encoded once. */
  private openingJson(id: number): Buffer {
    let json = this.tableJson[id];
    if (json === undefined) {
      json = openingJson(this.table[id] as Repeated);
      this.tableJson[id] = json;
    }
    return json;
  }

  /** The string at `at` as JSON; returns the offset after it. */
  private stringJson(chunk: Buffer, at: number, out: JsonOut): number {
    const tag = getU32(chunk, at);
    at += 4;
    if (tag === NULL_STRING) {
      out.raw(JSON_WORDS.null);
      return at;
    }
    const length = tag & ~UTF16;
    // Inline UTF-8 came from a string without lone surrogates: valid, so copied with its quotes and
    // backslashes escaped; one with a control character goes through JSON.stringify.
    if (tag & UTF16 || !out.quoted(chunk, at, at + length)) out.utf8(JSON.stringify(chunk.toString(tag & UTF16 ? 'utf16le' : 'utf8', at, at + length)));
    return at + length;
  }

  /** The first `count` records as plain data (read back into memory). */
  toData(count: number): RecordsData {
    const chunks = Array.from({ length: this.chunks.count }, (_, k) =>
      k === this.chunks.count - 1 ? this.chunk.subarray(0, this.used) : Buffer.from(this.chunks.get(k)),
    );
    return { where: this.where.slice(0, 2 * count), chunks, table: this.table };
  }

  /** Records made by another thread, to read. */
  static from(data: RecordsData): Records {
    const records = new Records();
    records.where = data.where;
    for (const chunk of data.chunks) records.chunks.adopt(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    records.table = data.table;
    return records;
  }

  /**
   * The table number of diagnostic `d`, or undefined: then it is written out. A message enters the
   * table on its second sighting, while the table has room, so messages only one file has (its name in
   * "differs from the file name") never take the room of those that repeat.
   */
  private intern(d: Diagnostic): number | undefined {
    const seen = this.newMessages.get(d.rule) ?? 0;
    if (seen >= UNREPEATED_RULE) return undefined;
    const ids = this.tableIds.get(d.message);
    if (ids !== undefined) {
      for (const id of ids) {
        const entry = this.table[id] as Repeated;
        if (entry.rule === d.rule && entry.severity === d.severity) return id;
      }
    }
    if (this.table.length >= TABLE_LIMIT) return undefined;
    if (ids === undefined) {
      const hash = fnv1a(d.message);
      const slot = hash & (CANDIDATE_SLOTS - 1);
      if (this.candidates[slot] !== hash) {
        this.candidates[slot] = hash;
        if (seen >= 0) this.newMessages.set(d.rule, seen + 1);
        return undefined;
      }
      // (A collision only lets a message into the table on its first repeat's behalf, or makes one wait
      // for another sighting, and a message whose hash is 0 enters on its first: harmless, the report is
      // the same whether a diagnostic is in the table or written out.)
      this.candidates[slot] = 0;
    }
    const message = own(d.message);
    if (seen >= 0) this.newMessages.set(d.rule, -1);
    // The rule's id as it is: a constant of its rule (no file's text), so the test above compares two
    // pointers, where a copy of it had its characters compared on every diagnostic. (Records a worker
    // thread made hold decoded copies: those still compare, by their characters.)
    this.table.push({ rule: d.rule, severity: d.severity, message });
    const id = this.table.length - 1;
    if (ids) ids.push(id);
    else this.tableIds.set(message, [id]);
    return id;
  }
}

/** See Records.newMessages. */
const UNREPEATED_RULE = 1024;

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

/**
 * A little-endian 32-bit unsigned number, written and read by hand: Buffer's writeUInt32LE and
 * readUInt32LE check their arguments through Node's error wrappers on every call, which cost more than
 * the four bytes (records take about ten per file and diagnostic).
 */
function putU32(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value & 0xff;
  bytes[at + 1] = (value >>> 8) & 0xff;
  bytes[at + 2] = (value >>> 16) & 0xff;
  bytes[at + 3] = value >>> 24;
}

function getU32(bytes: Uint8Array, at: number): number {
  return ((bytes[at] as number) | ((bytes[at + 1] as number) << 8) | ((bytes[at + 2] as number) << 16) | ((bytes[at + 3] as number) << 24)) >>> 0;
}
