// The YAML reader as the rest of the code sees it: parseYaml (parse-yaml.ts: yaml, read as Bun reads
// it), the client's retry after a failed read (quote-for-retry.ts), and what a read returns
// (yaml-result.ts).

export { STACK_OVERFLOW } from './deep.js';
export { parseYaml } from './parse-yaml.js';
export { quoteForRetry, SIMPLE_LINE } from './quote-for-retry.js';
export type { KeyLocation, YamlResult } from './yaml-result.js';
