/**
 * Text from scenario files (labels, names, ids) ends up inside chart specs, and Vega
 * parses some of it as expression string literals, where a line or paragraph separator
 * (U+2028, U+2029), a line feed or another control character is a syntax error — the
 * whole report fails after the whole simulation. Charts draw one line per text anyway, so
 * every such character in every string of a spec becomes a space before it is rendered
 * or written.
 *
 * @example
 *   chartText({ title: 'Half\u2028done', data: { values: [{ label: 'a\nb' }] } })
 *   // { title: 'Half done', data: { values: [{ label: 'a b' }] } }
 */

// eslint-disable-next-line no-control-regex
const BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

export function chartText<T>(value: T): T {
  if (typeof value === 'string') return value.replace(BREAKING, ' ') as T;
  if (Array.isArray(value)) return value.map(chartText) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = chartText(v);
    return out as T;
  }
  return value;
}
