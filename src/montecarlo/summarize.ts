import { N_WAIT, STAGE_NAMES, TECH_NAMES, WAIT_STAGES, regionTech, requiredCount, type CompiledModel, type CompiledReading, type ModelInput } from '../model/index.js';
import type { Aggregate } from './aggregate.js';
import { histogramQuantiles } from './histogram.js';
import { summarizeFinancing } from './summarize-financing.js';
import type { ReadingDefinition, ReadingSummary, RegionSummary, RunResult, ScenarioIdentity, SeriesPoint, Summary } from './result.js';
import { intervalOf } from './interval-of.js';
import { r6 } from './round.js';
import { summarizeCost } from './summarize-cost.js';
import { summarizeDeliveries } from './summarize-deliveries.js';


export interface SummarizeOptions {
  identity: ScenarioIdentity;
  seed: number;
  version: string;
  /**
   * How many futures a probability's 95 % interval counts, when not the aggregate's runs: a
   * conditioned run's effective sample size (its aggregate counts weight). Each interval is
   * then the Wilson interval of the exact fraction at that many futures.
   */
  intervalRuns?: number;
}


/**
 * A region's fibre ceiling across replications: quantiles and mean of the share its rule
 * gives fibre, the mean as an unrounded share (for the gap to it), and the chance it is at
 * least 90 %.
 */
function regionCeiling(agg: Aggregate, r: number, size: number, runs: number) {
  const base = agg.fibreCeilingOffset[r];
  const [a, b, c] = histogramQuantiles(agg.fibreCeiling, [0.1, 0.5, 0.9], base, size + 1);
  const sh = (x: number) => (size === 0 || x < 0 ? 0 : r6(x / size));
  let sum = 0, reach = 0;
  const need = requiredCount(0.9, size);
  for (let k = 0; k <= size; k++) {
    const n = agg.fibreCeiling[base + k];
    sum += k * n;
    if (k >= need) reach += n;
  }
  const meanShare = runs > 0 && size > 0 ? sum / runs / size : 0;
  return {
    summary: { p10: sh(a), p50: sh(b), p90: sh(c), mean: r6(meanShare) },
    meanShare,
    probability90: runs > 0 ? r6(reach / runs) : 0,
  };
}

/** Turns a finished aggregate into the run's answer (summary.json and what the report needs). */
export function summarize(m: CompiledModel, agg: Aggregate, o: SummarizeOptions): RunResult {
  const L = agg.layout;
  const runs = agg.runs;
  const H = L.horizonDays;
  const day = (d: number) => (d < 0 || d >= H ? null : m.calendar.toIso(d));

  const targets = m.targets.map((t, k) => {
    const size = L.targetSizes[k];
    const [p10, p50, p90] = histogramQuantiles(agg.atDeadline, [0.1, 0.5, 0.9], agg.atDeadlineOffset[k], size + 1);
    const [d50, d80, d90] = histogramQuantiles(agg.reached, [0.5, 0.8, 0.9], k * (H + 1), H + 1);
    const value = valueOf(t, size);
    const probability = runs > 0 ? r6(agg.met[k] / runs) : 0;
    const ci95 = intervalOf(agg.met[k], runs, o.intervalRuns);
    const alternatives: ReadingSummary[] = t.alternatives.map((a, x) => {
      const r = t.firstReading + x, rSize = L.readingSizes[r];
      const [q10, q50, q90] = histogramQuantiles(agg.altAtDeadline, [0.1, 0.5, 0.9], agg.altAtDeadlineOffset[r], rSize + 1);
      const v = valueOf(a, rSize);
      return {
        id: a.id, label: a.label, ...definition(a, m.input.targets[k].alternatives![x]),
        probability: runs > 0 ? r6(agg.altMet[r] / runs) : 0, ci95: intervalOf(agg.altMet[r], runs, o.intervalRuns),
        valueAtDeadline: { p10: v(q10), p50: v(q50), p90: v(q90) },
      };
    });
    return {
      id: t.id, label: t.label, ...definition(t, m.input.targets[k]),
      probability, ci95,
      valueAtDeadline: { p10: value(p10), p50: value(p50), p90: value(p90) },
      dateReached: { p50: day(d50), p80: day(d80), p90: day(d90) },
      ...(alternatives.length > 0 ? { alternatives } : {}),
    };
  });
  const valueAtDeadlineMean = m.targets.map((t, k) => {
    const size = L.targetSizes[k];
    let sum = 0;
    for (let c = 0; c <= size; c++) sum += c * agg.atDeadline[agg.atDeadlineOffset[k] + c];
    return runs > 0 && size > 0 ? r6(t.count ? sum / runs : sum / runs / size) : 0;
  });
  const summary: Summary = {
    scenario: o.identity,
    seed: o.seed,
    runs,
    version: o.version,
    targets,
    joint: { probability: runs > 0 ? r6(agg.jointMet / runs) : 0, ci95: intervalOf(agg.jointMet, runs, o.intervalRuns) },
  };

  const nG = L.nGrid;
  const series = agg.seriesHistograms(), seriesSum = agg.seriesSums();
  const timeseries: SeriesPoint[] = [];
  m.series.forEach((s, si) => {
    const size = L.seriesSizes[si];
    const w = size + 1;
    for (let g = 0; g < nG; g++) {
      const q = histogramQuantiles(series, [0.1, 0.25, 0.5, 0.75, 0.9], agg.seriesOffset[si] + g * w, w);
      const share = (c: number) => (size === 0 || c < 0 ? 0 : r6(c / size));
      timeseries.push({
        series: s.id, date: m.calendar.toIso(m.gridDays[g]),
        p10: share(q[0]), p25: share(q[1]), p50: share(q[2]), p75: share(q[3]), p90: share(q[4]),
        mean: runs > 0 && size > 0 ? r6(seriesSum[si * nG + g] / runs / size) : 0,
      });
    }
  });

  const dateReached = m.targets.map((t, k) => {
    const counts: { date: string; count: number }[] = [];
    for (let d = 0; d < H; d++) {
      const c = agg.reached[k * (H + 1) + d];
      if (c > 0) counts.push({ date: m.calendar.toIso(d), count: c });
    }
    return { id: t.id, counts, never: agg.reached[k * (H + 1) + H] };
  });

  // Per region: its start, its fibre ceiling, and at each distinct deadline fibre and
  // coverage shares, P(fibre >= 90 %), the mean fibre share and the gap to the ceiling.
  const deadlines = [...new Set(m.targets.map((t) => t.deadline))].sort();
  const startConnected = (r: number) => (m.input.settlements ? m.input.settlements.filter((s) => s.region === m.regionIds[r] && s.connected).length : m.input.regions[r].connected);
  const regions: RegionSummary[] = m.input.regions.map((reg, r) => {
    const fibreS = m.seriesLayout.regionFibre[r], covS = m.seriesLayout.regionCoverage[r];
    const size = L.seriesSizes[fibreS];
    const w = size + 1;
    const sh = (x: number) => (size === 0 || x < 0 ? 0 : r6(x / size));
    const ceiling = regionCeiling(agg, r, size, runs);
    const atDeadlines = deadlines.map((deadline) => {
      const g = m.gridDays.indexOf(m.calendar.dayOf(deadline) + 1);
      const q3 = (s: number) => {
        if (g < 0) return { p10: 0, p50: 0, p90: 0 };
        const [a, b, c] = histogramQuantiles(series, [0.1, 0.5, 0.9], agg.seriesOffset[s] + g * w, w);
        return { p10: sh(a), p50: sh(b), p90: sh(c) };
      };
      let hit = 0;
      if (g >= 0) {
        const need = requiredCount(0.9, size);
        for (let c = need; c <= size; c++) hit += series[agg.seriesOffset[fibreS] + g * w + c];
      }
      const fibreMean = g >= 0 && runs > 0 && size > 0 ? seriesSum[fibreS * nG + g] / runs / size : 0;
      return {
        deadline, fibre: q3(fibreS), coverage: q3(covS), probabilityFibre90: runs > 0 ? r6(hit / runs) : 0,
        fibreMean: r6(fibreMean), gapToCeiling: r6(Math.max(0, ceiling.meanShare - fibreMean)),
      };
    });
    return {
      id: reg.id, name: reg.name, settlements: size, start: { connected: startConnected(r) },
      fibreCeiling: ceiling.summary, probabilityCeiling90: ceiling.probability90, atDeadlines,
    };
  });

  // Mean days per settlement still to connect at the start (with a job of its own: starting
  // services can serve a settlement by its own technology), by stage.
  const todo = Array.from(agg.todo, (sum) => (runs > 0 ? sum / runs : 0));
  const waits: RunResult['waits'] = [];
  m.input.regions.forEach((reg, r) => {
    WAIT_STAGES.forEach((stage, k) => {
      const per = runs > 0 && todo[r] > 0 ? agg.waitMilli[r * N_WAIT + k] / 1000 / runs / todo[r] : 0;
      waits.push({ region: reg.id, stage, meanDays: Math.round(per * 100) / 100 });
    });
  });

  const { spend, financing } = summarizeFinancing(m, agg);
  const firstDeadline = m.targets.reduce((d, t) => Math.min(d, t.deadlineEnd), m.horizonDays);
  const crews: RunResult['crews'] = [];
  m.input.regions.forEach((reg, r) => {
    TECH_NAMES.forEach((technology, t) => {
      const avail = agg.crewAvailableToDeadlineMilli[regionTech(r, t)];
      if (!(avail > 0) || runs === 0) return;
      const used = agg.crewBusyToDeadlineMilli[regionTech(r, t)];
      crews.push({ region: reg.id, technology, until: m.calendar.toIso(Math.max(0, firstDeadline - 1)), utilisation: r6(used / avail), crewDaysUsed: Math.round(used / 1000 / runs) });
    });
  });
  const unfinished: RunResult['unfinished'] = {
    meanPerRun: runs > 0 ? r6(agg.unfinished / runs) : 0,
    byStage: STAGE_NAMES.map((stage, s) => ({ stage, meanPerRun: runs > 0 ? r6(agg.unfinishedByStage[s] / runs) : 0 })).filter((x) => x.meanPerRun > 0),
  };
  const money = summarizeCost(m, agg, o.intervalRuns);
  summary.cost = money.cost;
  summary.jointCostSchedule = money.jointCostSchedule;
  summary.regions = regions;
  summary.deliveries = summarizeDeliveries(m, agg);
  return {
    summary, input: m.input, cost: money.result, timeseries, dateReached, regions, waits, spend, financing, crews, unfinished, convergence: [], valueAtDeadlineMean,
    eventsPerRun: runs > 0 ? agg.events / runs : 0,
  };
}

/**
 * A reading's value at its deadline from a histogram bin: a share of what it is taken over
 * (0..1), or, for a count, the number of settlements.
 */
function valueOf(t: CompiledReading, size: number): (c: number) => number {
  if (t.count) return (c) => (c < 0 ? 0 : c);
  return (c) => (c < 0 || size === 0 ? 0 : r6(c / size));
}

/**
 * What a target or reading measures, as summary.json gives it: the contract's metric,
 * threshold and deadline, and beyond them only what applies (services of a share or count,
 * regions, a denominator), so that a target of the original kinds is described as before.
 */
function definition(t: CompiledReading, given: ModelInput['targets'][number] | NonNullable<ModelInput['targets'][number]['alternatives']>[number]): ReadingDefinition {
  return {
    metric: t.metric, threshold: t.threshold, deadline: t.deadline,
    ...(given.services ? { services: [...given.services] } : {}),
    ...(given.regions ? { regions: [...given.regions] } : {}),
    ...(given.denominator !== undefined ? { denominator: given.denominator } : {}),
  };
}
