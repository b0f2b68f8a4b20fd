import type { Diagnostic, Severity } from '../rules/index.js';
import { AgentScopes } from '../files/agent-scopes.js';
import { own } from '../rules/memo.js';
import { grow, Records, type RecordsData, type Verdict } from './records.js';
import { CHUNK_BYTES, type ChunkMemory } from '../report/chunks.js';
import { JSON_WORDS, JsonOut, openingJson } from '../report/json-out.js';

export type { Verdict } from './records.js';

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
  records: RecordsData;
}

/**
 * The results of a check. Each file's entry is a byte record outside the JavaScript heap (Records):
 * 10,000 files hold about 100,000 diagnostics, which as objects were 23 MB that every garbage
 * collection walked and that the heap grew around; as records they are about 3.5 MB, most of it in a
 * temporary file. On the heap stay each file's path (the walk's own string) and registered name, for
 * the duplicate-name rule.
 *
 * Iterating gives one `FileResult` at a time, in report order (ascending `order`). Cross-file
 * diagnostics (duplicate names, drift) come after a file's own; duplicate messages are written only
 * when a file is read.
 */
export class FileResults implements Iterable<FileResult> {
  private records = new Records();
  private paths: string[] = [];
  private registered: (string | null)[] = [];
  private orders: Int32Array = new Int32Array(256);
  private added = new Map<number, Diagnostic[]>();
  /** Entry → the same-name group it is in (an array by entry, made by addDuplicateNames: 10,000 map entries were slower). */
  private sameName: (number[] | undefined)[] = [];
  /** Registered name → the entries that register it, in the order they were stored (see addDuplicateNames). */
  private byName = new Map<string, number[]>();
  private sameNameSeverity: Severity = 'error';
  /** A same-name group → the JSON of the message its files past the first three share (see duplicateJson). */
  private sharedDuplicates = new Map<number[], Buffer>();
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
    if (this.orders.length <= i) this.orders = grow(this.orders);
    this.orders[i] = order;
    this.records.write(i, file, file.nameAt);
    for (const d of file.diagnostics) this.count(d.severity, 1);
    this.paths.push(file.path);
    const registered = file.verdict === 'loaded' ? (file.registeredName ?? file.name) : null;
    if (registered === null) this.registered.push(null);
    else {
      const name = own(registered);
      this.registered.push(name);
      addToGroup(this.byName, name, i);
    }
    if (order <= this.maxOrder || this.byOrder) this.reorder = true;
    this.maxOrder = Math.max(this.maxOrder, order);
  }

  /** The file at report position `index` (files and diagnostics are fresh objects on each call). */
  at(index: number): FileResult {
    const i = this.entry(index);
    const { verdict, name, reason, diagnostics, nameAt } = this.records.read(i);
    const group = this.sameName[i];
    if (group) diagnostics.push(this.duplicate(i, group, nameAt));
    diagnostics.push(...(this.added.get(i) ?? []));
    return { path: this.paths[i] ?? '', verdict, name, reason, diagnostics };
  }

  /**
   * The `files` list of the JSON report, without its brackets, as UTF-8 chunks of about 64 KB: each
   * entry goes from its byte record straight into the report (see Records.writeJson).
   */
  *jsonEntries(memory?: ChunkMemory): Generator<Uint8Array> {
    const out = new JsonOut(memory);
    const nameAt = { line: 1, column: 1 };
    for (let index = 0; index < this.length; index++) {
      const i = this.entry(index);
      if (index > 0) out.byte(44);
      out.raw(JSON_WORDS.entryOpen);
      out.string(this.paths[i] ?? '');
      let count = this.records.writeJson(i, out, nameAt);
      const group = this.sameName[i];
      if (group) {
        if (count++ > 0) out.byte(44);
        this.duplicateJson(out, i, group, nameAt);
      }
      for (const d of this.added.get(i) ?? []) {
        if (count++ > 0) out.byte(44);
        out.diagnostic(d);
      }
      out.raw(JSON_WORDS.entryClose);
      if (out.at >= CHUNK_BYTES) yield out.take();
    }
    if (out.at > 0) yield out.take();
  }

  /** The path of the file at report position `index`, without reading its record. */
  pathAt(index: number): string {
    return this.paths[this.entry(index)] ?? '';
  }

  /** The client's verdict on the file at report position `index`, without reading the rest of its record. */
  verdictAt(index: number): Verdict {
    return this.records.verdict(this.entry(index));
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
    // The groups push made, while its code was hot, are in report order unless entries were stored out
    // of it (then they are made again here, in report order: a group names its first files).
    let byName = this.byName;
    if (this.reorder || this.byOrder) {
      byName = new Map<string, number[]>();
      for (let index = 0; index < this.length; index++) {
        const i = this.entry(index);
        const name = this.registered[i];
        if (name !== null && name !== undefined) addToGroup(byName, name, i);
      }
    }
    this.sameName = new Array<number[] | undefined>(this.length).fill(undefined);
    const scopes = new AgentScopes();
    for (const named of byName.values()) {
      if (named.length < 2) continue;
      for (const group of scopes.split(named, this.paths)) {
        for (const i of group) this.sameName[i] = group;
        this.count(severity, group.length);
      }
    }
  }

  toData(): ResultsData {
    const { paths, registered, length } = this;
    return { paths, registered, orders: this.orders.slice(0, length), records: this.records.toData(length) };
  }

  /** Appends a worker's results (their orders are kept). */
  append(data: ResultsData): void {
    const records = Records.from(data.records);
    for (let i = 0; i < data.paths.length; i++) {
      const record = records.read(i);
      this.push({ ...record, path: data.paths[i] ?? '', registeredName: data.registered[i] ?? undefined }, data.orders[i]);
    }
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

  /**
   * File `i`'s name/duplicate diagnostic, into the JSON report. Every file of a group but its first three
   * shows the same message (the first three, and how many more): that message's JSON is made once per
   * group and copied (in the bench's 10k files, groups of about 32 copies, this was a third of the report).
   */
  private duplicateJson(out: JsonOut, i: number, group: number[], nameAt: { line: number; column: number }): void {
    if (group.length <= 3 || group[0] === i || group[1] === i || group[2] === i) {
      out.diagnostic(this.duplicate(i, group, nameAt));
      return;
    }
    let json = this.sharedDuplicates.get(group);
    if (json === undefined) {
      json = openingJson(this.duplicate(i, group, nameAt));
      this.sharedDuplicates.set(group, json);
    }
    out.raw(json);
    out.position(nameAt.line, nameAt.column);
  }

  private duplicate(i: number, group: number[], { line, column }: { line: number; column: number }): Diagnostic {
    // The first three others by name (a group can hold thousands of files), and how many more.
    const first: string[] = [];
    for (let k = 0; k < group.length && first.length < 3; k++) if (group[k] !== i) first.push(this.paths[group[k] ?? 0] ?? '');
    const more = group.length - 1 - first.length;
    const shown = more > 0 ? `${first.join(', ')} and ${more} more` : first.join(', ');
    return {
      rule: 'name/duplicate',
      severity: this.sameNameSeverity,
      message: `name "${this.registered[i] ?? ''}" is also registered by ${shown}; Claude Code keeps only one of them: give each its own name (and file name).`,
      line,
      column,
    };
  }
}

/** Adds entry `i` to the group of files that register `name`. */
function addToGroup(byName: Map<string, number[]>, name: string, i: number): void {
  const group = byName.get(name);
  if (group) group.push(i);
  else byName.set(name, [i]);
}
