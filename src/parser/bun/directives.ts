// Directives (`%YAML`, `%TAG`, any `%` line) where Bun takes none, or a second `%YAML`.

/**
 * A directive (`%YAML 1.2`, `%TAG …`, any `%` line at column 1) where Bun takes none: after a
 * document's content, or before one with no `---` line between ("Unexpected token"); a second `%YAML`
 * before one document is "Multiple YAML directives" (measured; fixtures *-stray-directive-*). yaml
 * reads some of these as text or lets them pass. `quoted`: the ranges of scalars whose lines are
 * text (a top-level scalar's may start at column 1: `foo` then `%YAML 1.2` is the string "foo %YAML 1.2"
 * to both). The first such line, or undefined.
 */
export function strayDirective(text: string, quoted: [number, number][]): { at: number; wording: string } | undefined {
  let prologue = true;
  let yamlDirectives = 0;
  let pending: number | undefined;
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(start, end);
    const next = end + 1;
    if (line.startsWith('%') && !quoted.some(([from, to]) => from < start && start < to)) {
      if (!prologue) return { at: start, wording: 'Unexpected token' };
      if (/^%YAML(?:[ \t]|\r?$)/.test(line) && ++yamlDirectives > 1) return { at: start, wording: 'Multiple YAML directives' };
      pending ??= start;
    } else if (/^---(?:[ \t]|\r?$)/.test(line)) {
      prologue = false;
      pending = undefined;
      yamlDirectives = 0;
    } else if (/^\.\.\.(?:[ \t]|\r?$)/.test(line)) {
      if (pending !== undefined) return { at: pending, wording: 'Unexpected token' };
      prologue = true;
      yamlDirectives = 0;
    } else if (!/^\s*(?:#.*)?$/.test(line)) {
      if (pending !== undefined) return { at: pending, wording: 'Unexpected token' };
      prologue = false;
    }
    start = next;
  }
  return pending === undefined ? undefined : { at: pending, wording: 'Unexpected token' };
}
