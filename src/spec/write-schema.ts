// Build step: writes schema/bulk.schema.json from the zod schema (a test keeps the shipped file in sync).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';
import { bulkSchemaJson } from './bulk-schema.js';

writeFileSync(join(packageRoot, 'schema', 'bulk.schema.json'), bulkSchemaJson());
console.log('wrote schema/bulk.schema.json');
