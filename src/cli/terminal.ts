/**
 * Text for a terminal: what rollout prints comes partly from files (labels, names, ids,
 * settlement ids), and a file must not be able to drive the terminal — move the cursor,
 * retitle the window, hide text, fake a line of output. `clean` removes terminal escape
 * sequences (CSI, OSC, other ESC sequences), C0 and C1 control characters (keeping line
 * feeds and tabs), bidirectional overrides, and turns U+2028/U+2029 into spaces (a label must not fake a line of output).
 *
 * @example
 *   clean('Akmola\x1b[2J\x1b]0;pwned\x07')   // 'Akmola'
 *   clean('a\u202Eb')                       // 'ab'
 */

// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[PX^_][^\x1b]*(?:\x1b\\)?|\x1b[ -/]*[0-~]?|\x9b[0-?]*[ -/]*[@-~]/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function clean(text: string): string {
  return text.replace(ESCAPES, '').replace(/[\u2028\u2029]/g, ' ').replace(CONTROLS, '');
}
