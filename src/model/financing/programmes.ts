import { distribution, type Distribution } from '../../engine/index.js';
import type { FinancingProgrammeInput, ModelInput } from '../input.js';
import { N_TECH, TECH_CODE, TECH_NAMES } from '../technologies.js';

/** A programme's top-up policy, compiled. */
export interface CompiledTopUp {
  probability: number;
  /** Money one top-up brings: share × the programme's total appropriations. */
  amount: number;
  delay: Distribution;
  /** Only once no later appropriation is due within the horizon (an overrun of the total). */
  overrunOnly: boolean;
  /** Most top-ups per replication (Infinity: no limit). */
  times: number;
}

/** One programme as the replication uses it: masks and per-year money instead of names and maps. */
export interface CompiledProgramme {
  id: string;
  label: string;
  /** 1 where it pays for the technology (by TECH_CODE). */
  pays: Uint8Array;
  /** 1 where a region's jobs are eligible (null: every region). */
  regions: Uint8Array | null;
  /** Population bounds, or NaN where the scenario sets none: at least / below. */
  populationAtLeast: number;
  populationBelow: number;
  /** 1 for each listed settlement it pays for (null: no list). */
  settlements: Uint8Array | null;
  /** Share of the otherwise eligible jobs it pays for (1: all). */
  share: number;
  /** The uniform's counter for `share` (from the id, so another programme added or moved changes no draw). */
  shareKey: number;
  /** Its money is a limit (a Container); false = it pays whatever is asked. */
  limited: boolean;
  /** Appropriation per budget year of the run (index 0 = the start's year). */
  appropriations: Float64Array;
  /** Appropriations stated for the years before the start's since the scenario's own start (carried into a run that starts from a status). */
  before: number;
  /** Every appropriation stated, whatever the year (what a top-up's share is a share of). */
  total: number;
  /** It states appropriations (even zeros): the money planned for it. */
  stated: boolean;
  carryOver: boolean;
  /** Share of each job's cost it pays; the rest is co-funding. */
  costShare: number;
  topUp: CompiledTopUp | null;
  /** The last budget year of the run with money appropriated (-1: none). */
  lastYear: number;
}

/**
 * The scenario's money: its programmes in the order a job looks for one, and inflation.
 * A scenario with a `budget` section has one programme per technology (`legacy`), in
 * TECH_CODE order, programme k paying technology k — unlimited where the line is absent —
 * which is exactly what a `budget` line always meant.
 */
export interface CompiledFinancing {
  programmes: CompiledProgramme[];
  /** Programme index by id. */
  index: ReadonlyMap<string, number>;
  /** From `budget:` (programme k = technology k, every job eligible). */
  legacy: boolean;
  /** Yearly inflation rate (null: none). */
  inflation: Distribution | null;
  /** Some programme draws per job (`eligible.share`): eligibility needs the replication's uniforms. */
  drawsShares: boolean;
}

/** A 32-bit FNV-1a hash of a string (the counter of a programme's own draws). */
function hashId(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * A programme's appropriations per year of the run, those of the years before it from
 * `fromYear` on (carried into a run from a status), and the total of all.
 */
function perYear(appropriations: Record<string, number>, firstYear: number, years: number, fromYear: number): { perYear: Float64Array; before: number; total: number; stated: boolean } {
  const out = new Float64Array(years);
  let before = 0, total = 0;
  for (let y = 0; y < years; y++) out[y] = appropriations[String(firstYear + y)] ?? 0;
  // Ascending years (integer-like keys enumerate in numeric order), the same sums as the budget lines always made.
  for (const [year, a] of Object.entries(appropriations)) {
    total += a;
    if (Number(year) < firstYear && Number(year) >= fromYear) before += a;
  }
  return { perYear: out, before, total, stated: Object.keys(appropriations).length > 0 };
}

const lastYearOf = (a: Float64Array) => { for (let y = a.length - 1; y >= 0; y--) if (a[y] > 0) return y; return -1; };

/**
 * Compiles the scenario's money: its `financing` programmes, or its `budget` lines as one
 * programme per technology.
 *
 * @example
 *   compileFinancing(input, 2026, 2, regionIndex).programmes.map((p) => p.id)   // ['fibre', 'mast', 'satellite'] for a budget section
 */
export function compileFinancing(input: ModelInput, firstYear: number, years: number, regionIndex: ReadonlyMap<string, number>): CompiledFinancing {
  const inflation = input.inflation ? distribution(input.inflation) : null;
  // A run from a status whose scenario started before it: only the years since that start
  // (the run that did not stop had no earlier money). A scenario that starts with its status: every earlier year.
  const scenarioStart = input.status?.scenarioStart;
  const fromYear = scenarioStart !== undefined ? Number(scenarioStart.slice(0, 4)) : -Infinity;
  if (!input.financing) {
    const programmes = TECH_NAMES.map((t): CompiledProgramme => {
      const b = input.budget[t];
      const money = perYear(b?.appropriations ?? {}, firstYear, years, fromYear);
      const pays = new Uint8Array(N_TECH);
      pays[TECH_CODE[t]] = 1;
      return {
        id: t, label: `${t} budget`, pays, regions: null, populationAtLeast: NaN, populationBelow: NaN, settlements: null, share: 1, shareKey: 0,
        limited: b !== undefined && !b.unlimited, appropriations: money.perYear, before: money.before, total: money.total, stated: money.stated,
        carryOver: b?.carryOver ?? true, costShare: 1 - (b?.operatorShare ?? 0), topUp: null, lastYear: lastYearOf(money.perYear),
      };
    });
    return { programmes, index: new Map(TECH_NAMES.map((t, k) => [t, k])), legacy: true, inflation, drawsShares: false };
  }
  const listedIndex = new Map((input.settlements ?? []).map((s, i) => [s.id, i] as const));
  const programmes = input.financing.map((p) => compileProgramme(p, firstYear, years, regionIndex, listedIndex, input.settlements?.length ?? 0, fromYear));
  return {
    programmes, index: new Map(programmes.map((p, k) => [p.id, k])), legacy: false, inflation,
    drawsShares: programmes.some((p) => p.share < 1),
  };
}

function compileProgramme(
  p: FinancingProgrammeInput, firstYear: number, years: number, regionIndex: ReadonlyMap<string, number>, listedIndex: ReadonlyMap<string, number>, nListed: number, fromYear: number,
): CompiledProgramme {
  const pays = new Uint8Array(N_TECH);
  for (const t of p.pays) pays[TECH_CODE[t]] = 1;
  const e = p.eligible ?? {};
  let regions: Uint8Array | null = null;
  if (e.regions) {
    regions = new Uint8Array(regionIndex.size);
    for (const id of e.regions) {
      const r = regionIndex.get(id);
      if (r === undefined) throw new RangeError(`financing ${p.id}: unknown region '${id}'`);
      regions[r] = 1;
    }
  }
  let settlements: Uint8Array | null = null;
  if (e.settlements) {
    settlements = new Uint8Array(nListed);
    for (const id of e.settlements) {
      const i = listedIndex.get(id);
      if (i === undefined) throw new RangeError(`financing ${p.id}: unknown settlement '${id}'`);
      settlements[i] = 1;
    }
  }
  const money = perYear(p.appropriations, firstYear, years, fromYear);
  const t = p.topUp;
  return {
    id: p.id, label: p.label, pays, regions,
    populationAtLeast: e.populationAtLeast ?? NaN, populationBelow: e.populationBelow ?? NaN, settlements,
    share: e.share ?? 1, shareKey: hashId(p.id),
    limited: !p.unlimited, appropriations: money.perYear, before: money.before, total: money.total, stated: money.stated,
    carryOver: p.carryOver, costShare: p.costShare,
    topUp: t && !p.unlimited
      ? { probability: t.probability, amount: t.share * money.total, delay: distribution(t.delay), overrunOnly: t.when === 'overrun', times: t.times ?? Infinity }
      : null,
    lastYear: lastYearOf(money.perYear),
  };
}
