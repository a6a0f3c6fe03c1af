import type { CompiledModel } from '../model/index.js';
import type { Aggregate } from './aggregate.js';
import { programmeMoney } from './money.js';
import type { CostResult, Summary } from './result.js';
import { r6 } from './round.js';
import { intervalOf } from './interval-of.js';

/** Money rounded to 1/1000 of the currency unit (what summary.json shows). */
const r3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The money side of a finished run: summary.json's `cost` (P10/P50/P80/P90 and mean of
 * the total committed to the horizon) and `jointCostSchedule` (the JCL: every target met
 * and the counted programmes within the programme's money; null when no programme states
 * appropriations), and the report's S-curve (cumulative commitments by the end of each
 * budget year, with the money appropriated by then).
 */
export function summarizeCost(m: CompiledModel, agg: Aggregate, intervalRuns?: number): { cost: Summary['cost']; jointCostSchedule: Summary['jointCostSchedule']; result: CostResult } {
  const runs = agg.runs;
  const tally = agg.cost;
  const money = programmeMoney(m);
  const total = tally.cumulative[tally.cumulative.length - 1];
  const q = (p: number) => (runs > 0 && total ? r3(total.quantile(p)) : 0);
  let sum = 0;
  for (let i = 0; i < agg.spendMilli.length; i++) sum += agg.spendMilli[i];
  const cost = { currency: m.input.currency, p10: q(0.1), p50: q(0.5), p80: q(0.8), p90: q(0.9), mean: runs > 0 ? r3(sum / 1000 / runs) : 0 };

  const jointCostSchedule = money.budget === null || runs === 0
    ? { budget: null, probability: null, ci95: null }
    : { budget: r3(money.budget), probability: r6(tally.withinMoneyAndMet / runs), ci95: intervalOf(tally.withinMoneyAndMet, runs, intervalRuns) };

  let appropriated = 0;
  const byYear = tally.cumulative.map((h, y) => {
    const year = m.firstYear + y;
    for (const id of money.counted) appropriated += m.financing.programmes[m.financing.index.get(id)!].appropriations[y];
    const at = (x: typeof h) => (p: number) => (runs > 0 ? r3(x.quantile(p)) : 0);
    const all = at(h), mine = at(tally.counted[y]);
    return {
      year, p10: all(0.1), p25: all(0.25), p50: all(0.5), p75: all(0.75), p90: all(0.9), appropriated: money.budget === null ? null : r3(appropriated),
      counted: money.budget === null ? null : { p10: mine(0.1), p25: mine(0.25), p50: mine(0.5), p75: mine(0.75), p90: mine(0.9) },
    };
  });
  const carriedIn = money.carriedIn && tally.carriedIn.total + tally.carriedShort.total > 0
    ? { p10: r3(tally.carriedQuantile(0.1)), p50: r3(tally.carriedQuantile(0.5)), p90: r3(tally.carriedQuantile(0.9)) } : null;
  return { cost, jointCostSchedule, result: { byYear, money, carriedIn } };
}
