import type { Diagnostic, Severity } from '../rules/index.js';
import { own } from '../rules/memo.js';
import { Spool } from '../files/spool.js';

export type Verdict = 'loaded' | 'skipped' | 'not-an-agent';

export interface FileResult {
  path: string;
  verdict: Verdict;
  name: string | null;
  reason: string | null;
  diagnostics: Diagnostic[];
}

/** What a file's check hands to the store: the report entry, plus what the cross-file rules need. */
export interface CheckedFile extends FileResult {
  /** Where the name is written (for cross-file diagnostics); not part of the JSON report. */
  nameAt?: { line: number; column: number };
  /** The name exactly as written: two agents collide on this. Not part of the JSON report. */
  registeredName?: string;
}

/** A store's contents as plain data a worker thread can post back. */
export interface ResultsData {
  paths: string[];
  registered: (string | null)[];
  orders: Int32Array;
  where: Int32Array;
  chunks: Uint8Array[];
  strings: string[];
}

const VERDICTS: readonly Verdict[] = ['loaded', 'skipped', 'not-an-agent'];
const SEVERITIES: readonly Severity[] = ['error', 'warning'];
/** Records are written into chunks of this size (a larger record gets a chunk of its own). */
const CHUNK_BYTES = 1 << 20;
/** Strings kept once and referred to by number (rule ids, repeated messages); later new ones are written inline. */
const TABLE_LIMIT = 4096;
/** Strings seen once, waiting for a second sighting before they take a table entry (cleared when full). */
const CANDIDATE_LIMIT = 4096;
const TABLE_REF = 0x8000_0000;
/** Inline text stored as UTF-16: it holds a lone surrogate, which UTF-8 cannot carry. */
const UTF16 = 0x4000_0000;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const NULL_STRING = 0xffff_ffff;

/**
 * The results of a check, one byte record per file in chunks outside the JavaScript heap:
 * verdict, name position, name, reason, then each diagnostic's rule, severity, line, column and
 * message (repeated messages as a number into a table of distinct strings). 10,000 files hold about
 * 100,000 diagnostics: as objects they were 23 MB that every garbage collection walked and that the
 * heap grew around; here they are about 2 MB of bytes. On the heap stay only each file's path (the
 * walk's own string) and registered name, for the duplicate-name rule.
 *
 * Iterating gives one `FileResult` at a time, in report order (ascending `order`). Cross-file
 * diagnostics (duplicate names, drift) come after a file's own; duplicate messages are written only
 * when a file is read.
 */
export class FileResults implements Iterable<FileResult> {
  private paths: string[] = [];
  private registered: (string | null)[] = [];
  private orders: Int32Array = new Int32Array(256);
  /** Per file: chunk number and offset of its record. */
  private where: Int32Array = new Int32Array(512);
  private chunks = new Spool(CHUNK_BYTES);
  private chunk: Buffer = Buffer.alloc(0);
  private used = 0;
  private strings: string[] = [];
  private stringIds = new Map<string, number>();
  /** Hashes of strings seen once (a number keeps nothing of the string alive). */
  private candidates = new Set<number>();
  private added = new Map<number, Diagnostic[]>();
  private sameName = new Map<number, number[]>();
  private sameNameSeverity: Severity = 'error';
  /** Report position → entry, when entries were stored out of order (rebuilt when `reorder` is set). */
  private byOrder: Int32Array | undefined;
  private reorder = false;
  private maxOrder = -1;
  errors = 0;
  warnings = 0;

  get length(): number {
    return this.paths.length;
  }

  /** Stores a file's result; `order` is its report position among all pushed (default: after them). */
  push(file: CheckedFile, order = this.maxOrder + 1): void {
    const i = this.paths.length;
    if (this.orders.length <= i) {
      this.orders = grow(this.orders);
      this.where = grow(this.where);
    }
    this.orders[i] = order;
    this.write(file, i);
    this.paths.push(file.path);
    const registered = file.verdict === 'loaded' ? (file.registeredName ?? file.name) : null;
    this.registered.push(registered === null ? null : own(registered));
    if (order <= this.maxOrder || this.byOrder) this.reorder = true;
    this.maxOrder = Math.max(this.maxOrder, order);
  }

  /** The file at report position `index` (files and diagnostics are fresh objects on each call). */
  at(index: number): FileResult {
    return this.read(this.entry(index));
  }

  /** Entry `i`'s record, with its cross-file diagnostics (and where its name is, for `append`). */
  private read(i: number, nameAt?: { line: number; column: number }): FileResult {
    const chunk = this.chunks.get(this.where[2 * i] ?? 0);
    let at = this.where[2 * i + 1] ?? 0;
    const readString = (): string | null => {
      const tag = chunk.readUInt32LE(at);
      at += 4;
      if (tag === NULL_STRING) return null;
      if (tag >= TABLE_REF) return this.strings[tag - TABLE_REF] ?? '';
      const length = tag & ~UTF16;
      at += length;
      return chunk.toString(tag & UTF16 ? 'utf16le' : 'utf8', at - length, at);
    };
    const verdict = VERDICTS[chunk[at] ?? 2] ?? 'not-an-agent';
    at += 1;
    const nameLine = chunk.readUInt32LE(at);
    const nameColumn = chunk.readUInt32LE(at + 4);
    if (nameAt) Object.assign(nameAt, { line: nameLine, column: nameColumn });
    at += 8;
    const name = readString();
    const reason = readString();
    const count = chunk.readUInt32LE(at);
    at += 4;
    const diagnostics: Diagnostic[] = [];
    for (let k = 0; k < count; k++) {
      const rule = readString() ?? '';
      const severity = SEVERITIES[chunk[at] ?? 0] ?? 'error';
      const line = chunk.readUInt32LE(at + 1);
      const column = chunk.readUInt32LE(at + 5);
      at += 9;
      diagnostics.push({ rule, severity, message: readString() ?? '', line, column });
    }
    const group = this.sameName.get(i);
    if (group) diagnostics.push(this.duplicate(i, group, nameLine, nameColumn));
    diagnostics.push(...(this.added.get(i) ?? []));
    return { path: this.paths[i] ?? '', verdict, name, reason, diagnostics };
  }

  *[Symbol.iterator](): Iterator<FileResult> {
    for (let index = 0; index < this.length; index++) yield this.at(index);
  }

  /** Adds a diagnostic to the file at report position `index`, after its own. */
  add(index: number, diagnostic: Diagnostic): void {
    const i = this.entry(index);
    const list = this.added.get(i);
    if (list) list.push(diagnostic);
    else this.added.set(i, [diagnostic]);
    this.count(diagnostic.severity, 1);
  }

  /** Marks the files that register the same name as another file (name/duplicate). */
  addDuplicateNames(severity: Severity): void {
    this.sameNameSeverity = severity;
    const byName = new Map<string, number[]>();
    for (let index = 0; index < this.length; index++) {
      const i = this.entry(index);
      const name = this.registered[i];
      if (name === null || name === undefined) continue;
      const group = byName.get(name);
      if (group) group.push(i);
      else byName.set(name, [i]);
    }
    for (const group of byName.values()) {
      if (group.length < 2) continue;
      for (const i of group) this.sameName.set(i, group);
      this.count(severity, group.length);
    }
  }

  toData(): ResultsData {
    const n = this.length;
    const chunks = Array.from({ length: this.chunks.count }, (_, k) =>
      k === this.chunks.count - 1 ? this.chunk.subarray(0, this.used) : Buffer.from(this.chunks.get(k)),
    );
    return { paths: this.paths, registered: this.registered, orders: this.orders.slice(0, n), where: this.where.slice(0, 2 * n), chunks, strings: this.strings };
  }

  /** Appends a worker's results (their orders are kept). */
  append(data: ResultsData): void {
    const other = new FileResults();
    other.paths = data.paths;
    other.registered = data.registered;
    other.orders = data.orders;
    other.where = data.where;
    for (const chunk of data.chunks) other.chunks.adopt(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    other.strings = data.strings;
    for (let i = 0; i < other.length; i++) {
      const nameAt = { line: 1, column: 1 };
      const file = other.read(i, nameAt);
      this.push({ ...file, nameAt, registeredName: data.registered[i] ?? undefined }, data.orders[i]);
    }
  }

  /** Writes a file's record into the current chunk (a new one when it would not fit). */
  private write(file: CheckedFile, i: number): void {
    // An upper bound of the record's size: UTF-8 takes at most 3 bytes per UTF-16 unit.
    let bound = 1 + 8 + 4 + 4 + 4 + 3 * ((file.name?.length ?? 0) + (file.reason?.length ?? 0));
    for (const d of file.diagnostics) bound += 4 + 3 * d.rule.length + 9 + 4 + 3 * d.message.length;
    if (this.used + bound > this.chunk.length) {
      // The full chunk goes to the spool's file and its memory is filled again (outside the JS heap).
      this.chunk = this.chunks.start(bound, this.used);
      this.used = 0;
    }
    const chunk = this.chunk;
    this.where[2 * i] = this.chunks.count - 1;
    this.where[2 * i + 1] = this.used;
    let at = this.used;
    const writeString = (text: string | null, table: boolean): void => {
      if (text === null) {
        chunk.writeUInt32LE(NULL_STRING, at);
        at += 4;
        return;
      }
      const id = table ? this.intern(text) : undefined;
      if (id !== undefined) {
        chunk.writeUInt32LE(TABLE_REF + id, at);
        at += 4;
        return;
      }
      const utf16 = LONE_SURROGATE.test(text);
      const length = chunk.write(text, at + 4, utf16 ? 'utf16le' : 'utf8');
      chunk.writeUInt32LE(utf16 ? length | UTF16 : length, at);
      at += 4 + length;
    };
    chunk[at] = VERDICTS.indexOf(file.verdict);
    chunk.writeUInt32LE(file.nameAt?.line ?? 1, at + 1);
    chunk.writeUInt32LE(file.nameAt?.column ?? 1, at + 5);
    at += 9;
    writeString(file.name, false);
    writeString(file.reason, false);
    chunk.writeUInt32LE(file.diagnostics.length, at);
    at += 4;
    for (const d of file.diagnostics) {
      writeString(d.rule, true);
      chunk[at] = d.severity === 'error' ? 0 : 1;
      chunk.writeUInt32LE(d.line, at + 1);
      chunk.writeUInt32LE(d.column, at + 5);
      at += 9;
      writeString(d.message, true);
      this.count(d.severity, 1);
    }
    this.used = at;
  }

  /**
   * The table number of `text`, or undefined: then it is written inline. A string enters the table
   * on its second sighting, while the table has room, so messages only one file has (its name in
   * "differs from the file name") never take the room of those that repeat.
   */
  private intern(text: string): number | undefined {
    const known = this.stringIds.get(text);
    if (known !== undefined || this.strings.length >= TABLE_LIMIT) return known;
    const hash = fnv1a(text);
    if (!this.candidates.has(hash)) {
      if (this.candidates.size >= CANDIDATE_LIMIT) this.candidates.clear();
      this.candidates.add(hash);
      return undefined;
    }
    // (A collision only lets a string into the table on its first repeat's behalf: harmless.)
    this.candidates.delete(hash);
    const kept = own(text);
    this.strings.push(kept);
    this.stringIds.set(kept, this.strings.length - 1);
    return this.strings.length - 1;
  }

  private entry(index: number): number {
    if (this.reorder) {
      const orders = Array.from({ length: this.length }, (_, i) => [this.orders[i] ?? 0, i] as const);
      this.byOrder = Int32Array.from(orders.sort((a, b) => a[0] - b[0]).map(([, i]) => i));
      this.reorder = false;
    }
    return this.byOrder ? (this.byOrder[index] ?? index) : index;
  }

  private count(severity: Severity, n: number): void {
    if (severity === 'error') this.errors += n;
    else this.warnings += n;
  }

  private duplicate(i: number, group: number[], line: number, column: number): Diagnostic {
    const others = group.filter((other) => other !== i).map((other) => this.paths[other] ?? '');
    const shown = others.length > 3 ? `${others.slice(0, 3).join(', ')} and ${others.length - 3} more` : others.join(', ');
    return {
      rule: 'name/duplicate',
      severity: this.sameNameSeverity,
      message: `name "${this.registered[i] ?? ''}" is also registered by ${shown}; Claude Code keeps only one of them.`,
      line,
      column,
    };
  }
}

/** 32-bit FNV-1a over UTF-16 units, as a signed integer (a small integer to V8: no heap number per hash). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

function grow(array: Int32Array): Int32Array {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}
