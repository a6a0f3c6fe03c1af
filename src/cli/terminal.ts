import { isAbsolute, relative, resolve, sep } from 'node:path';

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

// What JSON.stringify leaves raw that a terminal still acts on: DEL and C1 controls (U+009B is CSI), bidirectional overrides, line separators.
// eslint-disable-next-line no-control-regex
const JSON_UNSAFE = /[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/**
 * JSON text for a terminal (`--json`, `show`): the same JSON, with every character a
 * terminal would act on written as a \uXXXX escape (JSON.stringify escapes only C0), so
 * the data is unchanged for a program and harmless on a screen.
 *
 * @example safeJson('{"label":"a\u202Eb"}')   // '{"label":"a\\u202eb"}'
 */
export function safeJson(text: string): string {
  return text.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A share 0..1 as every command prints it on the terminal: to a tenth of a point, with a space
 * before the sign ('46.0 %'), the same wherever it appears.
 *
 * @example pct(0.4598)   // '46.0 %'
 */
export const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

/**
 * A count and its noun, agreeing: '1 replication', '2,000 replications' (the terminal printed
 * '1 replications' after `--runs 1`). `many` for a plural that is not the noun and an s.
 *
 * @example counted(1, 'replication')          // '1 replication'
 * @example counted(1000, 'replication')       // '1,000 replications'
 * @example counted(3, 'analysis', 'analyses')   // '3 analyses'
 */
export const counted = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * A change of a share in signed points, with a real minus: '+12.7', '−0.4' (the terminal's
 * differences: compare's, and the revision's against the previous forecast).
 *
 * @example signedPoints(-0.004)   // '−0.4'
 */
export const signedPoints = (x: number): string => `${x >= 0 ? '+' : '−'}${(Math.abs(x) * 100).toFixed(1)}`;

/**
 * The change between two shares as the terminal prints them (pct): the difference of the two
 * printed figures, so '41.6 % -> 43.4 %' reads '+1.8', not the unrounded change's '+1.7'.
 *
 * @example shownPoints(0.41649, 0.43351)   // '+1.8' (signedPoints(0.01702) would be '+1.7')
 */
export function shownPoints(before: number, after: number): string {
  const tenths = (x: number) => Math.round(Number((x * 100).toFixed(1)) * 10);
  return signedPoints((tenths(after) - tenths(before)) / 1000);
}

/**
 * A path as the terminal prints it: one the user can use from where they are — relative to
 * the current directory when inside it, else absolute ('../..' would need counting). What
 * the files say is another matter: they carry no machine path (../scenario's portablePath).
 *
 * @example
 *   shownPath('/home/ana/out/report.html', '/home/ana')   // 'out/report.html'
 *   shownPath('../rp/summary.json', '/home/ana')          // '/home/rp/summary.json'
 */
export function shownPath(path: string, cwd: string = process.cwd()): string {
  const abs = resolve(cwd, path);
  const rel = relative(cwd, abs);
  if (rel === '') return '.';
  return isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`) ? abs : rel;
}
