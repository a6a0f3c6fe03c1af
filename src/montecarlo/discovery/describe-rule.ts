import { DRAWS } from '../../model/index.js';
import type { DiscoveryRule } from '../analysis-result.js';

/** Inputs drawn village by village, summarised by their mean quantile (DRAWS): the rest are plain numbers. */
const PER_VILLAGE = new Set<string>(DRAWS.map((d) => d.path));

/** `between a and b`, `at least a` or `at most b`, with a unit. */
function range(lo: number | null, hi: number | null, unit = ''): string {
  if (lo !== null && hi !== null) return `between ${short(lo)} and ${short(hi)}${unit}`;
  return lo !== null ? `at least ${short(lo)}${unit}` : `at most ${short(hi!)}${unit}`;
}

/** 3 significant digits for a threshold in a sentence: 1.15, 0.523, 12,300. */
function short(x: number): string {
  const r = Number(x.toPrecision(3));
  return Math.abs(r) >= 1000 ? r.toLocaleString('en-US') : String(r);
}

/**
 * One box condition in plain words, by the kind of input: a risk's occurrences ('“Harsh
 * winter…” struck at least once'), the delivery capacity's draws ('the first new fibre crews
 * take at least 136 days to arrive'), a top-up granted or not, the mean draw of an input drawn
 * village by village, which is a quantile ('fibre right-of-way approval time drawn for the
 * villages is high on average (mean quantile at least 0.504…)'), or any other number — a
 * national factor, a regional or yearly part, inflation, a mean over the villages ('the
 * national cost overrun factor is at least 1.15', 'the mean distance to the backbone is at
 * least 21.3 km').
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
  } else if (/^capacity\.[a-z]+\.(firstCrews|tender|mobilisation|growthPerMonth|contracted)$/.test(input)) {
    // The delivery capacity's draws, once per future: days to the first new crews (and each of the two lead times), crews a month, crews under contract.
    const [, tech, what] = input.split('.');
    if (what === 'firstCrews') text = `the first new ${tech} crews take ${range(lo, hi, ' days')} to arrive (tender and mobilisation)`;
    else if (what === 'tender') text = `the ${tech} crews' tender takes ${range(lo, hi, ' days')}`;
    else if (what === 'mobilisation') text = `the ${tech} crews' mobilisation takes ${range(lo, hi, ' days')}`;
    else if (what === 'growthPerMonth') text = `${range(lo, hi)} new ${tech} crews can be added a month`;
    else text = `${range(lo, hi)} ${tech} crews are under contract`;
  } else if (/^financing\..+\.topUp\.probability$/.test(input)) {
    const name = label.replace(/^Top-up granted: /, '');
    text = lo !== null && lo > 0.5 ? `the top-up of ${name} was granted` : hi !== null && hi < 0.5 ? `the top-up of ${name} was not granted` : `the top-up of ${name} was granted or not`;
  } else if (!PER_VILLAGE.has(input)) {
    // A number drawn once per future (a national factor, a regional or yearly part, inflation) or a mean over the villages (distance, population).
    const what = `the ${label[0].toLowerCase()}${label.slice(1)}`.replace(/ \((km)\)$/, '');
    text = `${what} is ${range(lo, hi, / \(km\)$/.test(label) ? ' km' : '')}`;
  } else {
    // The mean quantile drawn for the villages' values of this input: 0.5 is a typical future.
    const what = `${label.replace(/ \(km\/day\)$/, '').toLowerCase()}`;
    const q = (x: number) => x.toFixed(3);
    if (lo !== null && hi !== null) text = `the ${what} drawn for the villages is between quantile ${q(lo)} and ${q(hi)} on average (0.5 is typical)`;
    // A bound on the typical side of 0.5 leaves out only the other extreme: 'not low', not 'high'.
    else if (lo !== null) text = `the ${what} drawn for the villages is ${lo >= 0.5 ? 'high' : 'not low'} on average (mean quantile at least ${q(lo)}; 0.5 is typical)`;
    else text = `the ${what} drawn for the villages is ${hi! <= 0.5 ? 'low' : 'not high'} on average (mean quantile at most ${q(hi!)}; 0.5 is typical)`;
  }
  return { input, label, lo, hi, text };
}
