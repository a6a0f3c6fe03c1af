import type { CompiledModel, CompiledReading } from './compile.js';
import type { SettlementTable } from './settlements.js';

/** A replication's answers, derived from the times settlements got their services. */
export interface Evaluation {
  /** Per target: the day its threshold was reached (0 = already at the start), or -1 if not within the horizon. */
  reachedDay: Int32Array;
  /** Per target: settlements counted by its metric at the end of its deadline date (at most targetSize for a share). */
  countAtDeadline: Int32Array;
  /** Per target: how many settlements its share is taken over (its denominator, when it has one). */
  targetSize: Int32Array;
  /** Per target: 1 if met by the deadline. */
  met: Uint8Array;
  /** Per alternative reading (CompiledModel.readings): 1 if met, the count at its deadline and what it is taken over. */
  altMet: Uint8Array;
  altCount: Int32Array;
  altSize: Int32Array;
  /** Per series (CompiledModel.series) and report date: settlements counted, [s * nGrid + g]. */
  seriesCounts: Int32Array;
  /** Per series: how many settlements its share is taken over. */
  seriesSize: Int32Array;
}

/** Buffers for a scenario's evaluation (reusable across replications). */
export function newEvaluation(m: CompiledModel): Evaluation {
  const nT = m.targets.length, nS = m.series.length, nR = m.readings.length;
  return {
    reachedDay: new Int32Array(nT), countAtDeadline: new Int32Array(nT), targetSize: new Int32Array(nT), met: new Uint8Array(nT),
    altMet: new Uint8Array(nR), altCount: new Int32Array(nR), altSize: new Int32Array(nR),
    seriesCounts: new Int32Array(nS * m.gridDays.length), seriesSize: new Int32Array(nS),
  };
}

/** Settlements needed for a share `threshold` of `size` (guarding against 0.9 * 10 = 9.000000000000002). */
export function requiredCount(threshold: number, size: number): number {
  return Math.max(0, Math.ceil(threshold * size - 1e-9));
}

/**
 * What a reading needs and is taken over, from the settlements in its regions: a share
 * needs its threshold of them (or of its own denominator, which it is then taken over), a
 * count needs its threshold.
 */
export function readingNeed(t: CompiledReading, settlements: number): { need: number; size: number } {
  if (t.count) return { need: Math.max(0, Math.ceil(t.threshold - 1e-9)), size: settlements };
  const size = t.denominator > 0 ? t.denominator : settlements;
  return { need: requiredCount(t.threshold, size), size };
}

/**
 * When settlement i got any of `services` (-1: at the start, Infinity: not within the
 * horizon), from the per-service times `done` ([service * n + i]).
 */
export function serviceTime(done: Float64Array, n: number, services: Uint8Array, i: number): number {
  let c = done[services[0] * n + i];
  for (let k = 1; k < services.length; k++) { const x = done[services[k] * n + i]; if (x < c) c = x; }
  return c;
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
 * Computes targets, their alternative readings and coverage-over-time counts from the
 * times each settlement got each service (`done`, [service * n + i]: -1 = at the start,
 * Infinity = not within the horizon), into `out` (fresh unless given). A settlement counts
 * at a date if it got a service that counts before that date ended (or had it at the start).
 */
export function evaluate(
  m: CompiledModel, st: SettlementTable, done: Float64Array, motorwayCompletion: Float64Array = new Float64Array(0), out: Evaluation = newEvaluation(m),
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
    let inRegions = 0, len = 0, atDeadline = 0;
    for (let i = 0; i < n; i++) {
      if (!t.inRegion[st.region[i]]) continue;
      inRegions++;
      const c = serviceTime(done, n, t.services, i);
      if (c === Infinity) continue;
      len++;
      byDay[c <= 0 ? 0 : Math.min(H, Math.floor(c))]++;
      if (c < t.deadlineEnd) atDeadline++;
    }
    const { need, size } = readingNeed(t, inRegions);
    targetSize[k] = size;
    countAtDeadline[k] = Math.min(atDeadline, size); // a share over a smaller published count stops at 1
    met[k] = atDeadline >= need ? 1 : 0;
    if (need === 0) reachedDay[k] = 0;
    else if (need > len) reachedDay[k] = -1;
    else {
      let acc = 0, d = 0;
      for (; d <= H; d++) { acc += byDay[d]; if (acc >= need) break; }
      reachedDay[k] = d;
    }
  }
  if (m.readings.length > 0) evaluateReadings(m, st, done, motorwayCompletion, out);

  // Coverage over time: each settlement adds one at the first report date after it got a
  // service that counts to its national and regional fibre and coverage series (and the
  // service series); then running sums.
  const nG = m.gridDays.length;
  const nS = m.series.length;
  const L = m.seriesLayout;
  const counts = out.seriesCounts, seriesSize = out.seriesSize;
  counts.fill(0);
  seriesSize.fill(0);
  const fibre = m.series[L.fibre].services, cover = m.series[L.coverage].services;
  const serviceSeries: number[] = [];
  L.service.forEach((s, code) => { if (s >= 0) serviceSeries.push(s, code); });
  for (let i = 0; i < n; i++) {
    const r = st.region[i];
    const rf = L.regionFibre[r], rc = L.regionCoverage[r];
    seriesSize[L.fibre]++; seriesSize[L.coverage]++; seriesSize[rf]++; seriesSize[rc]++;
    const cf = serviceTime(done, n, fibre, i);
    if (cf !== Infinity) {
      const g = gridAfter(m, cf);
      if (g < nG) { counts[L.fibre * nG + g]++; counts[rf * nG + g]++; }
    }
    const cc = serviceTime(done, n, cover, i);
    if (cc !== Infinity) {
      const g = gridAfter(m, cc);
      if (g < nG) { counts[L.coverage * nG + g]++; counts[rc * nG + g]++; }
    }
    for (let x = 0; x < serviceSeries.length; x += 2) {
      const s = serviceSeries[x];
      seriesSize[s]++;
      const c = done[serviceSeries[x + 1] * n + i];
      if (c === Infinity) continue;
      const g = gridAfter(m, c);
      if (g < nG) counts[s * nG + g]++;
    }
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

/** Per compiled model: a reusable buffer per distinct set of several services its readings count. */
const comboBuffers = new WeakMap<CompiledModel, Map<string, Float64Array>>();

/**
 * Per compiled model: for each reading, the first reading that counts the same settlements
 * (the same services, regions and deadline; its threshold or denominator may differ, as
 * "99.5 % is enough" beside "as stated"), whose count and size it takes instead of walking
 * the settlements again.
 */
const sameCount = new WeakMap<CompiledModel, Int32Array>();
function sameCountOf(m: CompiledModel): Int32Array {
  let same = sameCount.get(m);
  if (same) return same;
  const first = new Map<string, number>();
  same = Int32Array.from(m.readings, (t, k) => {
    if (t.metric === 'motorway-share') return k;
    const key = `${Array.from(t.services).join(',')}|${t.deadlineEnd}|${t.allRegions ? 'all' : Array.from(t.inRegion).join('')}`;
    if (!first.has(key)) first.set(key, k);
    return first.get(key)!;
  });
  sameCount.set(m, same);
  return same;
}
/** Reused by evaluateReadings: each reading's count and size this replication. */
let readingCount = new Int32Array(0), readingSize = new Int32Array(0);

/**
 * The alternative readings of every target. Each reading counts the settlements in its
 * regions and those that got one of its services before its deadline ended: a reading of
 * one service reads that service's times directly; for a set of several, the earliest of
 * their times is worked out once per replication and shared by every reading of that set.
 */
function evaluateReadings(m: CompiledModel, st: SettlementTable, done: Float64Array, motorwayCompletion: Float64Array, out: Evaluation): void {
  const n = st.n, R = m.readings, nR = R.length, region = st.region;
  const { altMet, altCount, altSize } = out;
  let buffers = comboBuffers.get(m);
  if (!buffers) comboBuffers.set(m, (buffers = new Map()));
  const fresh = new Set<string>();
  const same = sameCountOf(m);
  if (readingCount.length < nR) { readingCount = new Int32Array(nR); readingSize = new Int32Array(nR); }
  for (let k = 0; k < nR; k++) {
    const t = R[k];
    if (t.metric === 'motorway-share') {
      const x = motorwayTarget(m, motorwayCompletion, t.threshold, t.deadlineEnd);
      altMet[k] = x.met; altCount[k] = x.atDeadline; altSize[k] = m.motorwaySize;
      continue;
    }
    const s = same[k];
    if (s !== k) {
      const count = readingCount[s], need = readingNeed(t, readingSize[s]);
      altMet[k] = count >= need.need ? 1 : 0;
      altSize[k] = need.size;
      altCount[k] = Math.min(count, need.size);
      continue;
    }
    let times: Float64Array, at = 0;
    if (t.services.length === 1) { times = done; at = t.services[0] * n; }
    else {
      const key = t.services.join(',');
      let b = buffers.get(key);
      if (!b) buffers.set(key, (b = new Float64Array(n)));
      if (!fresh.has(key)) {
        for (let i = 0; i < n; i++) b[i] = serviceTime(done, n, t.services, i);
        fresh.add(key);
      }
      times = b;
    }
    const dl = t.deadlineEnd, inRegion = t.inRegion;
    let count = 0, size = 0;
    if (t.allRegions) {
      size = n;
      for (let i = 0; i < n; i++) if (times[at + i] < dl) count++;
    } else {
      for (let i = 0; i < n; i++) {
        if (!inRegion[region[i]]) continue;
        size++;
        if (times[at + i] < dl) count++;
      }
    }
    readingCount[k] = count; readingSize[k] = size;
    const need = readingNeed(t, size);
    altMet[k] = count >= need.need ? 1 : 0;
    altSize[k] = need.size;
    altCount[k] = Math.min(count, need.size);
  }
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
    if (reachedDay < 0 && reaches(acc, threshold, m.motorwayKm)) reachedDay = Math.max(0, Math.floor(done[k])); // -1: on air at the start
  }
  return { reachedDay, atDeadline: motorwaySteps(m, atDeadline), met: reaches(atDeadline, threshold, m.motorwayKm) ? 1 : 0 };
}
