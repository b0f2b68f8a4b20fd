// How Bun, the client's YAML engine, reads what yaml reads otherwise (each rule measured with the
// client through cc-oracle; the fixtures in tests/fixtures/oracle hold the cases). One module per
// concern; this index re-exports what the rest of the parser uses.

export { badAliasName, linkAliases } from './aliases.js';
export { BLOCK_HEADER, indicatorSpaces, spacedBlockHeaders } from './block-scalars.js';
export { bunRaises, errorBeforeExhaustion } from './bun-raises.js';
export { colonMapKeys } from './colon-map-keys.js';
export { gluedComments } from './comments.js';
export { strayDirective } from './directives.js';
export { emptyKeyValueLine } from './empty-key-value-line.js';
export { emptyExplicitValues, explicitMapKeyContinuation, indentedExplicitValue } from './explicit-keys.js';
export { dedentedClosers } from './flow-closers.js';
export { indentedEmptyKey } from './indented-empty-key.js';
export { keyColonOnLaterLine, laterColonWording } from './key-colon-on-later-line.js';
export { holdsPair } from './lines.js';
export { mergeKeys, stringKeys } from './merge-keys.js';
export { bunMessage } from './message.js';
export { anchorEmptyKeys, PROPERTIES_LINE, propertiesBeforeQuestion, repeatEndsEarly } from './properties.js';
export { dedentedQuotedLine, loneSurrogateEscape, quotedRun } from './quotes.js';
export { blockEndingTabLines, scalarTabLines, topBlockTabLine } from './scalar-tab-lines.js';
export { tabLines } from './tab-lines.js';
export { applyBunTags, badTagStart, tagSlip } from './tags.js';
