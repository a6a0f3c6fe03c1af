import { compileModel, DELIVERY_KINDS, inputSummaryKeys, type CompiledModel, type ModelInput } from '../model/index.js';
import { canonicalJson, sha256Hex } from '../scenario/index.js';
import { Aggregate, layoutOf, type AggregateState } from './aggregate.js';
import { decodeCounts, encodeCounts } from './sparse.js';
import { costTallyFromJson, costTallyToJson, type CostTallyState } from './cost-tally.js';
import type { CostHistogramState } from './cost-histogram.js';

/** A cost tally read back from partial.json, or why it cannot be. */
function readCostTally(v: unknown): CostTallyState | string {
  try {
    return costTallyFromJson(v);
  } catch {
    return 'expected the cost histograms of every budget year (base64 arrays)';
  }
}
import { runsCsvHeader } from './rows.js';
import { shardRange } from './shard-spec.js';
import type { ScenarioIdentity } from './result.js';
import { ConvergenceTracker } from './convergence.js';
import { summarize } from './summarize.js';
import type { RunResult } from './result.js';
import { VERSION } from './version.js';
import { buildFingerprint } from './code-fingerprint.js';
import { annotateResult, type Annotations } from './annotate.js';
import { DriversTracker, type DriverSample } from './drivers.js';

export { parseShard, shardRange } from './shard-spec.js';

/**
 * A shard's partial result (partial.json): the aggregate of its replications, their
 * targets met (for the convergence trace), and everything needed to finish the run
 * elsewhere — the resolved scenario, its identity, seed, total runs, tool version.
 */
export interface PartialResult {
  kind: 'rollout-partial';
  version: string;
  /** The fingerprint of the code that ran it (buildFingerprint): shards of two builds of one version are not merged. */
  build: string;
  scenario: ScenarioIdentity;
  input: ModelInput;
  seed: number;
  runs: number;
  shard: { index: number; count: number; from: number; to: number };
  aggregate: AggregateState;
  /** Per replication of the shard, per target: 1 if met. */
  met: Uint8Array;
  /**
   * The sha256 of the shard's runs.csv as the shard wrote it, so the merge copies into the
   * merged runs.csv exactly those bytes (an edited value, CR line ends or a cut last line are
   * refused). Absent only in a partial result that was never written (checkRunsCsv then
   * checks the rows alone).
   */
  runsCsvSha256?: string;
  /** The scenario's notes and the SOURCES.md they cite, so the merged report says where its numbers come from as a single run's does. */
  annotations?: Annotations;
  /**
   * What the shard's replications among the run's first DRIVER_SAMPLE drew and reached
   * (DriversTracker.sample), so the merge finds what drives the risk and what goes wrong
   * together exactly as a single run does. Absent in a partial result written before it.
   */
  drivers?: DriverSample;
}

/** A Float64Array as base64 of its bytes (little-endian, as every machine rollout runs on): exact, and a third the size of decimals. */
const f64ToBase64 = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
function f64FromBase64(text: string): Float64Array | null {
  const b = Buffer.from(text, 'base64');
  if (b.length % 8 !== 0) return null;
  const out = new Float64Array(b.length / 8);
  new Uint8Array(out.buffer).set(b);
  return out;
}

/**
 * JSON of a partial result: the aggregate's mostly-zero histograms in the sparse form of
 * ./sparse.ts, and last a `checksum`: the sha256 of the file's text before it (with the
 * object closed there), so that any change to the file — a count, a name, a sample of the
 * drivers, a field removed — is refused by the merge, not only the changes that leave the
 * file inconsistent in itself. (A guard against edits and damage, not a signature: whoever
 * edits the file on purpose can recompute it.)
 */
export function partialToJson(p: PartialResult): string {
  const aggregate: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p.aggregate)) aggregate[k] = k === 'cost' ? costTallyToJson(v as CostTallyState) : v instanceof Float64Array ? encodeCounts(v) : v;
  const drivers = p.drivers ? { n: p.drivers.n, inputs: f64ToBase64(p.drivers.inputs), values: f64ToBase64(p.drivers.values) } : undefined;
  const body = JSON.stringify({ ...p, aggregate, met: Buffer.from(p.met).toString('base64'), drivers });
  return `${body.slice(0, -1)},"checksum":"${sha256Hex(body)}"}\n`;
}

/** The checksum partialToJson ends a partial result with: the text before it closed with '}', and the sha256 it records. */
const CHECKSUM = /,"checksum":"([0-9a-f]{64})"\}\n?$/;

/** A problem with the partial results given to merge (a user mistake: exit status 2). */
export class MergeError extends Error {}

/** What a scenario's `name` may be (scenarios/schema.json). */
const SCENARIO_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;
const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
const whole = (x: unknown, min = 0): x is number => Number.isSafeInteger(x) && (x as number) >= min;

/**
 * Reads partial.json and checks that it is a partial result this version of rollout
 * wrote and that it is consistent in itself (checkPartial): anything else is a MergeError
 * naming the file and what is wrong.
 */
export function partialFromJson(text: string, where: string): PartialResult {
  const bad = (what: string): never => { throw new MergeError(`${where}: ${what}`); };
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch {
    return bad("expected a partial result written by 'rollout run --shard', found text that is not JSON");
  }
  if (!isObject(j)) return bad("expected a partial result written by 'rollout run --shard', found JSON that is not an object");
  if (j.kind !== 'rollout-partial') return bad(`expected a partial result written by 'rollout run --shard' (kind 'rollout-partial'), found kind ${JSON.stringify(j.kind) ?? 'none'}`);
  if (j.version !== VERSION) return bad(`written by rollout ${JSON.stringify(j.version)}, but this is rollout ${VERSION}: run every shard and the merge with the same version`);
  if (j.build !== buildFingerprint()) return bad(`written by another build of rollout ${VERSION} (its code's fingerprint ${JSON.stringify(j.build) ?? 'none'}, this one's ${buildFingerprint()}): the numbers of two builds may differ, so run every shard and the merge with the same build`);
  if (!isObject(j.scenario) || typeof j.scenario.sha256 !== 'string' || typeof j.scenario.name !== 'string' || typeof j.scenario.file !== 'string') return bad('has no scenario identity (name, file, sha256)');
  if (!isObject(j.input)) return bad('has no resolved scenario');
  // The name makes the merge's default output folder, output/<name>/: only a scenario's name
  // (as the schema allows it), the embedded scenario's own, never a path such as '../..'.
  if (!SCENARIO_NAME.test(j.scenario.name) || j.input.name !== j.scenario.name) return bad(`its scenario's name ${JSON.stringify(j.scenario.name)} is not the name of the scenario it embeds (${JSON.stringify(j.input.name) ?? 'none'}) or not a scenario's name (lower-case Latin letters, digits and hyphens, at most 64)`);
  if (!whole(j.seed)) return bad(`its seed is ${JSON.stringify(j.seed)}, not a whole number >= 0`);
  if (!whole(j.runs, 1)) return bad(`its total number of runs is ${JSON.stringify(j.runs)}, not a whole number >= 1`);
  const sh = j.shard;
  if (!isObject(sh) || !whole(sh.index, 1) || !whole(sh.count, 1) || !whole(sh.from) || !whole(sh.to)) return bad('has no valid shard (index, count, from, to)');
  if (!isObject(j.aggregate)) return bad('has no aggregate');
  const aggregate: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(j.aggregate)) {
    if (k === 'cost') {
      const cost = readCostTally(v);
      if (typeof cost === 'string') return bad(`aggregate.cost: ${cost}`);
      aggregate[k] = cost;
    } else if (isObject(v) && 'data' in v) {
      const decoded = decodeCounts(v);
      if (typeof decoded === 'string') return bad(`aggregate.${k}: ${decoded}`);
      aggregate[k] = decoded;
    } else aggregate[k] = v;
  }
  if (typeof j.met !== 'string') return bad('has no per-replication targets met');
  if (j.annotations !== undefined) {
    const wrong = annotationsProblem(j.annotations);
    if (wrong) return bad(`annotations: ${wrong}`);
  }
  if (j.runsCsvSha256 !== undefined && (typeof j.runsCsvSha256 !== 'string' || !/^[0-9a-f]{64}$/.test(j.runsCsvSha256))) return bad('its runsCsvSha256 is not a sha256 (64 hexadecimal digits)');
  const { drivers: rawDrivers, checksum: _checksum, ...rest } = j;
  const partial: PartialResult = { ...(rest as unknown as PartialResult), aggregate: aggregate as unknown as AggregateState, met: new Uint8Array(Buffer.from(j.met, 'base64')) };
  const m = checkPartial(partial, where);
  if (rawDrivers !== undefined) {
    const d = rawDrivers;
    const kept = DriversTracker.keptInShard(partial.runs, partial.shard.from, partial.shard.to);
    if (!isObject(d) || d.n !== kept || typeof d.inputs !== 'string' || typeof d.values !== 'string') return bad(`drivers: expected the ${kept} replications of the shard among the run's first ${DriversTracker.keptOf(partial.runs)} (n, inputs, values)`);
    const inputs = f64FromBase64(d.inputs), values = f64FromBase64(d.values);
    if (!inputs || inputs.length !== inputSummaryKeys(m).length * kept) return bad(`drivers.inputs: expected ${inputSummaryKeys(m).length * kept} numbers (${inputSummaryKeys(m).length} inputs × ${kept} replications)`);
    if (!values || values.length !== m.targets.length * kept) return bad(`drivers.values: expected ${m.targets.length * kept} numbers (${m.targets.length} targets × ${kept} replications)`);
    partial.drivers = { n: kept, inputs, values };
  }
  // Last, so that what is inconsistent is named above: the file's text is the text written.
  const sum = CHECKSUM.exec(text);
  if (!sum) return bad("does not end with its checksum (the sha256 of its text, which 'rollout run --shard' writes last): it was changed after it was written, or written by an older build of rollout; run the shard again");
  if (sha256Hex(text.slice(0, sum.index) + '}') !== sum[1]) return bad("its text does not match its checksum: the file was changed or damaged after 'rollout run --shard' wrote it (a count, a name, the drivers' sample...); run the shard again");
  if (typeof j.runsCsvSha256 !== 'string') return bad("records no sha256 of its runs.csv (runsCsvSha256); run the shard again");
  return partial;
}

const strings = (x: unknown, keys: readonly string[]) => isObject(x) && keys.every((k) => typeof x[k] === 'string');

/** What is wrong with a partial result's annotations (the scenario's notes and its SOURCES.md), or null. */
function annotationsProblem(a: unknown): string | null {
  if (!isObject(a) || !Array.isArray(a.sources)) return 'expected the scenario\'s notes (a list)';
  if (!a.sources.every((x) => strings(x, ['path', 'value', 'note', 'file']))) return 'every note needs a path, value, note and file (text)';
  if (a.catalogue === undefined) return null;
  const c = a.catalogue;
  if (!isObject(c) || typeof c.file !== 'string' || typeof c.relative !== 'boolean' || !Array.isArray(c.entries)) return 'expected a catalogue of sources (file, relative, entries)';
  if (!c.entries.every((e) => strings(e, ['id', 'title', 'publisher', 'date', 'link', 'section']))) return 'every source needs an id, title, publisher, date, link and section (text)';
  return null;
}

/**
 * Checks a partial result against itself: the scenario's sha256 recomputed from the
 * embedded scenario; the shard's replication range is the one its index gives; the
 * aggregate has the scenario's layout, holds exactly the shard's replications, and every
 * count is a whole number >= 0; every histogram (date reached, value at the deadline, each
 * series at each report date, each region's fibre ceiling) counts each replication once; the sums and the targets met
 * agree with the histograms and with the per-replication record.
 */
export function checkPartial(p: PartialResult, where: string): CompiledModel {
  const bad = (what: string): never => { throw new MergeError(`${where}: ${what}; the file was changed or damaged after 'rollout run --shard' wrote it`); };
  const sha = sha256Hex(canonicalJson(p.input));
  if (sha !== p.scenario.sha256) bad(`the embedded scenario's sha256 is ${sha.slice(0, 12)}..., not the ${p.scenario.sha256.slice(0, 12)}... it is recorded under`);
  const { index, count, from, to } = p.shard;
  if (!(index <= count && count <= p.runs)) bad(`shard ${index}/${count} does not exist in a run of ${p.runs}`);
  const [f, t] = shardRange(p.runs, index, count);
  if (from !== f || to !== t) bad(`shard ${index}/${count} of ${p.runs} runs replications ${f}-${t - 1}, but it says ${from}-${to - 1}`);
  let m: CompiledModel;
  try {
    m = compileModel(p.input);
  } catch (e) {
    return bad(`its scenario cannot be compiled (${(e as Error).message})`);
  }
  const a = p.aggregate;
  const runs = to - from;
  const fresh = new Aggregate(layoutOf(m)).state() as unknown as Record<string, unknown>;
  if (canonicalJson(a.layout) !== canonicalJson(fresh.layout)) bad("its aggregate's layout is not its scenario's");
  if (a.runs !== runs) bad(`its aggregate counts ${JSON.stringify(a.runs)} replications, but the shard has ${runs}`);
  for (const k of ['jointMet', 'events', 'unfinished'] as const) if (!whole(a[k])) bad(`aggregate.${k} is ${JSON.stringify(a[k])}, not a whole number >= 0`);
  for (const [k, v] of Object.entries(fresh)) {
    if (!(v instanceof Float64Array)) continue;
    const got = (a as unknown as Record<string, unknown>)[k];
    if (!(got instanceof Float64Array)) bad(`aggregate.${k} is missing`);
    if ((got as Float64Array).length !== v.length) bad(`aggregate.${k} has ${(got as Float64Array).length} entries, the scenario's layout ${v.length}`);
  }
  const L = a.layout;
  const sum = (x: Float64Array, at: number, n: number) => { let s = 0; for (let i = 0; i < n; i++) s += x[at + i]; return s; };
  const nT = L.nTargets;
  for (let k = 0; k < nT; k++) {
    const id = m.targets[k].id;
    if (sum(a.reached, k * (L.horizonDays + 1), L.horizonDays + 1) !== runs) bad(`target '${id}': its dates reached do not count each of the ${runs} replications once`);
    if (sum(a.atDeadline, offsetOf(L.targetSizes, k), L.targetSizes[k] + 1) !== runs) bad(`target '${id}': its values at the deadline do not count each of the ${runs} replications once`);
  }
  // The series are stored as changes between report dates: rebuild each date's histogram.
  const rebuilt = Aggregate.fromState(a), series = rebuilt.seriesHistograms(), seriesSum = rebuilt.seriesSums();
  for (let s = 0; s < L.seriesSizes.length; s++) {
    const w = L.seriesSizes[s] + 1, base = offsetOf(L.seriesSizes, s, L.nGrid);
    for (let g = 0; g < L.nGrid; g++) {
      let n = 0, total = 0;
      for (let c = 0; c < w; c++) { const h = series[base + g * w + c]; n += h; total += c * h; if (h < 0) n = NaN; }
      if (n !== runs) bad(`series '${m.series[s].id}', report date ${g + 1}: the histogram counts ${n} replications, not ${runs}`);
      if (total !== seriesSum[s * L.nGrid + g]) bad(`series '${m.series[s].id}', report date ${g + 1}: the sum ${seriesSum[s * L.nGrid + g]} does not match its histogram (${total})`);
    }
  }
  if (sum(a.unfinishedByStage, 0, a.unfinishedByStage.length) !== a.unfinished) bad('the settlements unfinished by stage do not add up to the unfinished total');
  for (let r = 0; r < L.nRegions; r++) {
    if (sum(a.fibreCeiling, offsetOf(L.regionSizes, r), L.regionSizes[r] + 1) !== runs) bad(`region '${m.regionIds[r]}': its fibre ceilings do not count each of the ${runs} replications once`);
  }
  // Deliveries per calendar year: one histogram per kind and year, each counting every replication once.
  L.deliverySizes.forEach((size, k) => {
    for (let y = 0; y < L.years; y++) {
      if (sum(a.delivered, rebuilt.deliveryOffset(k, y), size + 1) !== runs) bad(`deliveries (${DELIVERY_KINDS[k]}), budget year ${y + 1}: the histogram does not count each of the ${runs} replications once`);
    }
  });
  // The money: one cumulative cost histogram per budget year, each counting every replication once.
  if (!a.cost || a.cost.cumulative.length !== L.years || a.cost.counted.length !== L.years) bad(`aggregate.cost must have one histogram per budget year (${L.years}), of every programme and of the counted ones`);
  const histogram = (h: CostHistogramState, what: string, count: (n: number) => boolean, expected: string) => {
    if (!(h.keys.length === h.counts.length && h.counts.length === h.positions.length) || !h.counts.every((c) => whole(c, 1)) || !h.positions.every((x) => whole(x))) bad(`aggregate.cost, ${what}: not a histogram of whole counts`);
    const n = sum(h.counts, 0, h.counts.length);
    if (!count(n)) bad(`aggregate.cost, ${what}: the histogram counts ${n} replications, not ${expected}`);
  };
  a.cost.cumulative.forEach((h, y) => histogram(h, `budget year ${y + 1}`, (n) => n === runs, String(runs)));
  a.cost.counted.forEach((h, y) => histogram(h, `counted programmes, budget year ${y + 1}`, (n) => n === runs, String(runs)));
  histogram(a.cost.carriedIn, 'money carried in', () => true, '');
  histogram(a.cost.carriedShort, 'money committed beyond what was carried in', () => true, '');
  const carried = sum(a.cost.carriedIn.counts, 0, a.cost.carriedIn.counts.length) + sum(a.cost.carriedShort.counts, 0, a.cost.carriedShort.counts.length);
  if (carried !== 0 && carried !== runs) bad(`aggregate.cost: the money carried in counts ${carried} replications, not 0 or ${runs}`);
  if (!whole(a.cost.withinMoneyAndMet) || a.cost.withinMoneyAndMet > a.jointMet) bad(`aggregate.cost.withinMoneyAndMet is ${JSON.stringify(a.cost.withinMoneyAndMet)}, not a whole number up to the ${a.jointMet} replications meeting every target`);
  // The per-replication record of targets met must agree with the aggregate.
  if (p.met.length !== runs * nT) bad(`its record of targets met has ${p.met.length} entries, not ${runs} replications x ${nT} targets`);
  const met = new Array<number>(nT).fill(0);
  let joint = 0;
  for (let r = 0; r < runs; r++) {
    let all = 1;
    for (let k = 0; k < nT; k++) {
      const v = p.met[r * nT + k];
      if (v > 1) bad(`its record of targets met holds ${v} (replication ${from + r}), not 0 or 1`);
      met[k] += v;
      all &= v;
    }
    joint += all;
  }
  for (let k = 0; k < nT; k++) if (met[k] !== a.met[k]) bad(`target '${m.targets[k].id}' is met in ${a.met[k]} replications by the aggregate but in ${met[k]} by the per-replication record`);
  if (joint !== a.jointMet) bad(`all targets are met in ${a.jointMet} replications by the aggregate but in ${joint} by the per-replication record`);
  return m;
}

/** Offset of histogram k in a block of histograms of sizes[i] + 1 bins (times `times`). */
function offsetOf(sizes: number[], k: number, times = 1): number {
  let o = 0;
  for (let i = 0; i < k; i++) o += (sizes[i] + 1) * times;
  return o;
}

/**
 * Checks a shard's runs.csv against its partial result: the header is the scenario's,
 * every line ends in '\n' (no CR, no cut last line), there is exactly one row per
 * replication of the shard, in order, each row's targets met agree with the partial
 * result, and the text is the one whose sha256 the partial result records. Returns what
 * is wrong, or null.
 */
export function checkRunsCsv(p: PartialResult, m: CompiledModel, text: string): string | null {
  if (text.includes('\r')) return "it has CR line ends (\\r\\n), which rollout never writes: it was converted after the shard wrote it (an editor, a transfer in text mode, git's autocrlf)";
  if (text !== '' && !text.endsWith('\n')) return 'its last line has no line end: the file was cut short or edited';
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines[0] + '\n' !== runsCsvHeader(m)) return "its header is not the scenario's runs.csv header";
  const { from, to } = p.shard;
  const rows = lines.length - 1;
  if (rows !== to - from) return `it has ${rows} rows, but the shard ran ${to - from} replications (${from}-${to - 1})`;
  const nT = m.targets.length;
  const header = lines[0].split(',');
  const width = header.length;
  // Each target's `_met` column by name (a target's readings add columns after its own).
  const metColumn = m.targets.map((t) => header.indexOf(`${t.id}_met`));
  for (let r = 0; r < rows; r++) {
    const cells = lines[r + 1].split(',');
    if (cells.length !== width) return `row ${r + 2} has ${cells.length} fields, not ${width}`;
    if (cells[0] !== String(from + r)) return `row ${r + 2} is replication ${cells[0]}, expected ${from + r} (each replication of the shard once, in order)`;
    for (let k = 0; k < nT; k++) {
      const met = cells[metColumn[k]];
      if (met !== String(p.met[r * nT + k])) return `row ${r + 2}: target '${m.targets[k].id}' met is ${met}, but partial.json records ${p.met[r * nT + k]}`;
    }
  }
  if (p.runsCsvSha256 !== undefined) {
    const sha = sha256Hex(text);
    if (sha !== p.runsCsvSha256) return `its sha256 is ${sha.slice(0, 12)}..., not the ${p.runsCsvSha256.slice(0, 12)}... partial.json records: a value in it was changed after the shard wrote it`;
  }
  return null;
}

/**
 * Combines the partial results of every shard of one run into the result a single machine
 * would have produced: the shards must be of the same scenario (sha256), seed, total runs
 * and tool version, and cover every replication exactly once.
 */
export function mergePartials(parts: { partial: PartialResult; where: string }[]): RunResult {
  if (parts.length === 0) throw new MergeError('merge needs at least one partial result');
  const first = parts[0];
  for (const { partial: p, where } of parts.slice(1)) {
    const f = first.partial;
    const same = (what: string, a: unknown, b: unknown) => {
      if (a !== b) throw new MergeError(`${where}: ${what} is ${JSON.stringify(b)}, but ${first.where} has ${JSON.stringify(a)}; all shards must come from the same run`);
    };
    same('the scenario sha256', f.scenario.sha256, p.scenario.sha256);
    same('the seed', f.seed, p.seed);
    same('the total number of runs', f.runs, p.runs);
    same('the shard count', f.shard.count, p.shard.count);
    same('the tool version', f.version, p.version);
    if (canonicalJson(f.annotations ?? null) !== canonicalJson(p.annotations ?? null)) {
      throw new MergeError(`${where}: the scenario's notes or its SOURCES.md differ from ${first.where}'s; all shards must come from the same run of the same files`);
    }
  }
  const sorted = [...parts].sort((a, b) => a.partial.shard.from - b.partial.shard.from);
  let next = 0;
  for (const { partial: p, where } of sorted) {
    if (p.shard.from !== next) {
      throw new MergeError(p.shard.from > next
        ? `replications ${next}-${p.shard.from - 1} are missing (no shard covers them); ${where} starts at ${p.shard.from}`
        : `${where} repeats replications ${p.shard.from}-${next - 1} (shard ${p.shard.index}/${p.shard.count} given twice?)`);
    }
    next = p.shard.to;
  }
  const f = first.partial;
  if (next !== f.runs) throw new MergeError(`replications ${next}-${f.runs - 1} are missing: the shards cover only ${next} of ${f.runs}`);

  const m = compileModel(f.input);
  const agg = new Aggregate(sorted[0].partial.aggregate.layout);
  const tracker = new ConvergenceTracker(m);
  for (const { partial: p } of sorted) {
    agg.merge(p.aggregate);
    tracker.feedMet(p.met, p.shard.to - p.shard.from);
  }
  const result = summarize(m, agg, { identity: f.scenario, seed: f.seed, version: VERSION });
  result.convergence = tracker.points();
  // What drives the risk and what goes wrong together, from the shards' samples in replication order (as a single run keeps them).
  if (sorted.every(({ partial: p }) => p.drivers)) {
    const drivers = new DriversTracker(m, f.runs, layoutOf(m).targetSizes);
    for (const { partial: p } of sorted) drivers.absorb(p.drivers!, p.met);
    result.drivers = drivers.result();
  }
  if (f.annotations) annotateResult(result, f.annotations);
  return result;
}
