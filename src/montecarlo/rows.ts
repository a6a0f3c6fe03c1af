import { FACTOR_DECLS, connectedAt, inputSummaryKeys, summaryFactorKinds, type CompiledModel, type ReplicationOutcome } from '../model/index.js';
import { layoutOf } from './aggregate.js';

/**
 * RowLayout — one replication's line of runs.csv, packed as numbers for cheap transfer
 * from workers, field by field: the replication, its events, settlements unfinished and
 * money committed; per target whether it was met, the day it was reached (-1 = not
 * reached) and the count at the deadline; per alternative reading of a target (in
 * CompiledModel.readings order) whether it was met and its count at its deadline; then the
 * replication's input summary (national
 * factors, risk occurrences, mean draws — see inputSummaryKeys); then its value of each
 * observation (input.observations, none without them). Everything that reads or writes a
 * row goes through these names.
 *
 * @example
 *   const L = RowLayout.of(m);
 *   rows[r * L.width + L.met(t)]   // 1 if replication r met target t
 */
export class RowLayout {
  readonly rep = 0;
  readonly events = 1;
  readonly unfinished = 2;
  readonly spend = 3;
  private readonly targets0 = 4;
  readonly nTargets: number;
  readonly nReadings: number;
  readonly nInputs: number;
  readonly nObserved: number;
  /** Numbers per row. */
  readonly width: number;

  private constructor(m: CompiledModel) {
    this.nTargets = m.targets.length;
    this.nReadings = m.readings.length;
    this.nInputs = inputSummaryKeys(m).length;
    this.nObserved = m.input.observations?.length ?? 0;
    this.width = this.targets0 + 3 * this.nTargets + 2 * this.nReadings + this.nInputs + this.nObserved;
  }

  private static readonly cache = new WeakMap<CompiledModel, RowLayout>();
  static of(m: CompiledModel): RowLayout {
    let l = RowLayout.cache.get(m);
    if (!l) RowLayout.cache.set(m, (l = new RowLayout(m)));
    return l;
  }

  met(t: number): number { return this.targets0 + 3 * t; }
  reachedDay(t: number): number { return this.targets0 + 3 * t + 1; }
  countAtDeadline(t: number): number { return this.targets0 + 3 * t + 2; }
  /** Alternative reading k (CompiledModel.readings): met, and its count at its deadline. */
  readingMet(k: number): number { return this.targets0 + 3 * this.nTargets + 2 * k; }
  readingCount(k: number): number { return this.targets0 + 3 * this.nTargets + 2 * k + 1; }
  /** The k-th entry of the input summary. */
  input(k: number): number { return this.targets0 + 3 * this.nTargets + 2 * this.nReadings + k; }
  /** The replication's value of the k-th observation. */
  observed(k: number): number { return this.targets0 + 3 * this.nTargets + 2 * this.nReadings + this.nInputs + k; }
}

/** Numbers per packed row (RowLayout.width). */
export const rowWidth = (m: CompiledModel): number => RowLayout.of(m).width;

/** Packs replication outcome `o` into `out` at offset `at`. */
export function packRow(L: RowLayout, o: ReplicationOutcome, out: Float64Array, at: number): void {
  let unfinished = 0;
  for (let j = 0; j < o.completion.length; j++) if (connectedAt(o, j) === Infinity) unfinished++;
  let spend = 0;
  for (let i = 0; i < o.spend.length; i++) spend += o.spend[i];
  out[at + L.rep] = o.rep;
  out[at + L.events] = o.events;
  out[at + L.unfinished] = unfinished;
  out[at + L.spend] = spend;
  for (let t = 0; t < L.nTargets; t++) {
    out[at + L.met(t)] = o.met[t];
    out[at + L.reachedDay(t)] = o.reachedDay[t];
    out[at + L.countAtDeadline(t)] = o.countAtDeadline[t];
  }
  for (let k = 0; k < L.nReadings; k++) {
    out[at + L.readingMet(k)] = o.altMet[k];
    out[at + L.readingCount(k)] = o.altCount[k];
  }
  out.set(o.inputSummary, at + L.input(0));
  out.set(o.observed, at + L.observed(0));
}

/** runs.csv shows the drawn national factors and risk occurrences (not the mean draws). */
const csvInputs = (m: CompiledModel) => summaryFactorKinds(m.input).length + (m.input.risks?.length ?? 0);

/** runs.csv header. */
export function runsCsvHeader(m: CompiledModel): string {
  const cols = ['replication'];
  for (const t of m.targets) {
    cols.push(`${t.id}_met`, `${t.id}_date_reached`, `${t.id}_value_at_deadline`);
    for (const a of t.alternatives) cols.push(`${t.id}.${a.id}_met`, `${t.id}.${a.id}_value_at_deadline`);
  }
  cols.push(`total_spend_${m.input.currency.replace(/\W+/g, '_')}`, 'unfinished_settlements', 'events');
  cols.push(...summaryFactorKinds(m.input).map((k) => FACTOR_DECLS[k].column), ...(m.input.risks ?? []).map((r) => `risk_${r.id}_occurrences`));
  return cols.join(',') + '\n';
}

/** A reading's value in runs.csv: its share of what it is taken over, or the count itself for a count. */
const csvValue = (count: number, size: number, isCount: boolean) => (isCount ? count : +(count / size).toFixed(6));

/** runs.csv lines for `count` packed rows. */
export function runsCsvLines(m: CompiledModel, targetSizes: number[], rows: Float64Array, count: number): string {
  const L = RowLayout.of(m);
  const readingSizes = m.readings.length > 0 ? layoutOf(m).readingSizes : [];
  let s = '';
  for (let r = 0; r < count; r++) {
    const at = r * L.width;
    const cols: (string | number)[] = [rows[at + L.rep]];
    m.targets.forEach((target, t) => {
      const day = rows[at + L.reachedDay(t)];
      cols.push(rows[at + L.met(t)], day < 0 ? '' : m.calendar.toIso(day), csvValue(rows[at + L.countAtDeadline(t)], targetSizes[t], target.count));
      target.alternatives.forEach((a, x) => {
        const k = target.firstReading + x;
        cols.push(rows[at + L.readingMet(k)], csvValue(rows[at + L.readingCount(k)], readingSizes[k], a.count));
      });
    });
    cols.push(+rows[at + L.spend].toFixed(3), rows[at + L.unfinished], rows[at + L.events]);
    for (let k = 0; k < csvInputs(m); k++) cols.push(+rows[at + L.input(k)].toFixed(6));
    s += cols.join(',') + '\n';
  }
  return s;
}
