export { parseAgentFile } from './parse.js';
export { allSections } from './body.js';
export { MAX_FILE_BYTES, MAX_NAME_LENGTH } from './verdict.js';
export type * from './types.js';
