import type { RunResult } from '../montecarlo/result.js';
import { escapeHtml as h, humanDate, num, pct } from './format.js';
import { table } from './html-detail.js';
import { andList, programmeName } from './describe.js';

/**
 * The report's money section: the total cost to the horizon (P10/P50/P80/P90), the joint
 * cost–schedule confidence level with what "the programme's money" is here, and the money
 * committed by the end of each budget year beside what was appropriated by then. '' when
 * the run has no money side (no costs in the scenario).
 */
export function costSection(result: RunResult): string {
  const c = result.summary.cost, j = result.summary.jointCostSchedule, money = result.cost;
  // No money modelled (no costs anywhere): nothing to say.
  if (!c || !money || (c.p90 === 0 && c.mean === 0)) return '';
  const cur = h(c.currency);
  const amount = (x: number) => `${h(num(x, 0))} ${cur}`;
  const m = money.money;
  // A run from a status: the money each future carries in from before the start (median, P10, P90).
  const carriedIn = m.carriedIn ? money.carriedIn : undefined;
  // Programmes by their labels (financing), else by id (a budget line's technology).
  const name = (id: string) => programmeName(result.input, id);
  const counted = andList(m.counted.map(name));
  const spenders = m.uncounted.filter((p) => result.spend.some((x) => x.programme === p && x.mean > 0));
  let jcl: string;
  if (!j || j.budget === null || j.probability === null || !j.ci95) {
    jcl = '<p>No programme states appropriations in this scenario, so there is no money to compare the cost with and no joint cost–schedule confidence level.</p>';
  } else {
    const years = money.byYear.length > 1 ? `${money.byYear[0]!.year}–${money.byYear[money.byYear.length - 1]!.year}` : String(money.byYear[0]?.year ?? '');
    const notes = [
      m.hardLimit
        ? 'Here the money is a hard limit: the model never commits more than has been appropriated — a job waits for next year’s money instead — so an overrun shows up as a delay, and this chance equals the chance of meeting every target.'
        : 'At least one counted programme is not a hard limit (its appropriations are a plan the model does not enforce, or it may be topped up when its money runs out), so the cost can exceed the money; top-ups are money beyond the plan and are not part of it.',
      ...(m.carriedIn ? ['This run starts from a status: each simulated future also has the money its programmes carry in from before the start (earlier years’ appropriations, less what the status says was already committed), and compares its commitments from the start with both.'] : []),
      ...(spenders.length > 0 ? [`Spending of programmes with no appropriation stated (${andList(spenders.map(name))}) counts in the cost but is not compared with the money.`] : []),
      'For comparison, NASA approves large projects at a JCL of 70 %.',
    ];
    // A run from a status: what the run's years appropriate is not all there is (e.g. 0 for a
    // January re-run of a programme funded up front). The money available is said whole, in
    // bold: 'The programme's money: 42,000' beside a median 258,602 committed by the first year's
    // end read as a fivefold overrun, when 224,390 more was carried in.
    const what = m.carriedIn
      ? `<b>${amount(j.budget)} appropriated for ${h(years)}, plus ${carriedIn ? `a median ${amount(carriedIn.p50)}` : 'what each future'} carried in from before the start</b>${carriedIn ? ` (P10 ${amount(carriedIn.p10)}, P90 ${amount(carriedIn.p90)}; ${amount(j.budget + carriedIn.p50)} in all in a typical future)` : ''} — the money of ${h(counted)}`
      : `<b>${amount(j.budget)}</b> — the appropriations of ${h(counted)} for ${h(years)}`;
    jcl = `<p>The programme’s money: ${what}. ${result.summary.targets.length > 0 ? 'Chance of meeting every target <em>and</em> staying within it (joint cost–schedule confidence level, JCL)' : 'Chance of staying within it (the scenario has no targets)'}: <strong>${h(pct(j.probability))}</strong> <span class="note">(95% interval ${h(pct(j.ci95[0]))}–${h(pct(j.ci95[1]))})</span>.</p>
<p class="note">${h(notes.join(' '))}</p>`;
  }
  const band = (q: { p10: number; p50: number; p90: number }) => `${h(num(q.p10, 0))} · <b>${h(num(q.p50, 0))}</b> · ${h(num(q.p90, 0))}`;
  const withCounted = money.byYear.some((y) => y.counted !== null);
  const rows = money.byYear.map((y) => [
    h(String(y.year)),
    band(y),
    ...(withCounted ? [y.counted === null ? '–' : band(y.counted)] : []),
    y.appropriated === null ? '–' : h(num(y.appropriated, 0)),
    // Beside the appropriations alone, the money a run from a status actually has by then.
    ...(carriedIn ? [y.appropriated === null ? '–' : h(num(y.appropriated + carriedIn.p50, 0))] : []),
  ]);
  const countedHead = withCounted ? [`Of which ${h(counted)} (${cur})<span class="sub">P10 · <b>P50</b> · P90</span>`] : [];
  return `<section id="money">
<h2>What will it cost?</h2>
<p class="headline">Money committed by ${h(humanDate(result.input.horizon))}: <strong>${amount(c.p50)}</strong> in a typical future <span class="note">(P10 ${amount(c.p10)}, P80 ${amount(c.p80)}, P90 ${amount(c.p90)}; mean ${amount(c.mean)})</span></p>
${jcl}
${table(['Budget year', `Committed since the start by the year’s end, every programme (${cur})<span class="sub">P10 · <b>P50</b> · P90</span>`, ...countedHead, `Appropriated by then${m.counted.length ? `, ${h(counted)}` : ''}${m.carriedIn ? ', besides the money carried in' : ''} (${cur})`, ...(carriedIn ? [`Available by then, with the money carried in (${cur})<span class="sub">median</span>`] : [])], rows, (i) => i > 0)}
<p class="note">Money is committed when a job’s work is funded (the programme’s share after any operator co-funding, at the prices of that day). P80: in 8 futures out of 10 the cost is at most this. The S-curve chart below shows the same by year.</p>
</section>`;
}
