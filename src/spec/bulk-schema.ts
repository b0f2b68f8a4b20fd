import { z } from 'zod';
import { bulkSpecSchema } from './bulk.js';

/** The JSON schema of bulk specs, for editors (yaml-language-server) and for the docs. */
export function bulkSchemaJson(): string {
  const schema = z.toJSONSchema(bulkSpecSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'agentsmith bulk spec' }, null, 2)}\n`;
}
