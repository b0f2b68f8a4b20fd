const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/gu;
const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A path (or any text from the disk) for a line on stderr, its control and format characters written as
 * escapes (`\n`, `\u001b`, `\u202e`), as the stylish report writes them: a file name holding a line break
 * or a terminal code cannot add lines or colours to the output.
 */
export const shownPath = (text: string): string => text.replace(CONTROLS, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
