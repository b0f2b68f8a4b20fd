import type { Alias, Document, Node } from 'yaml';
import { yaml } from '../yaml-engine.js';

// Aliases: each linked to its anchor in one pass (yaml's own lookup is quadratic), and alias names
// that a flow indicator goes on from, which Bun refuses.

/**
 * Links every alias to its anchor in one pass in document order, and returns where the first alias
 * without an earlier anchor of its name is, if any. yaml finds an alias's anchor by walking the
 * document up to the alias, for each alias: a file of 50,000 aliases took 20 s. Each alias is now given
 * the short list it needs (its anchor, itself), which yaml's own lookup walks at once.
 */
export function linkAliases(doc: Document.Parsed): number | undefined {
  let first: number | undefined;
  for (const [alias, target] of aliasTargets(doc)) {
    if (target === undefined && first === undefined) first = alias.range?.[0] ?? 0;
    const resolve = alias.resolve.bind(alias);
    const nodes = target === undefined ? [alias] : [target, alias];
    alias.resolve = (d, ctx) => resolve(d, ctx && (Object.create(ctx, { aliasResolveCache: { value: nodes } }) as typeof ctx));
  }
  return first;
}

/** Each alias of `doc` and the node its anchor names (the last one before it), in document order, in one pass. */
export function aliasTargets(doc: Document.Parsed): Map<Alias, Node | undefined> {
  const { visit, isAlias, isNode } = yaml();
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node | undefined>();
  visit(doc, (_, node) => {
    if (isAlias(node)) targets.set(node, anchors.get(node.source));
    else if (isNode(node) && node.anchor) anchors.set(node.anchor, node);
    return undefined;
  });
  return targets;
}

/**
 * Where the first alias Bun refuses is: an alias name that a flow indicator (`,[]{}`) goes on from, in
 * block context (`x: *a,b`). yaml ends the name there and stops at the indicator; Bun stops at the
 * alias: "Unexpected character" (measured; fixtures *-alias-flow-char-*). The alias's offset, so that
 * it comes before the alias being unresolved.
 */
export function badAliasName(doc: Document.Parsed, text: string): number | undefined {
  const { visit } = yaml();
  const errors = doc.errors.map((error) => error.pos[0]);
  let first: number | undefined;
  visit(doc, {
    Alias(_, node) {
      const [start, end] = node.range ?? [0, 0];
      // (In a flow collection the indicator is the collection's own: yaml raises no error at the alias.)
      if (/[,[\]{}]/.test(text.charAt(end)) && errors.some((at) => at >= start && at <= end) && (first === undefined || start < first)) first = start;
    },
  });
  return first;
}
