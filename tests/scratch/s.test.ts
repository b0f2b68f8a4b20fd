import { it } from 'vitest';
import { parseAgentFile } from '../../src/parser/index.js';
import { validate, resolveConfig } from '../../src/rules/index.js';
import { agentText } from '../helpers/agent.js';
it('x', () => {
  const t = agentText();
  console.log(t);
  const d = parseAgentFile(t, 'api-helper.md');
  console.log(d.verdict, d.readMode, JSON.stringify(d.examples), validate(d, { config: resolveConfig(), fileStem: 'api-helper' }));
});
