import type { DiscoveryRule } from '../analysis-result.js';

/** 3 significant digits for a threshold in a sentence: 1.15, 0.523, 12,300. */
function short(x: number): string {
  const r = Number(x.toPrecision(3));
  return Math.abs(r) >= 1000 ? r.toLocaleString('en-US') : String(r);
}

/**
 * One box condition in plain words, by the kind of input: a risk's occurrences ('“Harsh
 * winter…” struck at least once'), a national factor ('the national cost overrun factor is
 * at least 1.15'), the mean draw of an input drawn village by village, which is a quantile ('fibre
 * right-of-way approval time drawn for the villages is high on average (mean quantile at least 0.504…)'), or
 * any other number ('the mean distance to the backbone is at least 21.3 km').
 *
 * @example
 *   describeRule('factors.costOverrun', 'National cost overrun factor', 1.15, null)
 *   // { input: 'factors.costOverrun', ..., text: 'the national cost overrun factor is at least 1.15' }
 */
export function describeRule(input: string, label: string, lo: number | null, hi: number | null): DiscoveryRule {
  let text: string;
  if (input.startsWith('risks.')) {
    const name = `“${label.replace(/^Risk: /, '').replace(/ \(occurrences\)$/, '')}”`;
    const times = (k: number) => (k === 1 ? 'once' : k === 2 ? 'twice' : `${k} times`);
    if (lo !== null && hi !== null) text = lo === hi ? `${name} struck exactly ${times(lo)}` : `${name} struck ${times(lo)} to ${times(hi)}`;
    else if (lo !== null) text = `${name} struck at least ${times(lo)}`;
    else text = hi === 0 ? `${name} did not strike` : `${name} struck at most ${times(hi!)}`;
  } else if (input.startsWith('factors.') || input.startsWith('settlementDefaults.')) {
    const what = `the ${label[0].toLowerCase()}${label.slice(1)}`.replace(/ \((km)\)$/, '');
    const unit = / \(km\)$/.test(label) ? ' km' : '';
    if (lo !== null && hi !== null) text = `${what} is between ${short(lo)} and ${short(hi)}${unit}`;
    else if (lo !== null) text = `${what} is at least ${short(lo)}${unit}`;
    else text = `${what} is at most ${short(hi!)}${unit}`;
  } else {
    // The mean quantile drawn for the villages' values of this input: 0.5 is a typical future.
    const what = `${label.replace(/ \(km\/day\)$/, '').toLowerCase()}`;
    const q = (x: number) => x.toFixed(3);
    if (lo !== null && hi !== null) text = `the ${what} drawn for the villages is between quantile ${q(lo)} and ${q(hi)} on average (0.5 is typical)`;
    else if (lo !== null) text = `the ${what} drawn for the villages is high on average (mean quantile at least ${q(lo)}; 0.5 is typical)`;
    else text = `the ${what} drawn for the villages is low on average (mean quantile at most ${q(hi!)}; 0.5 is typical)`;
  }
  return { input, label, lo, hi, text };
}
