/**
 * The "sentences and list items" of an agent, for checking that nothing is lost: the body and the
 * description split at line breaks and sentence ends, Markdown markers and quotes dropped, white
 * space folded. A unit is kept when it appears, so normalized, in the other text.
 */
export function textUnits(text: string): string[] {
  return text
    .split('\n')
    // Headings are not sentences: re-rendering in the house structure renames the ones it maps.
    .filter((line) => !/^ {0,3}#{1,6}\s/.test(line))
    .join('\n')
    // Example tags and labels may share a line with the text in the original; each part is a unit.
    .replace(/<\/?(?:example|commentary)>/gi, '\n')
    .replace(/(?:^|\s)(?:context|user|assistant)\s*:\s/gi, '\n')
    .split(/\n|(?<=[.!?])\s+(?=[A-Z])/)
    .map((unit) =>
      unit
        .replace(/^\s*(?:[-*+]|\d+[.)]|#{1,6}|>)\s+/, '')
        .replace(/[*_`"]/g, '')
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/^'+|'+$/g, ''),
    )
    .filter((unit) => unit.length >= 3 && /[A-Za-z]/.test(unit) && !/^<\/?[a-z]+>$/i.test(unit) && !/^(context|user|assistant):?$/i.test(unit));
}

export function normalize(text: string): string {
  return text.replace(/[*_`"]/g, '').replace(/\s+/g, ' ');
}

/** The units of `original` missing from `rendered`. */
export function lostUnits(original: string, rendered: string): string[] {
  const haystack = normalize(rendered);
  return textUnits(original).filter((unit) => !haystack.includes(unit));
}
