import type { CompiledModel } from './compile.js';
import type { SettlementTable } from './settlements.js';

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

/** Settlements needed for a share `threshold` of `size` (guarding against 0.9 * 10 = 9.000000000000002). */
export function requiredCount(threshold: number, size: number): number {
  return Math.max(0, Math.ceil(threshold * size - 1e-9));
}

/**
 * Computes targets and coverage-over-time counts from completion times (-1 = connected
 * before the start, Infinity = not within the horizon). A settlement counts at a report
 * date if it was connected before that date began.
 */
export function evaluate(m: CompiledModel, st: SettlementTable, completion: Float64Array, motorwayCompletion: Float64Array = new Float64Array(0)): Evaluation {
  const n = st.n;
  const nT = m.targets.length;
  const reachedDay = new Int32Array(nT);
  const countAtDeadline = new Int32Array(nT);
  const targetSize = new Int32Array(nT);
  const met = new Uint8Array(nT);
  // Completions counted by day (0 = at or before the start): the k-th completion's day is
  // found by walking the counts, with no sort.
  const H = m.horizonDays;
  const byDay = new Int32Array(H + 1);

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

  // Coverage over time. Series are laid out by compileModel as: 0 national fibre,
  // 1 national coverage, then per region r: 2 + 2r fibre, 3 + 2r coverage.
  const grid = m.gridDays;
  const nG = grid.length;
  const nS = m.series.length;
  const counts = new Int32Array(nS * nG);
  const seriesSize = new Int32Array(nS);
  const cover = m.series[1].techCounts;
  for (let i = 0; i < n; i++) {
    const r = st.region[i];
    seriesSize[0]++; seriesSize[1]++; seriesSize[2 + 2 * r]++; seriesSize[3 + 2 * r]++;
    const c = completion[i];
    if (c === Infinity) continue;
    // First report date strictly after c (binary search).
    let lo = 0, hi = nG;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (grid[mid] > c) hi = mid; else lo = mid + 1; }
    if (lo === nG) continue;
    const isFibre = st.tech[i] === 0;
    if (isFibre) { counts[lo]++; counts[(2 + 2 * r) * nG + lo]++; }
    if (cover[st.tech[i]]) { counts[nG + lo]++; counts[(3 + 2 * r) * nG + lo]++; }
  }
  for (let s = 0; s < nS; s++) {
    let acc = 0;
    for (let g = 0; g < nG; g++) { acc += counts[s * nG + g]; counts[s * nG + g] = acc; }
  }
  if (m.motorwayMasts.length > 0) {
    // Km covered before each report date, summed exactly, then counted in steps.
    const s = nS - 1;
    seriesSize[s] = m.motorwaySize;
    const km = new Float64Array(nG);
    m.motorwayMasts.forEach((mw, k) => {
      const c = motorwayCompletion[k];
      if (c === Infinity) return;
      let lo = 0, hi = nG;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (grid[mid] > c) hi = mid; else lo = mid + 1; }
      if (lo < nG) km[lo] += mw.km;
    });
    let acc = 0;
    for (let g = 0; g < nG; g++) { acc += km[g]; counts[s * nG + g] = motorwaySteps(m, acc); }
  }
  return { reachedDay, countAtDeadline, targetSize, met, seriesCounts: counts, seriesSize };
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
