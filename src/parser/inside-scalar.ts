import type { Document } from 'yaml';
import { scalarRanges } from './yaml-engine.js';

/** Whether `at` is inside a scalar of the given style (yaml's reading), the scalars found once per document. */
const scalarsByDoc = new WeakMap<Document.Parsed, Map<string, [number, number][]>>();
export function insideScalar(doc: Document.Parsed, style: string, at: number): boolean {
  let byStyle = scalarsByDoc.get(doc);
  if (!byStyle) scalarsByDoc.set(doc, (byStyle = new Map()));
  let ranges = byStyle.get(style);
  if (!ranges) byStyle.set(style, (ranges = scalarRanges([doc], [style])));
  return ranges.some(([start, end]) => start < at && at < end);
}
