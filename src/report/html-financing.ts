import type { EligibilityInput, FinancingProgrammeInput, ModelInput } from '../model/input.js';
import { describeDist } from './describe.js';
import { escapeHtml as h, num, pct } from './format.js';
import { table } from './html-detail.js';

/**
 * Which of its technologies' jobs a programme pays for, in words.
 *
 * @example describeEligibility({ regions: ['a'], share: 0.4 }, names)   // 'in Akmola, 40% of them, drawn in each future'
 */
export function describeEligibility(e: EligibilityInput | undefined, names: ReadonlyMap<string, string>): string {
  if (!e) return 'all';
  const parts: string[] = [];
  if (e.regions) parts.push(`in ${e.regions.map((r) => names.get(r) ?? r).join(', ')}`);
  if (e.populationAtLeast !== undefined) parts.push(`of at least ${num(e.populationAtLeast, 0)} people`);
  if (e.populationBelow !== undefined) parts.push(`of fewer than ${num(e.populationBelow, 0)} people`);
  if (e.settlements) parts.push(`${num(e.settlements.length, 0)} listed settlement${e.settlements.length === 1 ? '' : 's'}`);
  if (e.share !== undefined) parts.push(`${pct(e.share)} of them, drawn in each future`);
  return parts.join(', ');
}

/** A programme's top-up policy, in words. */
function describeTopUp(p: FinancingProgrammeInput): string {
  const t = p.topUp;
  if (!t) return p.unlimited ? '–' : 'none: work waits for the next appropriation';
  const when = t.when === 'overrun' ? 'once its last appropriation is spent' : 'whenever its money runs out';
  const times = t.times === undefined ? '' : `, at most ${num(t.times, 0)} time${t.times === 1 ? '' : 's'}`;
  return `in ${pct(t.probability)} of futures, ${when}: ${pct(t.share)} of its total after ${describeDist(t.delay, 'days')}${times}`;
}

/**
 * The scenario's financing programmes (what each pays for, its money per year, its terms)
 * and inflation, for the report's assumptions; empty when the scenario has neither.
 *
 * @example financingAssumptions(input)   // '<h3>Financing programmes (M KZT)</h3>...<table>...'
 */
export function financingAssumptions(input: ModelInput): string {
  const parts: string[] = [];
  const names = new Map(input.regions.map((r) => [r.id, r.name]));
  const programmes = input.financing ?? [];
  if (programmes.length > 0) {
    const years = [...new Set(programmes.flatMap((p) => Object.keys(p.appropriations)))].sort();
    parts.push(`<h3>Financing programmes (${h(input.currency)})</h3><p class="note">A job is paid by the first programme in this order that pays for its technology and for which it is eligible. Money appropriated per budget year is available from 1 January.</p>`);
    parts.push(
      table(
        ['Programme', 'Pays for', 'Which', ...years.map(h), 'Unspent money', 'Share of the cost it pays', 'Top-up'],
        programmes.map((p) => [
          h(p.label),
          h(p.pays.join(', ')),
          h(describeEligibility(p.eligible, names)),
          ...years.map((y) => (p.unlimited ? 'no limit' : p.appropriations[y] !== undefined ? h(num(p.appropriations[y]!, 1)) : '–')),
          p.unlimited ? '–' : p.carryOver ? 'carries over' : 'lapses on 31 Dec',
          h(pct(p.costShare)),
          h(describeTopUp(p)),
        ]),
        (i) => i > 2 && i <= 2 + years.length,
      ),
    );
  }
  if (input.inflation) parts.push(`<p>Costs grow with inflation at a yearly rate of ${h(describeDist(input.inflation))} (0.08 = 8 % a year; one draw per future), from the prices of the start; a job pays the prices of the day it is paid.</p>`);
  return parts.join('\n');
}
