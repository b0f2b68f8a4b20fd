import type { AgentDocument } from '../parser/index.js';
import type { ResolvedConfig } from './config.js';

export type Severity = 'error' | 'warning';
export type SeveritySetting = 'off' | 'warn' | 'error';

export interface Diagnostic {
  rule: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
}

export interface RuleContext {
  doc: AgentDocument;
  config: ResolvedConfig;
  /** The file name without `.md`, when the document came from a file. */
  fileStem: string | undefined;
  /** True when the file sits in an agents folder, where every file is meant to be an agent. */
  inAgentsFolder: boolean;
}

export type Report = (message: string, at?: { line: number; column?: number }) => void;

export interface Rule {
  id: string;
  defaultSeverity: Exclude<SeveritySetting, 'off'>;
  /** One line: what the rule checks. */
  summary: string;
  /** Why it matters (for the rules table). */
  why: string;
  /** A frontmatter or body fragment that breaks the rule. */
  bad: string;
  /** How to fix it. */
  fix: string;
  /** Whether the rule needs a document the client loads (most field rules do). */
  needsLoaded?: boolean;
  check(context: RuleContext, report: Report): void;
}
