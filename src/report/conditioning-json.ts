import type { ConditioningResult, ConditioningSummary, ScoresResult, SetAsideObservation } from '../montecarlo/observed-result.js';
import type { Summary } from '../montecarlo/result.js';
import { sig } from './format.js';

const spread = (s: { p5: number; p50: number; p95: number }) => ({ p5: sig(s.p5), p50: sig(s.p50), p95: sig(s.p95) });

/**
 * summary.json "conditioning", keys in a fixed order and numbers at 6 significant digits:
 * the method, each observation against the prior and conditioned simulated values, the
 * effective sample size and the warnings.
 *
 * @example
 *   conditioningJson(result.summary.conditioning).effectiveSampleSize   // e.g. 812.4
 */
export function conditioningJson(c: ConditioningSummary) {
  return {
    method: c.method,
    errorModel: c.errorModel,
    description: c.description,
    observations: c.observations.map((o) => ({
      date: o.date,
      region: o.region,
      metric: o.metric,
      value: sig(o.value),
      sd: sig(o.sd),
      sdFrom: o.sdFrom,
      prior: { min: sig(o.prior.min), ...spread(o.prior), max: sig(o.prior.max) },
      conditioned: spread(o.conditioned),
      tailProbability: sig(o.tailProbability),
      conflict: o.conflict,
    })),
    effectiveSampleSize: sig(c.effectiveSampleSize),
    replicationsWeighted: c.replicationsWeighted,
    warnings: c.warnings.map((w) => ({ kind: w.kind, ...(w.observation !== undefined ? { observation: w.observation } : {}), message: w.message })),
    ...setAsideJson(c.setAside),
  };
}

/** `setAside`: observations left out of a run from a status (dated before its start); nothing when there are none. */
export function setAsideJson(list: readonly SetAsideObservation[] | undefined) {
  if (!list || list.length === 0) return {};
  return { setAside: list.map((o) => ({ date: o.date, region: o.region, metric: o.metric, value: sig(o.value), ...(o.origin !== undefined ? { origin: o.origin } : {}) })) };
}

/**
 * scores.json text: the scenario and run it scores, then each observation's mid-PIT,
 * CRPS, forecast band and whether it fell outside it, then the summary. No timestamps:
 * the same run scores the same bytes.
 *
 * @example
 *   JSON.parse(scoresJson(result.summary, result.scores)).summary.outsideP5P95   // e.g. 1
 */
export function scoresJson(summary: Summary, s: ScoresResult): string {
  const out = {
    scenario: { name: summary.scenario.name, file: summary.scenario.file, sha256: summary.scenario.sha256 },
    seed: summary.seed,
    runs: summary.runs,
    version: summary.version,
    forecast: s.forecast,
    pit: 'mid-PIT: P(X < y) + 1/2 P(X = y) over the simulated values X of the replications (weighted in a conditioned run), y the observed value; no random tie-breaking',
    crps: 'CRPS = E|X - y| - 1/2 E|X - X\'| of the empirical (weighted) distribution of the simulated values, exact; in the unit of the value',
    observations: s.observations.map((o) => ({
      date: o.date,
      region: o.region,
      metric: o.metric,
      value: sig(o.value),
      pit: sig(o.pit),
      crps: sig(o.crps),
      forecast: spread(o.forecast),
      outside: o.outside,
    })),
    summary: {
      observations: s.summary.observations,
      outsideP5P95: s.summary.outsideP5P95,
      belowP5: s.summary.belowP5,
      aboveP95: s.summary.aboveP95,
      meanPit: s.summary.meanPit === null ? null : sig(s.summary.meanPit),
      meanCrps: s.summary.meanCrps.map((m) => ({ metric: m.metric, observations: m.observations, meanCrps: sig(m.meanCrps) })),
    },
    alsoConditionedOn: s.alsoConditionedOn,
    ...setAsideJson(s.setAside),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/**
 * weights.csv of a conditioned run: per replication (as in runs.csv), its simulated value
 * of each observation, its log-likelihood and its whole-number weight — enough to re-weight
 * runs.csv, or to check the conditioning by hand.
 *
 * @example
 *   weightsCsv(result)   // 'replication,fibre-count_national_2025-12-31,log_likelihood,weight\n0,2607,-0.000184,1048576\n...'
 */
export function weightsCsv(c: ConditioningResult): string {
  const obs = c.summary.observations;
  const K = obs.length;
  const header = ['replication', ...obs.map((o) => `${o.metric}_${o.region ?? 'national'}_${o.date}`), 'log_likelihood', 'weight'];
  const lines = [header.join(',')];
  for (let i = 0; i < c.weights.length; i++) {
    const cols: (string | number)[] = [i];
    for (let k = 0; k < K; k++) cols.push(sig(c.simulated[i * K + k]));
    cols.push(sig(c.logLikelihood[i]), c.weights[i]);
    lines.push(cols.join(','));
  }
  return `${lines.join('\n')}\n`;
}
