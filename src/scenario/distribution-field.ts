import { checkDistribution, type DistributionSpec } from '../engine/distributions.js';
import { describeFound, type ScenarioProblem } from './problems.js';
import type { Path } from './paths.js';
import type { Locator } from './schema.js';
import type { DistributionField } from './file-types.js';

/**
 * Turns a distribution field as written (a plain number, or {dist, ...parameters}) into the
 * engine's DistributionSpec, checking its parameters with the engine's own
 * `checkDistribution` (one rulebook for what a valid distribution is) plus two things
 * only the scenario knows: parameters that do not belong to the chosen distribution
 * (a `mode` on a uniform is a typo, not a no-op) and values that cannot be negative.
 */

/** Parameters of each distribution (besides `dist`). */
export const DIST_PARAMS: Record<DistributionSpec['dist'], readonly string[]> = {
  fixed: ['value'],
  uniform: ['min', 'max'],
  triangular: ['min', 'mode', 'max'],
  pert: ['min', 'mode', 'max', 'lambda'],
  normal: ['mean', 'sd', 'min', 'max'],
  lognormal: ['median', 'sigma'],
  exponential: ['mean'],
  gamma: ['shape', 'scale'],
  empirical: ['values', 'weights'],
};

/**
 * What the quantity can be: 'any'; 'nonNegative' (days, km, money, people); 'positive'
 * (a rate that divides, e.g. km/day); 'factor' (a national factor that multiplies a
 * productivity, cost or delay). For the last three every value the distribution can
 * produce must be allowed — a normal must be truncated with a `min`, a bounded
 * distribution's `min` must be in range — since the model would otherwise have to clamp
 * impossible draws (a negative design time, a crew laying 0 km a day) without a word.
 */
export type Sign = 'any' | 'nonNegative' | 'positive' | 'factor';

export function toSpec(field: DistributionField, path: Path, where: Locator, sign: Sign, problems: ScenarioProblem[]): DistributionSpec {
  if (typeof field === 'number') {
    const spec: DistributionSpec = { dist: 'fixed', value: field };
    checkSign(spec, path, where, sign, problems);
    return spec;
  }
  let raw = field as unknown as Record<string, unknown>;
  const dist = field.dist;
  const byPercentiles = PERCENTILE_FORM.has(dist);
  const allowed = DIST_PARAMS[dist];
  const accepted = byPercentiles ? [...allowed, 'p10', 'p90'] : allowed;
  for (const k of Object.keys(raw)) {
    if (k !== 'dist' && !accepted.includes(k)) {
      problems.push({ ...where([...path, k], 'key'), expected: `parameters of ${dist} (${accepted.join(', ')})`, found: `'${k}'` });
    }
  }
  if (byPercentiles) {
    const converted = fromPercentiles(dist as 'normal' | 'lognormal', raw, path, where, problems);
    if (converted === null) return { dist: 'fixed', value: 0 }; // problems already reported
    raw = converted;
  }
  // Canonical form: dist first, then its own parameters in a fixed order.
  const spec = { dist } as Record<string, unknown>;
  for (const k of allowed) if (raw[k] !== undefined) spec[k] = raw[k];
  const typed = spec as unknown as DistributionSpec;
  for (const msg of checkDistribution(typed)) {
    const m = /^(.*), found (.*)$/.exec(msg);
    problems.push(m
      ? { ...where(path), expected: `${dist}: ${m[1]}`, found: m[2] }
      : { ...where(path), expected: `${dist}: ${msg}`, found: allowed.filter((k) => raw[k] !== undefined).map((k) => `${k} ${describeFound(raw[k])}`).join(', ') });
  }
  checkSign(typed, path, where, sign, problems);
  return typed;
}

/** Normal and lognormal may be given by their P10 and P90 instead of their parameters. */
const PERCENTILE_FORM = new Set<string>(['normal', 'lognormal']);
/** Φ⁻¹(0.9): P10 and P90 lie this many standard deviations either side of the centre. */
const Z90 = 1.2815515655446004;

/**
 * Reads {p10, p90} (a planner's "8 in 10 between") into the distribution's own parameters:
 * normal mean (p10+p90)/2, sd (p90-p10)/(2 z); lognormal median sqrt(p10 p90), sigma
 * ln(p90/p10)/(2 z). Returns null (with problems) when the pair is unusable.
 */
function fromPercentiles(dist: 'normal' | 'lognormal', raw: Record<string, unknown>, path: Path, where: Locator, problems: ScenarioProblem[]): Record<string, unknown> | null {
  const own = dist === 'normal' ? ['mean', 'sd'] : ['median', 'sigma'];
  const hasP = raw.p10 !== undefined || raw.p90 !== undefined;
  const hasOwn = own.some((k) => raw[k] !== undefined);
  if (!hasP) {
    if (!own.every((k) => raw[k] !== undefined)) {
      problems.push({ ...where(path), expected: `${dist}: ${own.join(' and ')}, or p10 and p90`, found: Object.keys(raw).filter((k) => k !== 'dist').map((k) => `${k} ${describeFound(raw[k])}`).join(', ') || 'no parameters' });
      return null;
    }
    return raw;
  }
  if (hasOwn) {
    problems.push({ ...where(path), expected: `${dist}: either ${own.join(' and ')}, or p10 and p90 (not both)`, found: Object.keys(raw).filter((k) => k !== 'dist').join(', ') });
    return null;
  }
  const p10 = raw.p10, p90 = raw.p90;
  if (typeof p10 !== 'number' || typeof p90 !== 'number' || !Number.isFinite(p10) || !Number.isFinite(p90)) {
    problems.push({ ...where(path), expected: `${dist}: both p10 and p90 as numbers`, found: `p10 ${describeFound(p10)}, p90 ${describeFound(p90)}` });
    return null;
  }
  if (!(p10 < p90)) {
    problems.push({ ...where([...path, 'p10']), expected: `${dist}: p10 below p90`, found: `p10 ${p10} and p90 ${p90}` });
    return null;
  }
  if (dist === 'lognormal' && !(p10 > 0)) {
    problems.push({ ...where([...path, 'p10']), expected: 'lognormal: p10 > 0 (a lognormal is positive)', found: String(p10) });
    return null;
  }
  const rest = { ...raw };
  delete rest.p10;
  delete rest.p90;
  return dist === 'normal'
    ? { ...rest, mean: (p10 + p90) / 2, sd: (p90 - p10) / (2 * Z90) }
    : { ...rest, median: Math.sqrt(p10 * p90), sigma: Math.log(p90 / p10) / (2 * Z90) };
}

/**
 * The values a distribution can produce: [lo, hi], with `open` when lo itself has
 * probability zero and the family is positive (lognormal, gamma, exponential: every draw > 0).
 */
export function rangeOf(spec: DistributionSpec): { lo: number; hi: number; open: boolean } {
  switch (spec.dist) {
    case 'fixed': return { lo: spec.value, hi: spec.value, open: false };
    case 'uniform': case 'triangular': case 'pert': return { lo: spec.min, hi: spec.max, open: false };
    case 'normal': return { lo: spec.min ?? -Infinity, hi: spec.max ?? Infinity, open: false };
    case 'lognormal': case 'gamma': case 'exponential': return { lo: 0, hi: Infinity, open: true };
    case 'empirical': {
      const v = Array.isArray(spec.values) && spec.values.length > 0 ? spec.values : [NaN];
      return { lo: v.reduce((a, b) => Math.min(a, b)), hi: v.reduce((a, b) => Math.max(a, b)), open: false };
    }
  }
}

const num = (x: number) => (x === Infinity ? '+∞' : x === -Infinity ? '−∞' : String(x));

/** The parameter to point at when a distribution's lower end is out of range. */
function lowerEnd(spec: DistributionSpec): string | undefined {
  switch (spec.dist) {
    case 'uniform': case 'triangular': case 'pert': return 'min';
    case 'normal': return spec.min !== undefined ? 'min' : undefined;
    case 'empirical': return 'values';
    default: return undefined;
  }
}

function checkSign(spec: DistributionSpec, path: Path, where: Locator, sign: Sign, problems: ScenarioProblem[]): void {
  if (sign === 'any') return;
  const { lo, hi, open } = rangeOf(spec);
  if (Number.isNaN(lo)) return; // malformed: checkDistribution has said so
  const strict = sign !== 'nonNegative';
  const ok = strict ? lo > 0 || (lo === 0 && open) : lo >= 0;
  if (ok) return;
  const why = sign === 'factor' ? 'a factor multiplies' : sign === 'positive' ? 'a rate that divides' : 'days, km, money and people cannot be negative';
  const range = spec.dist === 'fixed' ? String(spec.value) : `${spec.dist} ranging from ${num(lo)} to ${num(hi)}`;
  const fix = spec.dist === 'normal' && spec.min === undefined ? `; truncate it with a min ${strict ? 'above 0' : 'of 0 or more'}` : '';
  const at = lowerEnd(spec);
  problems.push({
    ...where(at ? [...path, at] : path),
    expected: spec.dist === 'fixed' ? `a value ${strict ? '>' : '>='} 0 (${why})` : `a distribution whose values are all ${strict ? '> 0' : '>= 0'} (${why})${fix}`,
    found: range,
  });
}
