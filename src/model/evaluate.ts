import type { CompiledModel } from './compile.js';
import type { SettlementTable } from './settlements.js';
import { TECH_CODE } from './technologies.js';

/** A replication's answers, derived from completion times. */
export interface Evaluation {
  /** Per target: the day its threshold was reached (0 = already at the start), or -1 if not within the horizon. */
  reachedDay: Int32Array;
  /** Per target: settlements counted by its metric at the end of its deadline date. */
  countAtDeadline: Int32Array;
  /** Per target: how many settlements its share is taken over. */
  targetSize: Int32Array;
  /** Per target: 1 if met by the deadline. */
  met: Uint8Array;
  /** Per series (CompiledModel.series) and report date: settlements counted, [s * nGrid + g]. */
  seriesCounts: Int32Array;
  /** Per series: how many settlements its share is taken over. */
  seriesSize: Int32Array;
}

/** Buffers for a scenario's evaluation (reusable across replications). */
export function newEvaluation(m: CompiledModel): Evaluation {
  const nT = m.targets.length, nS = m.series.length;
  return {
    reachedDay: new Int32Array(nT), countAtDeadline: new Int32Array(nT), targetSize: new Int32Array(nT), met: new Uint8Array(nT),
    seriesCounts: new Int32Array(nS * m.gridDays.length), seriesSize: new Int32Array(nS),
  };
}

/** Settlements needed for a share `threshold` of `size` (guarding against 0.9 * 10 = 9.000000000000002). */
export function requiredCount(threshold: number, size: number): number {
  return Math.max(0, Math.ceil(threshold * size - 1e-9));
}

let byDayScratch = new Int32Array(0);
/** A zeroed-on-use scratch array of at least n entries (evaluate runs once per replication). */
function scratch(n: number): Int32Array {
  if (byDayScratch.length < n) byDayScratch = new Int32Array(n);
  return byDayScratch.subarray(0, n);
}

/** Index of the first report date strictly after time c (-1 <= c <= horizon; nGrid if none). */
function gridAfter(m: CompiledModel, c: number): number {
  return m.gridAfterDay[Math.floor(c) + 1];
}

/**
 * Computes targets and coverage-over-time counts from completion times (-1 = connected
 * before the start, Infinity = not within the horizon), into `out` (fresh unless given). A
 * settlement counts at a report date if it was connected before that date began.
 */
export function evaluate(
  m: CompiledModel, st: SettlementTable, completion: Float64Array, motorwayCompletion: Float64Array = new Float64Array(0), out: Evaluation = newEvaluation(m),
): Evaluation {
  const n = st.n;
  const nT = m.targets.length;
  const { reachedDay, countAtDeadline, targetSize, met } = out;
  // Completions counted by day (0 = at or before the start): the k-th completion's day is
  // found by walking the counts, with no sort.
  const H = m.horizonDays;
  const byDay = scratch(H + 1);

  for (let k = 0; k < nT; k++) {
    const t = m.targets[k];
    if (t.metric === 'motorway-share') {
      const r = motorwayTarget(m, motorwayCompletion, t.threshold, t.deadlineEnd);
      reachedDay[k] = r.reachedDay; countAtDeadline[k] = r.atDeadline; targetSize[k] = m.motorwaySize; met[k] = r.met;
      continue;
    }
    byDay.fill(0);
    let size = 0, len = 0, atDeadline = 0;
    for (let i = 0; i < n; i++) {
      if (!t.inRegion[st.region[i]]) continue;
      size++;
      const c = completion[i];
      if (c === Infinity || !t.techCounts[st.tech[i]]) continue;
      len++;
      byDay[c <= 0 ? 0 : Math.min(H, Math.floor(c))]++;
      if (c < t.deadlineEnd) atDeadline++;
    }
    const need = requiredCount(t.threshold, size);
    targetSize[k] = size;
    countAtDeadline[k] = atDeadline;
    met[k] = atDeadline >= need ? 1 : 0;
    if (need === 0) reachedDay[k] = 0;
    else if (need > len) reachedDay[k] = -1;
    else {
      let acc = 0, d = 0;
      for (; d <= H; d++) { acc += byDay[d]; if (acc >= need) break; }
      reachedDay[k] = d;
    }
  }

  // Coverage over time: each settlement adds one at the first report date after its
  // connection to its national and regional fibre and coverage series; then running sums.
  const nG = m.gridDays.length;
  const nS = m.series.length;
  const L = m.seriesLayout;
  const counts = out.seriesCounts, seriesSize = out.seriesSize;
  counts.fill(0);
  seriesSize.fill(0);
  const cover = m.series[L.coverage].techCounts;
  for (let i = 0; i < n; i++) {
    const r = st.region[i];
    const rf = L.regionFibre[r], rc = L.regionCoverage[r];
    seriesSize[L.fibre]++; seriesSize[L.coverage]++; seriesSize[rf]++; seriesSize[rc]++;
    const c = completion[i];
    if (c === Infinity) continue;
    const g = gridAfter(m, c);
    if (g === nG) continue;
    if (st.tech[i] === TECH_CODE.fibre) { counts[L.fibre * nG + g]++; counts[rf * nG + g]++; }
    if (cover[st.tech[i]]) { counts[L.coverage * nG + g]++; counts[rc * nG + g]++; }
  }
  for (let s = 0; s < nS; s++) {
    if (s === L.motorway) continue;
    let acc = 0;
    for (let g = 0; g < nG; g++) { acc += counts[s * nG + g]; counts[s * nG + g] = acc; }
  }
  if (L.motorway >= 0) {
    // Km covered before each report date, summed exactly, then counted in steps.
    seriesSize[L.motorway] = m.motorwaySize;
    const km = new Float64Array(nG);
    m.motorwayMasts.forEach((mw, k) => {
      const c = motorwayCompletion[k];
      if (c === Infinity) return;
      const g = gridAfter(m, c);
      if (g < nG) km[g] += mw.km;
    });
    let acc = 0;
    for (let g = 0; g < nG; g++) { acc += km[g]; counts[L.motorway * nG + g] = motorwaySteps(m, acc); }
  }
  return out;
}

/** Km covered as a count of MOTORWAY_STEPS-ths of all motorway km (rounded down; all of it = every step). */
function motorwaySteps(m: CompiledModel, km: number): number {
  if (reaches(km, 1, m.motorwayKm)) return m.motorwaySize;
  return Math.min(m.motorwaySize, Math.floor((km / m.motorwayKm) * m.motorwaySize));
}

/**
 * Does `km` reach `threshold` of `total`? Compared in km with a relative tolerance of
 * 1e-12, so that the masts' exact shares (e.g. 3 × 10/3 km) summed in floating point still
 * reach 100 %.
 */
function reaches(km: number, threshold: number, total: number): boolean {
  return km >= threshold * total - 1e-12 * total;
}

/**
 * Motorway km covered: masts in completion order, each adding its exact km. Met and the
 * date reached come from the exact km; the value at the deadline is counted in steps
 * (m.motorwaySize of them) for the histograms.
 */
function motorwayTarget(m: CompiledModel, done: Float64Array, threshold: number, deadlineEnd: number) {
  const order = Array.from(done.keys()).filter((k) => done[k] !== Infinity).sort((a, b) => done[a] - done[b] || a - b);
  let acc = 0, atDeadline = 0, reachedDay = reaches(0, threshold, m.motorwayKm) ? 0 : -1;
  for (const k of order) {
    acc += m.motorwayMasts[k].km;
    if (done[k] < deadlineEnd) atDeadline = acc;
    if (reachedDay < 0 && reaches(acc, threshold, m.motorwayKm)) reachedDay = Math.floor(done[k]);
  }
  return { reachedDay, atDeadline: motorwaySteps(m, atDeadline), met: reaches(atDeadline, threshold, m.motorwayKm) ? 1 : 0 };
}
