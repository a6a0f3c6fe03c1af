import { stream } from '../engine/index.js';
import type { CompiledModel } from './compile.js';
import { SLOT } from './draws.js';
import { TECH_CODE } from './technologies.js';

/** Settlements per region are indexed below this in the packed sort keys (2^20). */
const KEY_SPAN = 1048576;

/** One replication's settlements, as parallel arrays indexed by settlement. */
export interface SettlementTable {
  n: number;
  ids: string[] | null;
  region: Int32Array;
  population: Float64Array;
  backboneKm: Float64Array;
  /** 1 = already on fibre at the start. */
  connected: Uint8Array;
  /** TECH_CODE of the technology that will serve it. */
  tech: Uint8Array;
  /** Known approval time in days, NaN when unknown. */
  approvalDays: Float64Array;
  /** Queue priority for budget and crews (lower goes first). */
  priority: Float64Array;
}

let keyScratch = new Float64Array(0);
function scratch(n: number): Float64Array {
  if (keyScratch.length < n) keyScratch = new Float64Array(n);
  return keyScratch;
}

/**
 * Rearranges a[0..n) so that its c largest values (all distinct) are in a[n-c..n), in no
 * particular order (quickselect, Hoare partition around a median of three).
 *
 * @example const a = Float64Array.of(5, 1, 4, 2, 3); selectLargest(a, 5, 2); // a[3..5) holds 4 and 5
 */
export function selectLargest(a: Float64Array, n: number, c: number): void {
  const kth = n - c; // everything from here on must be >= everything before
  if (c <= 0 || kth <= 0) return;
  let lo = 0, hi = n - 1;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    // Median of three as the pivot.
    const x = a[lo], y = a[mid], z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : (x < z ? x : y < z ? z : y);
    let i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) { const t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
    }
    if (kth <= j) hi = j;
    else if (kth >= i) lo = i;
    else return;
  }
}

/** Number of settlements a scenario has (fixed across replications). */
export function settlementCount(m: CompiledModel): number {
  return m.input.settlements ? m.input.settlements.length : m.input.regions.reduce((s, r) => s + r.settlements, 0);
}

/** An empty table for a scenario's settlements, to be filled by buildSettlements (reusable across replications). */
export function newSettlementTable(m: CompiledModel): SettlementTable {
  const n = settlementCount(m);
  return {
    n, ids: m.input.settlements ? m.input.settlements.map((s) => s.id) : null,
    region: new Int32Array(n), population: new Float64Array(n), backboneKm: new Float64Array(n), connected: new Uint8Array(n),
    tech: new Uint8Array(n), approvalDays: new Float64Array(n), priority: new Float64Array(n),
  };
}

/**
 * Builds the settlements of replication `rep` (into `st`, a fresh table unless given):
 * listed ones as given, the rest drawn from their region's distributions (2 uniforms per
 * settlement from the 'settlements' stream, drawn for every settlement so that options stay
 * aligned for common random numbers). In generated regions, the `connected` largest
 * settlements are the ones already on fibre (earlier programmes went to the biggest
 * villages first).
 */
export function buildSettlements(m: CompiledModel, seed: number, rep: number, st: SettlementTable = newSettlementTable(m)): SettlementTable {
  const input = m.input;
  const n = st.n;
  const u = stream(seed, rep, 'settlements');
  const { region, population, backboneKm, connected, tech, approvalDays, priority } = st;
  approvalDays.fill(NaN);
  connected.fill(0);
  const listed = input.settlements;

  if (listed) {
    for (let i = 0; i < n; i++) {
      const s = listed[i];
      const r = m.regionIndex.get(s.region)!;
      u(); // population is known; the draw keeps the stream aligned with generated scenarios
      const uKm = u();
      region[i] = r;
      population[i] = s.population;
      backboneKm[i] = s.backboneKm ?? Math.max(0, m.dist.backboneKm[r].quantile(uKm));
      connected[i] = s.connected ? 1 : 0;
      if (s.approvalDays !== undefined) approvalDays[i] = s.approvalDays;
      priority[i] = s.planOrder ?? i;
    }
  } else {
    let i = 0;
    for (let r = 0; r < input.regions.length; r++) {
      const reg = input.regions[r];
      const first = i;
      const pop = m.dist.population[r], km = m.dist.backboneKm[r];
      for (let k = 0; k < reg.settlements; k++, i++) {
        region[i] = r;
        population[i] = Math.max(1, Math.round(pop.quantile(u())));
        backboneKm[i] = Math.max(0, km.quantile(u()));
        priority[i] = i;
      }
      // The largest settlements of the region are the ones already connected (ties: the
      // earlier one): the largest packed keys (population, then reversed index), which
      // are all distinct, picked by selection rather than a full sort.
      if (reg.connected > 0) {
        const keys = scratch(reg.settlements);
        // Populations above 2^32 count as equal (keeps keys below 2^52, exact in a double).
        for (let k = 0; k < reg.settlements; k++) keys[k] = Math.min(population[first + k], 4294967295) * KEY_SPAN + (KEY_SPAN - 1 - k);
        selectLargest(keys, reg.settlements, reg.connected);
        for (let k = reg.settlements - reg.connected; k < reg.settlements; k++) connected[first + (KEY_SPAN - 1 - (keys[k] % KEY_SPAN))] = 1;
      }
    }
  }

  // Technology: connected settlements are on fibre unless the list says what they are on
  // (satellite, a mast); a listed technology is forced; else the first rule that matches.
  const rules = input.technology.rules;
  const nRules = rules.length;
  const below = Float64Array.from(rules, (r) => r.populationBelow ?? Infinity);
  const above = Float64Array.from(rules, (r) => r.backboneKmAbove ?? -Infinity);
  const use = Uint8Array.from(rules, (r) => TECH_CODE[r.use]);
  const fallback = TECH_CODE[input.technology.default];
  for (let i = 0; i < n; i++) {
    if (listed) {
      const f = listed[i].technology;
      if (connected[i]) { tech[i] = TECH_CODE[f ?? 'fibre']; continue; }
      if (f !== undefined) { tech[i] = TECH_CODE[f]; continue; }
    } else if (connected[i]) { tech[i] = TECH_CODE.fibre; continue; }
    let t: number = fallback;
    const p = population[i], km = backboneKm[i];
    for (let k = 0; k < nRules; k++) {
      if (!(p < below[k]) || !(km > above[k])) continue;
      t = use[k];
      break;
    }
    tech[i] = t;
  }

  // Queue priority from the ordering rule (lower first; ties by settlement index in the queue).
  switch (input.ordering) {
    case 'population-desc': for (let i = 0; i < n; i++) priority[i] = -population[i]; break;
    case 'nearest-first': for (let i = 0; i < n; i++) priority[i] = backboneKm[i]; break;
    case 'cheapest-per-person': {
      const meanCostPerKm = m.draws[SLOT['fibre.costPerKm']]!.mean, meanNode = m.draws[SLOT['fibre.nodeCost']]!.mean;
      for (let i = 0; i < n; i++) priority[i] = (backboneKm[i] * meanCostPerKm + meanNode) / population[i];
      break;
    }
    case 'plan': break; // planOrder (listed) or file order (generated), set above
  }
  return st;
}
