import { SpecError } from './errors.js';
import type { Locator } from './locate.js';
import { fillTemplate, MissingKey, parseSpecTemplate, TemplateProblem, type Combination } from './template.js';

type Parsed = ReturnType<typeof parseSpecTemplate>;

/**
 * Fills `{{key}}` in every string of a spec value, for one combination at a time. Each distinct string is
 * parsed once (10,000 variants share a handful of templates); every error names the field, its spec line,
 * the combination, what is wrong and how to fix it.
 */
export class SpecTemplates {
  private parsed = new Map<string, Parsed>();

  /** `keys`: the matrix keys (what a placeholder may name); `at`: where a spec value is written. */
  constructor(
    private readonly keys: string[],
    private readonly at: Locator,
  ) {}

  /** `value` with its strings filled from `combo`; `origin` and `originPath` say where the combination comes from. */
  fill<T>(value: T, combo: Combination, origin: string, originPath: PropertyKey[]): T {
    return this.walk(value, [], combo, origin, originPath) as T;
  }

  private walk(value: unknown, path: PropertyKey[], combo: Combination, origin: string, originPath: PropertyKey[]): unknown {
    if (typeof value === 'string') return value.includes('{{') ? this.fillString(value, path, combo, origin, originPath) : value;
    if (Array.isArray(value)) return value.map((item, i) => this.walk(item, [...path, i], combo, origin, originPath));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.walk(item, [...path, key], combo, origin, originPath)]));
    }
    return value;
  }

  private fillString(source: string, path: PropertyKey[], combo: Combination, origin: string, originPath: PropertyKey[]): string {
    const field = path.map(String).join('.');
    const where = `${this.at(path)}: ${field}`;
    let parts = this.parsed.get(source);
    if (!parts) {
      try {
        parts = parseSpecTemplate(source, this.keys);
      } catch (error) {
        if (error instanceof TemplateProblem) throw new SpecError(`${where}: ${error.message}`);
        throw error;
      }
      this.parsed.set(source, parts);
    }
    try {
      return fillTemplate(parts, combo);
    } catch (error) {
      if (!(error instanceof MissingKey)) throw error;
      throw new SpecError(`${where} (${origin}): ${this.missing(error.key, originPath)}`);
    }
  }

  /** Why a placeholder has no value: not a matrix key at all, or an include entry that does not set it. */
  private missing(key: string, originPath: PropertyKey[]): string {
    if (originPath[0] === 'include' && this.keys.includes(key)) {
      return `{{${key}}} has no value: ${key} is a matrix key, but the include entry at ${this.at(originPath)} does not set it; add ${key} to that entry.`;
    }
    const keys = this.keys.length > 0 ? this.keys.join(', ') : '(none: the spec has no matrix)';
    return `{{${key}}} is not a matrix key; the keys are: ${keys}.`;
  }
}
