/**
 * A short line diff: `-` lines only in `before`, `+` lines only in `after`, from a longest common
 * subsequence. Shows at most `limit` changed lines, with the file line numbers of `before`. `line` is the
 * first line (1-based) of `before` that differs: where a report about `before` should point.
 */
export function shortDiff(before: string, after: string, limit = 12): { diff: string[]; line: number } {
  const a = before.split('\n');
  const b = after.split('\n');
  // Trim the common head and tail first: drift is usually a few lines in a long file.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  // Text added after the last line points at the last line, which exists.
  const line = Math.min(head + 1, a.length);
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  if (x.length * y.length > 4_000_000) return { diff: [`@@ line ${head + 1}: ${x.length} lines replaced by ${y.length} lines`], line };
  const lcs: number[][] = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const changed: { sign: '-' | '+'; text: string; line: number }[] = [];
  let i = 0;
  let j = 0;
  while ((i < x.length || j < y.length) && changed.length < limit) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      i++;
      j++;
    } else if (i < x.length && (j >= y.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      changed.push({ sign: '-', text: x[i] as string, line: head + ++i });
    } else {
      changed.push({ sign: '+', text: y[j] as string, line: head + ++j });
    }
  }
  const out = [`@@ line ${head + 1}`, ...moved(changed)];
  const remaining = x.length - i + (y.length - j);
  if (remaining > 0) out.push(`… and more changes`);
  return { diff: clip(out), line };
}

/**
 * The changed lines as `- text` and `+ text`. A line that only moved (the same text removed in one place
 * and added in another, such as a frontmatter key written in another order) says so, with its line in the
 * file and in what is rendered: otherwise `- tools: Read` next to `+ tools: Read` reads as no change.
 */
function moved(changed: { sign: '-' | '+'; text: string; line: number }[]): string[] {
  const paired = new Map<number, number>();
  changed.forEach((entry, k) => {
    if (entry.sign !== '-' || entry.text.trim() === '') return;
    const other = changed.findIndex((candidate, c) => candidate.sign === '+' && candidate.text === entry.text && !paired.has(c));
    if (other >= 0) {
      paired.set(k, other);
      paired.set(other, k);
    }
  });
  return changed.map((entry, k) => {
    const other = paired.get(k);
    if (other === undefined) return `${entry.sign} ${entry.text}`;
    const where = entry.sign === '-' ? `moved: line ${entry.line} here, line ${changed[other]?.line} as rendered` : `moved: line ${changed[other]?.line} here, line ${entry.line} as rendered`;
    return `${entry.sign} ${entry.text}   (${where})`;
  });
}

/** Long lines (a one-line description) are cut to a window around where a -/+ pair first differs. */
function clip(lines: string[], width = 140): string[] {
  return lines.map((line, k) => {
    if (line.length <= width) return line;
    const other = line.startsWith('- ') ? lines[k + 1] : line.startsWith('+ ') ? lines[k - 1] : undefined;
    let at = 2;
    if (other) while (at < line.length && line[at] === other[at]) at++;
    const start = Math.max(2, Math.min(at - width / 2, line.length - width));
    return `${line.slice(0, 2)}${start > 2 ? '…' : ''}${line.slice(start, start + width)}${start + width < line.length ? '…' : ''}`;
  });
}
