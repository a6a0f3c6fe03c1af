/** Number, date and text formatting shared by the report's files. */

/** Rounds to `digits` significant digits (default 6) so printed output is byte-stable; integers and non-finite values pass through, -0 becomes 0. */
export function sig(x: number, digits = 6): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return x === 0 ? 0 : x;
  const r = Number(x.toPrecision(digits));
  return r === 0 ? 0 : r;
}

/** A share 0..1 as a percent for people: '62%', with one decimal near 0 and 100 ('0.4%', '99.6%'). */
export function pct(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  const v = x * 100;
  if (v > 0 && v < 1) return `${v.toFixed(1)}%`;
  if (v > 99 && v < 100) {
    const s = v.toFixed(1);
    return s === '100.0' ? '99.9%' : `${s}%`;
  }
  return `${Math.round(v)}%`;
}

/** '62% (57–67%)'. */
export function pctWithInterval(p: number, ci: readonly [number, number]): string {
  return `${pct(p)} (${pct(ci[0]).replace('%', '')}–${pct(ci[1])})`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 'YYYY-MM-DD' as '31 Dec 2026' (no locale or time-zone dependence); null as the given fallback. */
export function humanDate(iso: string | null | undefined, ifNull = 'not within horizon'): string {
  if (!iso) return ifNull;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const month = MONTHS[Number(m[2]) - 1];
  return month ? `${Number(m[3])} ${month} ${m[1]}` : iso;
}

/** 'YYYY-MM-DD' as 'Dec 2026'. */
export function humanMonth(iso: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(iso);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && month ? `${month} ${m[1]}` : iso;
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: unknown): string {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * JSON safe to place inside an HTML <script> element: '<' (and the JS line separators) are
 * written as \u escapes, so no '</script>' or '<!--' can end or confuse the element.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A thousands-separated integer: 6,179. */
export function int(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A number with up to `digits` decimals, trailing zeros dropped. */
export function num(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return String(x);
  let s = x.toFixed(digits);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  if (s === '-0') s = '0';
  const [whole, frac] = s.split('.');
  const w = (whole ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac ? `${w}.${frac}` : w;
}

