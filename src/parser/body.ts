import { closesFence, fenceMarker, headingOf, isFenceChar, leadingSpaces } from './headings.js';
import type { Block, Section, Step } from './types.js';

const BULLET = /^[ \t]*[-*+][ \t]+(.*)$/;
const NUMBERED = /^[ \t]*\d{1,9}[.)][ \t]+(.*)$/;
const BOLD_LABEL = /^\*\*(.+?)\*\*\s*:?\s*(.*)$/s;

/**
 * Reads the body into a tree of sections. `firstLine` is the file line the body starts on.
 * Text before the first heading becomes a level-0 section with an empty title.
 */
export function parseBody(body: string, firstLine: number): Section[] {
  const root: Section = { level: 0, title: '', line: firstLine, blocks: [], children: [] };
  const stack: Section[] = [root];
  const lines = body.split('\n');
  let block: Block | undefined;
  let fence: { marker: string; block: Extract<Block, { kind: 'code' }> } | undefined;

  const current = (): Section => stack[stack.length - 1] ?? root;
  const close = (): void => {
    block = undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const line = firstLine + i;

    if (fence) {
      const indent = leadingSpaces(text, 0);
      if (indent <= 3 && closesFence(text, indent, text.length, fence.marker)) fence = undefined;
      else fence.block.text += (fence.block.text ? '\n' : '') + text;
      continue;
    }
    const indent = leadingSpaces(text, 0);
    const first = text.charCodeAt(indent);
    const marker = indent <= 3 && isFenceChar(first) ? fenceMarker(text, indent, text.length) : undefined;
    if (marker !== undefined) {
      const code: Extract<Block, { kind: 'code' }> = { kind: 'code', text: '', lang: text.slice(indent + marker.length).trim(), line };
      current().blocks.push(code);
      fence = { marker, block: code };
      close();
      continue;
    }
    const heading = headingOf(text);
    if (heading) {
      const { level } = heading;
      const section: Section = { level, title: heading.title, line, blocks: [], children: [] };
      while (stack.length > 1 && (stack[stack.length - 1]?.level ?? 0) >= level) stack.pop();
      current().children.push(section);
      stack.push(section);
      close();
      continue;
    }
    if (text.trim() === '') {
      close();
      continue;
    }
    const numbered = NUMBERED.exec(text);
    if (numbered && !/^\s/.test(text)) {
      if (block?.kind !== 'steps') {
        block = { kind: 'steps', steps: [], line };
        current().blocks.push(block);
      }
      block.steps.push(toStep(numbered[1] ?? ''));
      continue;
    }
    const bullet = BULLET.exec(text);
    if (bullet && !(block?.kind === 'steps' && /^\s/.test(text))) {
      if (block?.kind !== 'list') {
        block = { kind: 'list', items: [], line };
        current().blocks.push(block);
      }
      block.items.push(bullet[1] ?? '');
      continue;
    }
    appendContinuation(text, line);
  }
  const preamble: Section = { ...root, children: [] };
  return root.blocks.length > 0 ? [preamble, ...root.children] : root.children;

  function appendContinuation(text: string, line: number): void {
    if (block?.kind === 'list' && block.items.length > 0) {
      block.items[block.items.length - 1] += `\n${text}`;
    } else if (block?.kind === 'steps' && block.steps.length > 0) {
      const last = block.steps[block.steps.length - 1];
      if (last) last.text += `\n${text}`;
    } else if (block?.kind === 'paragraph') {
      block.text += `\n${text}`;
    } else {
      block = { kind: 'paragraph', text, line };
      current().blocks.push(block);
    }
  }
}

function toStep(item: string): Step {
  const labelled = BOLD_LABEL.exec(item);
  if (!labelled) return { text: item };
  const label = (labelled[1] ?? '').replace(/:$/, '').trim();
  return { label, text: labelled[2] ?? '' };
}

/** Flattens the tree, depth first, in document order. */
export function allSections(sections: Section[]): Section[] {
  const out: Section[] = [];
  const walk = (list: Section[]): void => {
    for (const section of list) {
      out.push(section);
      walk(section.children);
    }
  };
  walk(sections);
  return out;
}
