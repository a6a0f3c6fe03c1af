import { TECH_NAMES, type CompiledModel } from '../model/index.js';
import type { Aggregate } from './aggregate.js';
import { programmeMoney } from './money.js';
import type { FinancingResult, RunResult } from './result.js';
import { r6 } from './round.js';

/** Money rounded to 1/1000 of the currency unit. */
const r3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The money side of a finished run, per financing programme: the mean committed per
 * budget year (RunResult.spend, years with none left out), and per programme what it pays
 * for, what was appropriated in the run's years, the mean committed and co-funded, how
 * often a top-up came and how much; and what "the programme's money" is (programmeMoney).
 *
 * @example summarizeFinancing(m, agg).spend   // [{ programme: 'grants', year: 2026, mean: 10 }, { programme: 'operator', ... }]
 */
export function summarizeFinancing(m: CompiledModel, agg: Aggregate): { spend: RunResult['spend']; financing: FinancingResult } {
  const runs = agg.runs, Y = agg.layout.years;
  const mean = (milli: number) => (runs > 0 ? r3(milli / 1000 / runs) : 0);
  const spend: RunResult['spend'] = [];
  m.financing.programmes.forEach((p, k) => {
    for (let y = 0; y < Y; y++) {
      const v = mean(agg.spendMilli[k * Y + y]);
      if (v > 0) spend.push({ programme: p.id, year: m.firstYear + y, mean: v });
    }
  });
  const programmes = m.financing.programmes.map((p, k) => {
    let committed = 0, coFunded = 0;
    for (let y = 0; y < Y; y++) { committed += agg.spendMilli[k * Y + y]; coFunded += agg.coFundingMilli[k * Y + y]; }
    return {
      id: p.id, label: p.label,
      pays: TECH_NAMES.filter((_, t) => p.pays[t] === 1),
      limited: p.limited, costShare: p.costShare, carryOver: p.carryOver,
      appropriated: r3(p.appropriations.reduce((a, b) => a + b, 0)),
      appropriations: Object.fromEntries([...p.appropriations].flatMap((a, y) => (a > 0 ? [[String(m.firstYear + y), a]] : []))),
      committedMean: mean(committed), coFundingMean: mean(coFunded),
      topUp: p.topUp === null ? null : { probability: runs > 0 ? r6(agg.toppedUp[k] / runs) : 0, meanAmount: mean(agg.topUpMilli[k]) },
    };
  });
  return { spend, financing: { programmes, money: programmeMoney(m), legacy: m.financing.legacy, inflation: m.input.inflation ?? null } };
}
