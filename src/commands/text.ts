import type { Diagnostic } from '../rules/index.js';

/** "1 agent", "2 agents". */
export const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

/**
 * One diagnostic on one line, the way every command prints it: `path:line:col  severity  rule  message`
 * (the path left out when the context already names the file).
 */
export function formatDiagnostic(d: Diagnostic, path?: string): string {
  return `${path === undefined ? '' : `${path}:`}${d.line}:${d.column}  ${d.severity}  ${d.rule}  ${d.message}`;
}
