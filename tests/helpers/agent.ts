import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from './cli.js';

/** One `<example>` block as the house writes it: Context, user, assistant and a commentary. */
export function example(topic: string): string {
  return [
    '<example>',
    `Context: The user works on ${topic}.`,
    `user: "Help me with ${topic}"`,
    `assistant: "I'll use the agent to handle ${topic}."`,
    `<commentary>${topic} is this agent's specialty.</commentary>`,
    '</example>',
  ].join('\n');
}

const PARAGRAPH =
  'You keep the work small, tested and reviewable, and you explain each decision in plain words so that a ' +
  'teammate can follow it without asking.';

/** A body with the five default house sections, long enough for body/length, in the second person. */
export function goodBody(sections: string[] = defaultSections): string {
  const parts = ['You are a careful backend engineer who writes clear, tested code.', ''];
  for (const title of sections) parts.push(`## ${title}`, '', PARAGRAPH, '', '- one point', '- another point', '');
  return parts.join('\n');
}

export const defaultSections = [
  'Your Core Responsibilities',
  'Your Working Methodology',
  'Code Quality Standards',
  'Output Format',
  'Edge Cases and Considerations',
];

export interface AgentParts {
  name?: string;
  /** Extra frontmatter lines, written after name and description. */
  extra?: string[];
  description?: string;
  body?: string;
}

/** A complete agent file that passes every rule under the default config (as a string). */
export function agentText({ name = 'api-helper', extra = ['model: sonnet', 'color: blue'], description, body }: AgentParts = {}): string {
  const desc = description ?? `Use this agent when the user builds HTTP APIs.\n\n${example('routing')}\n\n${example('validation')}`;
  const indented = desc
    .split('\n')
    .map((line) => (line === '' ? '' : `  ${line}`))
    .join('\n');
  return ['---', `name: ${name}`, 'description: |', indented, ...extra, '---', '', body ?? goodBody(), ''].join('\n');
}

/** Writes `files` (relative path -> text or bytes) under `root`, creating folders. */
export function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
}

/** The JSON report of `agentsmith check --format json`. */
export interface JsonReport {
  files: {
    path: string;
    verdict: string;
    name: string | null;
    reason: string | null;
    diagnostics: { rule: string; severity: string; message: string; line: number; column: number }[];
  }[];
  summary: { files: number; errors: number; warnings: number };
}

const made: (() => void)[] = [];

/** A fresh temp folder holding `files`; call removeProjects() in afterEach to delete every one made. */
export function tempProject(files: Record<string, string | Buffer> = {}): string {
  const temp = tempDir();
  made.push(temp.cleanup);
  writeTree(temp.dir, files);
  return temp.dir;
}

export function removeProjects(): void {
  for (const cleanup of made.splice(0)) cleanup();
}
