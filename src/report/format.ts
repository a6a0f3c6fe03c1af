/** Number, date and text formatting shared by the report's files. */

import { sig } from '../montecarlo/round.js';

export { sig };

/**
 * A share 0..1 as a percent for people: '62%' between 10 % and 90 %, with one decimal below
 * 10 % and above 90 % ('1.5%', '0.4%', '93.8%', '99.6%'), where whole percents hide the news: a
 * chance of 1.5 % shown as '2%' beside '0.7%' made a change of 0.8 points read as 1.3, and
 * targets of 90 % and 100 % are judged on the last points. 0 and 1 stay '0%' and '100%'; a
 * share short of 1 is never rounded up to '100%' ('99.9%'), nor one short of 0.9 to '90%'
 * ('89.6%', '89.9%').
 */
export function pct(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  const v = x * 100;
  if (v <= 0 || v >= 100) return `${Math.round(v)}%`;
  if (v < 9.95) return `${v.toFixed(1)}%`;
  /** One decimal, never rounded up to `limit` (a share short of it is not shown as it). */
  const below = (limit: number) => {
    const s = v.toFixed(1);
    return Number(s) >= limit ? `${(limit - 0.1).toFixed(1)}%` : `${s}%`;
  };
  // Just short of the 90 % target: never '90%' (a ceiling of 89.6 % beside 'ceiling >= 90 %: 35 %').
  if (v >= 89.5 && v < 90) return below(90);
  if (v > 90 && v < 100) return below(100);
  return `${Math.round(v)}%`;
}

/**
 * The difference b − a of two shares as pct shows them, in points with the decimals they show:
 * '51% → 47%' is '−4 pts', '1.5% → 0.7%' '−0.8 pts' (a difference of the unrounded values,
 * '−5 pts' and '−0.7 pts' there, contradicts the figures beside it). `digits` asks for at least
 * that many decimals (to match an interval shown with it).
 *
 * @example ptsShown(0.015, 0.007)   // '−0.8 pts'
 */
export function ptsShown(a: number, b: number, digits = 0): string {
  const shown = (x: number) => {
    const s = pct(x).replace('%', '');
    return { v: Number(s), d: s.includes('.') ? 1 : 0 };
  };
  const x = shown(a), y = shown(b);
  if (!Number.isFinite(x.v) || !Number.isFinite(y.v)) return '–';
  const d = Math.max(x.d, y.d, digits);
  return pts(Number((y.v - x.v).toFixed(d)) / 100, d);
}

/**
 * A share 0..1 as a percent to a tenth of a point, always with its decimal: '90.5%', '90.0%'
 * (where shares less than a point apart must be told apart). Halves round up, as the
 * sentences of goal.json and allocation.json round them (0.1425 is '14.3%', where toFixed's
 * binary 14.2499… gave '14.2%' on the same page as '14.3 %').
 */
export function pctTenth(x: number): string {
  const s = (Math.round(x * 1000) / 10).toFixed(1);
  return `${s === '-0.0' ? '0.0' : s}%`;
}

/** '62% (57–67%)'; '1.5% (0.4–5.1%)'. */
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

/**
 * A target's value at its deadline as people read it: a share as a percent (`fmt`, pct by
 * default), a count (a `count` target: settlements) as a whole number.
 *
 * @example targetValue('count', 11)   // '11';  targetValue('fibre-share', 0.62)   // '62%'
 */
export function targetValue(metric: string, x: number, fmt: (x: number) => string = pct): string {
  return metric === 'count' ? (Number.isFinite(x) ? int(x) : '–') : fmt(x);
}

/** What a target's value is: the share reached, or the count (of settlements) reached. */
export function valueNoun(metric: string): 'share' | 'count' {
  return metric === 'count' ? 'count' : 'share';
}

/**
 * A difference of two such values: in points of a share ('+8.4 points'), or in settlements
 * for a count ('+12.5 settlements'), with one decimal; without its unit ('+12.5') when `unit` is false.
 *
 * @example valueDiff('count', 2.5)   // '+2.5 settlements'
 */
export function valueDiff(metric: string, d: number, unit = true): string {
  const sign = d >= 0 ? '+' : '−';
  const count = metric === 'count';
  return `${sign}${count ? num(Math.abs(d), 1) : (Math.abs(d) * 100).toFixed(1)}${unit ? (count ? ' settlements' : ' points') : ''}`;
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


/**
 * When a run happened, for people: an ISO date-time '2026-03-01T10:22:33.120Z' as
 * '2026-03-01 10:22 UTC' (an offset is kept: '… 10:22 UTC+05:00'); anything else as given.
 */
export function runDateText(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(iso.trim());
  if (!m) return iso.trim();
  if (!m[2]) return m[1]!;
  const zone = m[3] === undefined ? '' : m[3] === 'Z' ? ' UTC' : ` UTC${m[3]}`;
  return `${m[1]} ${m[2]}${zone}`;
}

/** A signed difference of two shares in percentage points: '+12 pts', '−3 pts', '0 pts' (one decimal below 2 points). */
export function pts(d: number, digits?: number): string {
  if (!Number.isFinite(d)) return '–';
  const v = d * 100;
  if (digits === undefined) digits = Math.abs(v) < 2 ? 1 : 0;
  const s = Math.abs(v).toFixed(digits);
  if (Number(s) === 0) return `0 pts`;
  return `${v > 0 ? '+' : '−'}${s} pts`;
}

/** The decimals of a difference shown with its interval: one when all are within 10 points, else none. */
export function ptsDigits(d: number, ci: readonly [number, number]): number {
  return Math.max(Math.abs(d), Math.abs(ci[0]), Math.abs(ci[1])) < 0.1 ? 1 : 0;
}

/** '+12 pts (+8 to +16)': a difference with its interval (one decimal when all are within 10 points). */
export function ptsWithInterval(d: number, ci: readonly [number, number], digits?: number): string {
  if (digits === undefined) digits = ptsDigits(d, ci);
  const bare = (x: number) => pts(x, digits).replace(' pts', '');
  return `${pts(d, digits)} (${bare(ci[0])} to ${bare(ci[1])})`;
}

/** '−5.1 to +4.2 pts': an interval of differences (one decimal when both ends are within 10 points). */
export function ptsInterval(ci: readonly [number, number], digits?: number): string {
  if (digits === undefined) digits = Math.max(Math.abs(ci[0]), Math.abs(ci[1])) < 0.1 ? 1 : 0;
  return `${pts(ci[0], digits).replace(' pts', '')} to ${pts(ci[1], digits)}`;
}
