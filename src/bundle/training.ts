import { renderAgent } from '../render/render.js';
import { resolveConfig } from '../rules/config.js';
import { loadPresets } from '../spec/presets.js';

/**
 * Agent files for the code cache's training run (build.ts): every specialty as the generator writes it,
 * and each in a form with the slips real folders have, so the cache holds the functions that parse and
 * report them: unknown keys and tools, a model and color the client does not know, a description only the
 * client's retry reads, a body without the house sections, a file without frontmatter, a repeated name.
 */
export async function trainingAgents(): Promise<[string, string][]> {
  const presets = await loadPresets();
  const config = resolveConfig();
  const files: [string, string][] = [];
  for (const specialty of presets.keys()) {
    const { name, content, errors } = renderAgent({ specialty }, { presets, config });
    if (errors.length > 0) throw new Error(`the ${specialty} preset does not render: ${errors[0]?.message}`);
    const [, frontmatter = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(content) ?? [];
    const slips = frontmatter
      .replace(/^model: .*$/m, 'model: gpt-4o\nallowed_tools: Read, Grep\ncategory: backend')
      .replace(/^color: .*$/m, 'color: teal')
      .replace(/^tools: .*$/m, 'tools: Read, Grep, WebBrowse, mcp__github__search');
    const retried = frontmatter.replace(/^description: .*$/m, `description: Use this agent when: the ${specialty} work needs a review, e.g. before a release`);
    files.push(
      [`${name}.md`, content],
      [`${name}-slips.md`, `---\n${slips}\n---\n${body}`],
      [`${name}-retried.md`, `---\n${retried}\n---\n${body}`],
      [`${name}-short.md`, `---\n${frontmatter}\n---\nHelps with ${specialty}.\n\n# Notes\n\n- Keep it short.\n`],
      [`${name}-copy.md`, content],
      [`${name}-plain.md`, body],
    );
  }
  return files;
}
