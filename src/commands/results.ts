import type { Diagnostic, Severity } from '../rules/index.js';
import { own } from '../rules/memo.js';

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

/** The columns of a store, as plain data a worker thread can post back. */
export interface ResultsData {
  paths: string[];
  names: (string | null)[];
  registered: (string | null)[];
  reasons: (string | null)[];
  facts: Int32Array;
  diagnostics: Int32Array;
  strings: string[];
}

const VERDICTS: readonly Verdict[] = ['loaded', 'skipped', 'not-an-agent'];
const SEVERITIES: readonly Severity[] = ['error', 'warning'];
/** Per file: verdict, first diagnostic, diagnostic count, name line, name column, order. */
const FACTS = 6;
/** Per diagnostic: rule, severity, message, line, column. */
const DIAG = 5;
/** Past this many distinct strings, new ones are kept without looking for an earlier copy. */
const INTERN_LIMIT = 100_000;


/**
 * The results of a check, kept in columns: numbers in typed arrays and each distinct message once. 10,000
 * files hold about 100,000 diagnostics; as objects they were 23 MB that every garbage collection walked,
 * here they are 2 MB of integers plus the distinct strings. Iterating gives one `FileResult` at a time, in
 * the order the paths were found; cross-file diagnostics (duplicate names, drift) are added at the end
 * of each file's list and their messages are written only when a file is read.
 */
export class FileResults implements Iterable<FileResult> {
  private paths: string[] = [];
  private names: (string | null)[] = [];
  private registered: (string | null)[] = [];
  private reasons: (string | null)[] = [];
  private facts: Int32Array = new Int32Array(FACTS * 256);
  private diags: Int32Array = new Int32Array(DIAG * 2048);
  private diagLength = 0;
  private strings: string[] = [];
  private stringIds = new Map<string, number>();
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
    if (this.facts.length < (i + 1) * FACTS) this.facts = grow(this.facts);
    const first = this.diagLength / DIAG;
    for (const d of file.diagnostics) this.store(d);
    const f = i * FACTS;
    this.facts[f] = VERDICTS.indexOf(file.verdict);
    this.facts[f + 1] = first;
    this.facts[f + 2] = file.diagnostics.length;
    this.facts[f + 3] = file.nameAt?.line ?? 1;
    this.facts[f + 4] = file.nameAt?.column ?? 1;
    this.facts[f + 5] = order;
    this.paths.push(file.path);
    const name = file.name === null ? null : own(file.name);
    this.names.push(name);
    this.registered.push(file.registeredName === undefined || file.registeredName === file.name ? name : own(file.registeredName));
    this.reasons.push(file.reason === null ? null : own(file.reason));
    if (order <= this.maxOrder || this.byOrder) this.reorder = true;
    this.maxOrder = Math.max(this.maxOrder, order);
  }

  /** The file at report position `index` (files and diagnostics are fresh objects on each call). */
  at(index: number): FileResult {
    const i = this.entry(index);
    const f = i * FACTS;
    const diagnostics: Diagnostic[] = [];
    const end = ((this.facts[f + 1] ?? 0) + (this.facts[f + 2] ?? 0)) * DIAG;
    for (let k = (this.facts[f + 1] ?? 0) * DIAG; k < end; k += DIAG) {
      const d = this.diags;
      diagnostics.push({
        rule: this.strings[d[k] ?? 0] ?? '',
        severity: SEVERITIES[d[k + 1] ?? 0] ?? 'error',
        message: this.strings[d[k + 2] ?? 0] ?? '',
        line: d[k + 3] ?? 1,
        column: d[k + 4] ?? 1,
      });
    }
    const group = this.sameName.get(i);
    if (group) diagnostics.push(this.duplicate(i, group));
    diagnostics.push(...(this.added.get(i) ?? []));
    return {
      path: this.paths[i] ?? '',
      verdict: VERDICTS[this.facts[f] ?? 2] ?? 'not-an-agent',
      name: this.names[i] ?? null,
      reason: this.reasons[i] ?? null,
      diagnostics,
    };
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
      const name = this.registered[this.entry(index)];
      if (name === null || name === undefined) continue;
      const group = byName.get(name);
      if (group) group.push(index);
      else byName.set(name, [index]);
    }
    for (const group of byName.values()) {
      if (group.length < 2) continue;
      const entries = group.map((index) => this.entry(index));
      for (const i of entries) this.sameName.set(i, entries);
      this.count(severity, group.length);
    }
  }

  toData(): ResultsData {
    const { paths, names, registered, reasons, strings } = this;
    return { paths, names, registered, reasons, strings, facts: this.facts.slice(0, this.length * FACTS), diagnostics: this.diags.slice(0, this.diagLength) };
  }

  /** Appends a worker's results (their orders are kept). */
  append(data: ResultsData): void {
    const count = data.paths.length;
    for (let i = 0; i < count; i++) {
      const f = i * FACTS;
      const diagnostics: Diagnostic[] = [];
      for (let k = (data.facts[f + 1] ?? 0) * DIAG, end = k + (data.facts[f + 2] ?? 0) * DIAG; k < end; k += DIAG) {
        const d = data.diagnostics;
        const message = data.strings[d[k + 2] ?? 0] ?? '';
        diagnostics.push({ rule: data.strings[d[k] ?? 0] ?? '', severity: SEVERITIES[d[k + 1] ?? 0] ?? 'error', message, line: d[k + 3] ?? 1, column: d[k + 4] ?? 1 });
      }
      this.push(
        {
          path: data.paths[i] ?? '',
          verdict: VERDICTS[data.facts[f] ?? 2] ?? 'not-an-agent',
          name: data.names[i] ?? null,
          reason: data.reasons[i] ?? null,
          diagnostics,
          nameAt: { line: data.facts[f + 3] ?? 1, column: data.facts[f + 4] ?? 1 },
          registeredName: data.registered[i] ?? undefined,
        },
        data.facts[f + 5] ?? 0,
      );
    }
  }

  private entry(index: number): number {
    if (this.reorder) {
      const orders = Array.from({ length: this.length }, (_, i) => [this.facts[i * FACTS + 5] ?? 0, i] as const);
      this.byOrder = Int32Array.from(orders.sort((a, b) => a[0] - b[0]).map(([, i]) => i));
      this.reorder = false;
    }
    return this.byOrder ? (this.byOrder[index] ?? index) : index;
  }

  private store(d: Diagnostic): void {
    if (this.diags.length < this.diagLength + DIAG) this.diags = grow(this.diags);
    const k = this.diagLength;
    this.diags[k] = this.intern(d.rule);
    this.diags[k + 1] = d.severity === 'error' ? 0 : 1;
    this.diags[k + 2] = this.intern(d.message);
    this.diags[k + 3] = d.line;
    this.diags[k + 4] = d.column;
    this.diagLength += DIAG;
    this.count(d.severity, 1);
  }

  private intern(text: string): number {
    const known = this.stringIds.get(text);
    if (known !== undefined) return known;
    const id = this.strings.length;
    const kept = own(text);
    this.strings.push(kept);
    if (this.stringIds.size < INTERN_LIMIT) this.stringIds.set(kept, id);
    return id;
  }

  private count(severity: Severity, n: number): void {
    if (severity === 'error') this.errors += n;
    else this.warnings += n;
  }

  private duplicate(i: number, group: number[]): Diagnostic {
    const others = group.filter((other) => other !== i).map((other) => this.paths[other] ?? '');
    const shown = others.length > 3 ? `${others.slice(0, 3).join(', ')} and ${others.length - 3} more` : others.join(', ');
    const f = i * FACTS;
    return {
      rule: 'name/duplicate',
      severity: this.sameNameSeverity,
      message: `name "${this.registered[i] ?? ''}" is also registered by ${shown}; Claude Code keeps only one of them.`,
      line: this.facts[f + 3] ?? 1,
      column: this.facts[f + 4] ?? 1,
    };
  }
}

function grow(array: Int32Array): Int32Array {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}
