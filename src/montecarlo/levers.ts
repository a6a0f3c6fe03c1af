import { checkDistribution, distribution, scaleDistribution, type DistributionSpec } from '../engine/index.js';
import { moneyLines, type ModelInput } from '../model/index.js';
import { AnalysisInputError } from './analysis-input-error.js';

/**
 * A lever: one number a planner can change in a scenario (crews, money, permit capacity, or
 * any number the scenario holds), with the candidate values goal seek searches over.
 */
export interface Lever {
  /** As given on the command line: 'fibre-crews', 'budget', 'offices' or 'path:<path>'. */
  id: string;
  label: string;
  /** 'multiplier': the value multiplies the scenario's own numbers (1 = as the scenario is); 'value': the value is set as it is. */
  kind: 'multiplier' | 'value';
  /** The scenario's own value (1 for a multiplier). */
  base: number;
  /** Range searched. */
  range: [number, number];
  /**
   * Candidate values, ascending, each giving a different scenario: for a lever rounded to
   * whole crews or files, the least multiplier of each distinct rounding; otherwise a
   * regular grid from the range's low end in `step`s, with its high end.
   */
  grid: number[];
  /**
   * The step of a regular grid (budget, path levers): with the range it decides the
   * candidates, so asking the same question again needs it. Absent for a lever rounded to
   * whole crews or files, whose candidates follow from the range alone.
   */
  step?: number;
  /** A copy of `input` with the lever at `value`. */
  apply(input: ModelInput, value: number): ModelInput;
  /** What the value means in the scenario, for people: '7 fibre crews in all; the scenario has 10'. */
  describe(value: number): string;
}

/** A lever that cannot be built as asked: the command reports it as a usage error (exit 2). */
export class LeverError extends AnalysisInputError {}

/** Levers built into `rollout goal`, with their default ranges. */
export const BUILT_IN_LEVERS = {
  'fibre-crews': { label: 'Every fibre crew: at work, under contract, national (×)', range: [0.5, 3] as [number, number] },
  budget: { label: 'Every appropriation (×)', range: [0.5, 2] as [number, number] },
  offices: { label: 'Capacity of every approval office (×)', range: [0.5, 4] as [number, number] },
} as const;

export interface LeverOptions {
  /** Range to search; defaults per lever (BUILT_IN_LEVERS), required for a path lever. */
  range?: [number, number];
  /** Grid step for levers that are not rounded to whole units (default: 0.01 for a multiplier, 1 or a hundredth of the range for a value). */
  step?: number;
}

const OFFICE_KEYS = ['approvalOffice', 'siteOffice', 'permitOffice'] as const;

/** Whole units of a multiplied count (crews, files at once); the tiny nudge keeps a value built as (k - 0.5) / c on the k side of the rounding. */
const scaled = (count: number, v: number, least: number) => Math.max(least, Math.round(count * v + 1e-9));

/**
 * Builds a lever by name for a scenario: 'fibre-crews' (a multiplier on every fibre crew:
 * each region's, rounded to whole crews per region, those under contract and national), 'budget' (a multiplier on every appropriation of
 * every programme), 'offices' (a multiplier on the capacity of every approval office — fibre
 * right-of-way, mast site and permit, and regions' own capacities — rounded to whole files,
 * at least one), or 'path:<path>' (the number at that path of the resolved scenario, e.g.
 * path:fibre.approvalOffice.capacity or path:regions.akmola.crews.fibre; a range is needed).
 *
 * @example
 *   const lever = buildLever(input, 'fibre-crews', { range: [0.5, 2] });
 *   lever.grid;            // [0.5, 0.55, 0.65, ...]: each gives a different number of crews
 *   lever.describe(1.5);   // '15 fibre crews in all; the scenario has 10'
 */
export function buildLever(input: ModelInput, id: string, o: LeverOptions = {}): Lever {
  if (o.range && !(Number.isFinite(o.range[0]) && Number.isFinite(o.range[1]) && o.range[0] < o.range[1])) {
    throw new LeverError(`the range must be two numbers low:high with low < high, got ${o.range.join(':')}`);
  }
  if (o.step !== undefined && !(o.step > 0)) throw new LeverError(`the step must be a positive number, got ${o.step}`);
  // A lever rounded to whole crews or files has one candidate per whole number: a step would be ignored.
  if (o.step !== undefined && (id === 'fibre-crews' || id === 'offices')) {
    throw new LeverError(`--step does not apply to ${id}: its candidates are the least multiplier of each whole number of ${id === 'offices' ? 'files' : 'crews'} (or, with a contract drawn from a distribution, every hundredth); give --step only with budget or a path lever`);
  }
  if (id.startsWith('path:')) return pathLever(input, id.slice(5), o);
  if (id === 'fibre-crews') return crewsLever(input, o);
  if (id === 'budget') return budgetLever(input, o);
  if (id === 'offices') return officesLever(input, o);
  throw new LeverError(`unknown lever '${id}'; expected fibre-crews, budget, offices or path:<a number in the scenario> (e.g. path:fibre.approvalOffice.capacity)`);
}

function multiplierRange(id: keyof typeof BUILT_IN_LEVERS, o: LeverOptions): [number, number] {
  const r = o.range ?? BUILT_IN_LEVERS[id].range;
  if (r[0] < 0) throw new LeverError(`a multiplier cannot be negative: the range of ${id} starts at ${r[0]}`);
  return r;
}

/**
 * Candidate multipliers for counts rounded to whole units: the range's low end and, for
 * each count c and whole k, the least 4-decimal multiplier that rounds c up to k; then one
 * value per distinct rounding (the least).
 */
export function roundedGrid(counts: readonly number[], range: [number, number], least: number): number[] {
  const [lo, hi] = range;
  const values = new Set<number>([lo]);
  for (const c of counts) {
    if (!(c > 0)) continue;
    for (let k = Math.max(least, Math.ceil(c * lo)); (k - 0.5) / c <= hi; k++) {
      const v = Math.ceil(((k - 0.5) / c) * 1e4 - 1e-9) / 1e4;
      if (v > lo && v <= hi) values.add(v);
    }
  }
  const key = (v: number) => counts.map((c) => scaled(c, v, least)).join(',');
  const out: number[] = [];
  let last = '';
  for (const v of [...values].sort((a, b) => a - b)) {
    const k = key(v);
    if (k !== last) out.push(v);
    last = k;
  }
  return out;
}

function regularGrid(range: [number, number], step: number): number[] {
  const [lo, hi] = range;
  const n = Math.floor((hi - lo) / step + 1e-9);
  if (n > 100_000) throw new LeverError(`a step of ${step} over ${lo}:${hi} makes ${n} candidate values; use a larger step`);
  const out: number[] = [];
  for (let i = 0; i <= n; i++) out.push(+(lo + i * step).toPrecision(12));
  if (out[out.length - 1] < hi - 1e-12 * Math.max(1, Math.abs(hi))) out.push(hi);
  return out;
}

/**
 * Every fibre crew times v: each region's at work at the start, those under contract
 * (`capacity.fibre.contracted`: a distribution scaled, per-region numbers rounded) and the
 * national pool's own — so that on a scenario whose crews come from a contract, as the
 * baseline's, the lever means more crews and not only more of 2025's (which the contract
 * counts as its own). The monthly rate at which a contract's crews arrive is not scaled.
 */
function crewsLever(input: ModelInput, o: LeverOptions): Lever {
  const counts = input.regions.map((r) => r.crews.fibre ?? 0);
  const total = counts.reduce((a, b) => a + b, 0);
  const contract = input.capacity?.fibre?.contracted;
  const perRegion = contract !== undefined && !isSpec(contract) ? Object.values(contract) : [];
  const national = input.nationalCrews?.crews.fibre ?? 0;
  if (total === 0 && contract === undefined && national === 0) throw new LeverError('the fibre-crews lever multiplies the fibre crews (the regions’, under contract and national), and this scenario has none');
  const range = multiplierRange('fibre-crews', o);
  // A contract drawn from a distribution moves with any multiplier (each future rounds its own draw): a regular grid.
  const continuous = contract !== undefined && isSpec(contract) && contract.dist !== 'fixed';
  const grid = continuous ? regularGrid(range, 0.01) : roundedGrid([...counts, ...perRegion, national, ...(contract !== undefined && isSpec(contract) && contract.dist === 'fixed' ? [contract.value] : [])], range, 0);
  return {
    id: 'fibre-crews', label: BUILT_IN_LEVERS['fibre-crews'].label, kind: 'multiplier', base: 1, range, grid,
    ...(continuous ? { step: 0.01 } : {}),
    apply(x, v) {
      const y = structuredClone(x);
      y.regions.forEach((r) => (r.crews.fibre = scaled(r.crews.fibre ?? 0, v, 0)));
      const c = y.capacity?.fibre;
      if (c) c.contracted = isSpec(c.contracted) ? scaleDistribution(c.contracted, v) : Object.fromEntries(Object.entries(c.contracted).map(([id, n]) => [id, scaled(n, v, 0)]));
      if (y.nationalCrews && y.nationalCrews.crews.fibre !== undefined) y.nationalCrews.crews.fibre = scaled(y.nationalCrews.crews.fibre, v, 0);
      return y;
    },
    describe: (v) => {
      const own = counts.reduce((a, c) => a + scaled(c, v, 0), 0);
      if (contract === undefined && national === 0) return `${own} fibre crews in all; the scenario has ${total}`;
      const parts = [`${own} fibre crews at work at the start (the scenario ${total})`];
      if (contract !== undefined) parts.push(`under contract ${crewsOf(isSpec(contract) ? scaleDistribution(contract, v) : perRegion.reduce((a, n) => a + scaled(n, v, 0), 0))} (the scenario ${crewsOf(isSpec(contract) ? contract : perRegion.reduce((a, n) => a + n, 0))})`);
      if (national > 0) parts.push(`${scaled(national, v, 0)} national (the scenario ${national})`);
      return parts.join('; ');
    },
  };
}

const isSpec = (c: unknown): c is DistributionSpec => typeof c === 'object' && c !== null && typeof (c as { dist?: unknown }).dist === 'string';

/** A number of crews or their distribution, for people: '11–47', '20', 'mean 30.5'. */
function crewsOf(c: number | DistributionSpec): string {
  const n = (x: number) => String(+x.toFixed(1));
  if (typeof c === 'number') return n(c);
  if (c.dist === 'fixed') return n(c.value);
  if (c.dist === 'uniform' || c.dist === 'triangular' || c.dist === 'pert') return `${n(c.min)}–${n(c.max)}`;
  return `mean ${n(distribution(c).mean)}`;
}

function budgetLever(input: ModelInput, o: LeverOptions): Lever {
  let total = 0;
  for (const b of moneyLines(input)) if (!b.unlimited) for (const a of Object.values(b.appropriations)) total += a;
  if (!(total > 0)) throw new LeverError('the budget lever multiplies the appropriations, and no programme of this scenario has limited money');
  const range = multiplierRange('budget', o);
  const money = (v: number) => Math.round(total * v).toLocaleString('en-US');
  return {
    id: 'budget', label: BUILT_IN_LEVERS.budget.label, kind: 'multiplier', base: 1, range,
    grid: regularGrid(range, o.step ?? 0.01), step: o.step ?? 0.01,
    apply(x, v) {
      const y = structuredClone(x);
      for (const b of moneyLines(y)) for (const year of Object.keys(b.appropriations)) b.appropriations[year] *= v;
      return y;
    },
    describe: (v) => `${money(v)} ${input.currency} appropriated in all; the scenario has ${money(1)}`,
  };
}

function officesLever(input: ModelInput, o: LeverOptions): Lever {
  const offices = [input.fibre.approvalOffice, input.mast?.siteOffice, input.mast?.permitOffice];
  const counts: number[] = [];
  offices.forEach((office) => { if (office && office.capacity !== null) counts.push(office.capacity); });
  for (const r of input.regions) for (const k of OFFICE_KEYS) { const c = r.offices?.[k]; if (c !== undefined && c !== null) counts.push(c); }
  if (counts.length === 0) throw new LeverError('the offices lever multiplies the approval offices’ capacities, and this scenario has no office with a limited capacity');
  const range = multiplierRange('offices', o);
  const names = ['fibre right-of-way', 'mast site', 'mast permit'];
  return {
    id: 'offices', label: BUILT_IN_LEVERS.offices.label, kind: 'multiplier', base: 1, range,
    grid: roundedGrid(counts, range, 1),
    apply(x, v) {
      const y = structuredClone(x);
      for (const office of [y.fibre.approvalOffice, y.mast?.siteOffice, y.mast?.permitOffice]) if (office && office.capacity !== null) office.capacity = scaled(office.capacity, v, 1);
      for (const r of y.regions) for (const k of OFFICE_KEYS) { const c = r.offices?.[k]; if (c !== undefined && c !== null) r.offices![k] = scaled(c, v, 1); }
      return y;
    },
    describe: (v) => offices
      .map((office, i) => (office && office.capacity !== null ? `${names[i]} ${scaled(office.capacity, v, 1)} files at once per region, the scenario ${office.capacity}` : null))
      .filter((s): s is string => s !== null).join('; ') || 'regions’ own office capacities scaled',
  };
}

/** Whole-number fields: a path lever on one of them moves in whole steps. */
const WHOLE = /(^|\.)crews\.(fibre|mast|satellite)$|(^|\.)capacity$|^regions\.[^.]+\.(settlements|connected)$|settlementsPerMast$|rebalanceEveryDays$|reportEveryDays$/;

/** The parent object and key of a path in the resolved scenario ('regions.akmola.crews.fibre': array items by id or index). */
function locate(input: ModelInput, path: string): { parent: Record<string, unknown>; key: string } {
  const segs = path.split('.');
  if (segs.some((s) => s === '')) throw new LeverError(`path '${path}' has an empty part; write it as e.g. fibre.approvalOffice.capacity`);
  let node: unknown = input;
  for (let i = 0; i < segs.length - 1; i++) {
    node = child(node, segs[i], segs.slice(0, i).join('.'), path);
  }
  const key = segs[segs.length - 1];
  if (Array.isArray(node)) {
    child(node, key, segs.slice(0, -1).join('.'), path); // names a missing item, if it is one
    throw new LeverError(`path '${path}' names a whole list item; name a number inside it`);
  }
  if (!node || typeof node !== 'object') throw new LeverError(`path '${path}': '${segs.slice(0, -1).join('.')}' is a number, not a section`);
  if (!(key in node)) throw new LeverError(`path '${path}': no '${key}' in ${segs.length > 1 ? `'${segs.slice(0, -1).join('.')}'` : 'the scenario'}; found ${Object.keys(node).join(', ') || 'nothing'}`);
  return { parent: node as Record<string, unknown>, key };
}

/** The item or field `seg` of `node`, which sits at `at` ('' = the top of the scenario). */
function child(node: unknown, seg: string, at: string, path: string): unknown {
  const where = at === '' ? 'the scenario' : `'${at}'`;
  if (Array.isArray(node)) {
    const byId = node.find((x) => x && typeof x === 'object' && (x as { id?: unknown }).id === seg);
    const item = byId ?? (/^\d+$/.test(seg) ? node[Number(seg)] : undefined);
    if (item === undefined) throw new LeverError(`path '${path}': no item '${seg}' at ${where} (items: ${node.map((x, i) => (x && typeof x === 'object' && 'id' in x ? String((x as { id: unknown }).id) : String(i))).join(', ')})`);
    return item;
  }
  if (node && typeof node === 'object') {
    if (!(seg in node)) throw new LeverError(`path '${path}': no '${seg}' in ${where}; found ${Object.keys(node).join(', ')}`);
    return (node as Record<string, unknown>)[seg];
  }
  throw new LeverError(`path '${path}': ${where} is a number, not a section`);
}

/** The number a path holds: a number, or a fixed distribution's value. */
function numberAt(input: ModelInput, path: string): { value: number; fixedDistribution: boolean } {
  const { parent, key } = locate(input, path);
  const v = parent[key];
  if (typeof v === 'number') return { value: v, fixedDistribution: false };
  if (v && typeof v === 'object' && (v as { dist?: unknown }).dist === 'fixed') return { value: (v as { value: number }).value, fixedDistribution: true };
  if (v && typeof v === 'object' && typeof (v as { dist?: unknown }).dist === 'string') {
    const params = Object.keys(v).filter((k) => k !== 'dist');
    throw new LeverError(`path '${path}' is a ${(v as { dist: string }).dist} distribution; name one of its numbers, e.g. ${path}.${params[0] ?? 'value'}`);
  }
  // A section (a per-method field is one as the model reads it: fibre.kmPerDay has buried and aerial): name its parts.
  if (v && typeof v === 'object' && !Array.isArray(v)) throw new LeverError(`path '${path}' is a section, not a number; name a number inside it: ${Object.keys(v).map((k) => `${path}.${k}`).join(', ')}`);
  throw new LeverError(`path '${path}' holds ${v === null ? 'null (no limit)' : JSON.stringify(v)?.slice(0, 60)}, not a number`);
}

function pathLever(input: ModelInput, path: string, o: LeverOptions): Lever {
  if (!o.range) throw new LeverError(`a path lever needs a range to search, e.g. --lever path:${path} --range 20:120`);
  const { value: base, fixedDistribution } = numberAt(input, path);
  const whole = WHOLE.test(path);
  const range = o.range;
  if (whole && !(Number.isInteger(range[0]) && Number.isInteger(range[1]) && (o.step === undefined || Number.isInteger(o.step)))) {
    throw new LeverError(`${path} is a whole number: give a range of whole numbers (and a whole step), got ${range.join(':')}${o.step !== undefined ? ` step ${o.step}` : ''}`);
  }
  // Crews, capacities and counts cannot be negative: the model would only fail on the first replication.
  if (whole && range[0] < 0) throw new LeverError(`${path} is a count and cannot be negative: give a range from 0 up, got ${range.join(':')}`);
  // Every quantity of a scenario is at least 0 (days, km, money, shares, rates, factors) but
  // the inflation rate: a value the scenario has at 0 or more is searched from 0 up, or the
  // search would run scenarios the loader refuses (a crew laying -1 km a day).
  if (range[0] < 0 && base >= 0 && !/^inflation(\.|$)/.test(path)) {
    throw new LeverError(`${path} is ${+base.toPrecision(6)} in the scenario and cannot be negative: give a range from 0 up, got ${range.join(':')}`);
  }
  const step = o.step ?? (whole || (Number.isInteger(base) && Number.isInteger(range[0]) && Number.isInteger(range[1]) && range[1] - range[0] <= 1000) ? 1 : (range[1] - range[0]) / 100);
  const apply = (x: ModelInput, v: number) => {
    const y = structuredClone(x);
    const { parent, key } = locate(y, path);
    if (fixedDistribution) (parent[key] as { value: number }).value = v;
    else parent[key] = v;
    return y;
  };
  // A parameter of a distribution (fibre.design.mode): at both ends of the range the
  // distribution must still be one (min <= mode <= max, sd >= 0...), checked by the
  // engine's own rules, or the search would fail part-way.
  for (const end of range) {
    const { parent } = locate(apply(input, end), path);
    if (typeof parent.dist === 'string') {
      const problems = checkDistribution(parent as unknown as DistributionSpec);
      if (problems.length > 0) throw new LeverError(`${path} at ${end}, the ${end === range[0] ? 'low' : 'high'} end of the range, makes ${path.split('.').slice(0, -1).join('.')} an invalid ${String(parent.dist)} distribution (${problems.join('; ')}): give a range within which it stays one`);
    }
  }
  return {
    id: `path:${path}`, label: path, kind: 'value', base, range,
    grid: regularGrid(range, step), step,
    apply,
    describe: (v) => `${path} = ${+v.toPrecision(6)}; the scenario has ${+base.toPrecision(6)}`,
  };
}
