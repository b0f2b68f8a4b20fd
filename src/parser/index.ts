export { parseAgentBytes, parseAgentFile } from './parse.js';
export { allSections } from './body.js';
export { descriptionPositions } from './description-lines.js';
export { clientMaxTurns, MAX_FILE_BYTES, MAX_NAME_LENGTH, shownName } from './verdict.js';
export type * from './types.js';
export { settingsOf, splitTools } from './settings.js';
export { opensFrontmatter } from './split.js';
