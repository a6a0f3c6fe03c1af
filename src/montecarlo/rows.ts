import { inputSummaryKeys, type CompiledModel, type ReplicationOutcome } from '../model/index.js';

/**
 * One replication's line of runs.csv, packed as numbers for cheap transfer from workers:
 * [rep, events, unfinished, spend, then per target: met, reachedDay (-1 = not reached),
 * countAtDeadline, then the replication's input summary (national factors, risk
 * occurrences, mean draws — see inputSummaryKeys), then its value of each observation
 * (input.observations, none without them)].
 */
export const ROW_FIXED = 4;
export const inputColumns = (m: CompiledModel) => inputSummaryKeys(m).length;
const observedColumns = (m: CompiledModel) => m.input.observations?.length ?? 0;
export const rowWidth = (m: CompiledModel) => ROW_FIXED + 3 * m.targets.length + inputColumns(m) + observedColumns(m);
/** Offset of the input summary within a row. */
export const inputOffset = (m: CompiledModel) => ROW_FIXED + 3 * m.targets.length;
/** Offset of the observations' simulated values within a row. */
export const observedOffset = (m: CompiledModel) => inputOffset(m) + inputColumns(m);

export function packRow(o: ReplicationOutcome, out: Float64Array, at: number): void {
  let unfinished = 0;
  for (let j = 0; j < o.completion.length; j++) if (o.completion[j] === Infinity) unfinished++;
  let spend = 0;
  for (let i = 0; i < o.spend.length; i++) spend += o.spend[i];
  out[at] = o.rep;
  out[at + 1] = o.events;
  out[at + 2] = unfinished;
  out[at + 3] = spend;
  for (let t = 0; t < o.met.length; t++) {
    out[at + ROW_FIXED + 3 * t] = o.met[t];
    out[at + ROW_FIXED + 3 * t + 1] = o.reachedDay[t];
    out[at + ROW_FIXED + 3 * t + 2] = o.countAtDeadline[t];
  }
  out.set(o.inputSummary, at + ROW_FIXED + 3 * o.met.length);
  out.set(o.observed, at + ROW_FIXED + 3 * o.met.length + o.inputSummary.length);
}

/** runs.csv shows the drawn national factors and risk occurrences (not the mean draws). */
const csvInputs = (m: CompiledModel) => 3 + (m.input.risks?.length ?? 0);

/** runs.csv header. */
export function runsCsvHeader(m: CompiledModel): string {
  const cols = ['replication'];
  for (const t of m.targets) cols.push(`${t.id}_met`, `${t.id}_date_reached`, `${t.id}_value_at_deadline`);
  cols.push(`total_spend_${m.input.currency.replace(/\W+/g, '_')}`, 'unfinished_settlements', 'events');
  cols.push('factor_productivity', 'factor_cost_overrun', 'factor_permit_delay', ...(m.input.risks ?? []).map((r) => `risk_${r.id}_occurrences`));
  return cols.join(',') + '\n';
}

/** runs.csv lines for `count` packed rows. */
export function runsCsvLines(m: CompiledModel, targetSizes: number[], rows: Float64Array, count: number): string {
  const w = rowWidth(m);
  let s = '';
  for (let r = 0; r < count; r++) {
    const at = r * w;
    const cols: (string | number)[] = [rows[at]];
    m.targets.forEach((_, t) => {
      const day = rows[at + ROW_FIXED + 3 * t + 1];
      cols.push(rows[at + ROW_FIXED + 3 * t], day < 0 ? '' : m.calendar.toIso(day), +(rows[at + ROW_FIXED + 3 * t + 2] / targetSizes[t]).toFixed(6));
    });
    cols.push(+rows[at + 3].toFixed(3), rows[at + 2], rows[at + 1]);
    const io = at + inputOffset(m);
    for (let k = 0; k < csvInputs(m); k++) cols.push(+rows[io + k].toFixed(6));
    s += cols.join(',') + '\n';
  }
  return s;
}
