import { stream } from '../engine/index.js';
import type { CompiledModel } from './compile.js';
import { SLOT } from './draws.js';
import { SERVICE, SERVICE_OF_TECH } from './services.js';
import { TECH_CODE } from './technologies.js';
import { inQueueOrder } from './queue-order.js';

/** Settlements per region are indexed below this in the packed sort keys (2^20). */
const KEY_SPAN = 1048576;

/** One replication's settlements, as parallel arrays indexed by settlement. */
export interface SettlementTable {
  n: number;
  ids: string[] | null;
  region: Int32Array;
  population: Float64Array;
  backboneKm: Float64Array;
  /** 1 = already served by its technology at the start (no job of its own). */
  connected: Uint8Array;
  /** TECH_CODE of the technology that will serve it. */
  tech: Uint8Array;
  /** Services it has at the start (a mask of 1 << SERVICE code). */
  has: Uint8Array;
  /** Services a service rule gives it besides its technology's (a mask; see ServicesInput). */
  wants: Uint8Array;
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
    tech: new Uint8Array(n), has: new Uint8Array(n), wants: new Uint8Array(n), approvalDays: new Float64Array(n), priority: new Float64Array(n),
  };
}

const BACKBONE = 1 << SERVICE['backbone-fibre'];
const HOUSEHOLD = 1 << SERVICE['household-fibre'];
const MOBILE = 1 << SERVICE.mobile;
const SATELLITE = 1 << SERVICE.satellite;

/** Marks with `bit` in `has` the settlements whose keys are keys[from .. to) (their index is KEY_SPAN - 1 - key % KEY_SPAN). */
function mark(keys: Float64Array, from: number, to: number, first: number, has: Uint8Array, bit: number): void {
  for (let k = from; k < to; k++) has[first + (KEY_SPAN - 1 - (keys[k] % KEY_SPAN))] |= bit;
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
  const { region, population, backboneKm, connected, tech, has, wants, approvalDays, priority } = st;
  approvalDays.fill(NaN);
  connected.fill(0);
  has.fill(0);
  wants.fill(0);
  const listed = input.settlements;
  // A status of counts' satellite stock beyond the scenario's start: terminals installed since (placed below).
  const satGained = gainedSatellite(m);

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
      if (s.services) for (const id of s.services) has[i] |= 1 << SERVICE[id];
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
      if (reg.connected > 0 || reg.services) {
        const keys = scratch(reg.settlements);
        // Populations above 2^32 count as equal (keeps keys below 2^52, exact in a double).
        for (let k = 0; k < reg.settlements; k++) keys[k] = Math.min(population[first + k], 4294967295) * KEY_SPAN + (KEY_SPAN - 1 - k);
        selectLargest(keys, reg.settlements, reg.connected);
        for (let k = reg.settlements - reg.connected; k < reg.settlements; k++) connected[first + (KEY_SPAN - 1 - (keys[k] % KEY_SPAN))] = 1;
        if (reg.services) {
          const own = satGained && satGained[r] > 0 ? { ...reg.services, satellite: Math.max(0, (reg.services.satellite ?? 0) - satGained[r]) } : reg.services;
          startingServices(keys, reg.settlements, reg.connected, own, first, has);
        }
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
  // What each settlement has at the start: its technology's service when connected (a
  // settlement whose technology's service is there from the start needs no job of its own).
  for (let i = 0; i < n; i++) {
    const own = 1 << SERVICE_OF_TECH[tech[i]];
    if (connected[i]) has[i] |= own;
    else if (has[i] & own) connected[i] = 1;
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
  if (satGained) placeGainedSatellite(st, satGained);
  if (input.services) serviceRules(m, st);
  return st;
}

/** Per region, the satellite stock a status of counts gives beyond the scenario's start; null when none. */
function gainedSatellite(m: CompiledModel): Int32Array | null {
  const gained = m.input.status?.gained?.filter((g) => g.service === 'satellite' && g.count > 0);
  if (!gained || gained.length === 0 || m.input.settlements) return null;
  const out = new Int32Array(m.regionIds.length);
  for (const g of gained) out[m.regionIndex.get(g.region)!] += g.count;
  return out;
}

/**
 * A status of counts' satellite stock beyond the scenario's start was installed since, by
 * the satellite jobs the model would have run: it goes to the settlements whose technology
 * is satellite, not yet on it, in queue order (they are then connected, with no job of
 * their own); any left over goes, as the scenario's own stock does, to the smallest not on
 * backbone fibre (ties: the later settlement).
 */
function placeGainedSatellite(st: SettlementTable, gained: Int32Array): void {
  const { n, region, tech, has, connected, priority, population } = st;
  if (matchScratch.length < n) matchScratch = new Int32Array(n);
  for (let r = 0; r < gained.length; r++) {
    let left = gained[r];
    if (left <= 0) continue;
    let found = 0;
    for (let i = 0; i < n; i++) if (region[i] === r && tech[i] === TECH_CODE.satellite && !connected[i] && !(has[i] & SATELLITE)) matchScratch[found++] = i;
    const inOrder = inQueueOrder(matchScratch, found, priority);
    for (let k = 0; k < found && left > 0; k++, left--) { has[inOrder[k]] |= SATELLITE; connected[inOrder[k]] = 1; }
    if (left <= 0) continue;
    const rest: number[] = [];
    for (let i = 0; i < n; i++) if (region[i] === r && !(has[i] & (BACKBONE | SATELLITE))) rest.push(i);
    rest.sort((a, b) => population[a] - population[b] || b - a);
    for (let k = 0; k < rest.length && left > 0; k++, left--) {
      const i = rest[k];
      has[i] |= SATELLITE;
      if (tech[i] === TECH_CODE.satellite) connected[i] = 1;
    }
  }
}

/**
 * A generated region's other services at the start, in the order of the keys the
 * connected settlements were picked by (population, then the earlier settlement): household
 * fibre in the largest settlements on backbone fibre (so the largest overall), mobile
 * coverage in the largest, satellite in the smallest of those not on backbone fibre (the
 * exact reverse order: ties go to the later settlement). Each is a selection within the
 * part of `keys` selectLargest left the connected ones in (the last `onBackbone`) or the
 * rest, so no key is computed twice. Counts beyond what is possible are refused by the
 * scenario checks (and cut here).
 */
function startingServices(
  keys: Float64Array, size: number, onBackbone: number, counts: NonNullable<CompiledModel['input']['regions'][number]['services']>, first: number, has: Uint8Array,
): void {
  const top = keys.subarray(size - onBackbone, size), rest = size - onBackbone;
  const household = Math.min(counts.householdFibre ?? 0, onBackbone);
  if (household > 0) { selectLargest(top, onBackbone, household); mark(top, onBackbone - household, onBackbone, first, has, HOUSEHOLD); }
  const mobile = Math.min(counts.mobile ?? 0, size);
  if (mobile > 0 && mobile <= onBackbone) { selectLargest(top, onBackbone, mobile); mark(top, onBackbone - mobile, onBackbone, first, has, MOBILE); }
  else if (mobile > onBackbone) {
    mark(top, 0, onBackbone, first, has, MOBILE);
    selectLargest(keys, rest, mobile - onBackbone);
    mark(keys, rest - (mobile - onBackbone), rest, first, has, MOBILE);
  }
  // The smallest `satellite` of the rest are left in keys[0 .. satellite) by selecting its largest others.
  const satellite = Math.min(counts.satellite ?? 0, rest);
  if (satellite > 0) { selectLargest(keys, rest, rest - satellite); mark(keys, 0, satellite, first, has, SATELLITE); }
}

/**
 * The service rules (input.services): each settlement that does not have a service at the
 * start, and whose own technology's job will not build it, gets it when it matches any of
 * the service's rules — household fibre only where backbone fibre is there or coming (a
 * settlement on it, or one whose technology is fibre). A rule with `max` takes the first
 * settlements that match it in queue order (priority, then index), across regions.
 */
function serviceRules(m: CompiledModel, st: SettlementTable): void {
  const { n, has, wants, tech, connected, population, backboneKm, region, priority } = st;
  if (matchScratch.length < n) matchScratch = new Int32Array(n);
  const matches = matchScratch;
  for (const rule of m.serviceRules) {
    const bit = 1 << rule.service;
    const ownTech = rule.tech;
    let found = 0;
    for (let i = 0; i < n; i++) {
      if ((has[i] | wants[i]) & bit) continue;
      if (tech[i] === ownTech) continue; // its own job builds it
      if (bit === HOUSEHOLD && !(has[i] & BACKBONE) && !(tech[i] === TECH_CODE.fibre && !connected[i])) continue;
      const p = population[i], km = backboneKm[i];
      if (!(p > rule.populationAbove && p < rule.populationBelow && km > rule.kmAbove && km < rule.kmBelow) || !rule.inRegion[region[i]]) continue;
      if (rule.max === Infinity) wants[i] |= bit;
      else matches[found++] = i;
    }
    if (rule.max === Infinity) continue;
    // The first `max` matches in queue order (priority, then index: the matches are in index order).
    const inOrder = inQueueOrder(matches, found, priority);
    for (let k = 0; k < Math.min(rule.max, found); k++) wants[inOrder[k]] |= bit;
  }
}

/** Reused by serviceRules across replications: the matching settlements. */
let matchScratch = new Int32Array(0);
