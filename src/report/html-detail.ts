import { TECH_NAMES } from '../model/technologies.js';
import type { Programme } from '../model/input.js';
import type { RunResult } from '../montecarlo/result.js';
import { escapeHtml as h, humanDate, int, num, pct } from './format.js';
import { stageLabel } from './stage-names.js';
import { START_LABEL } from './region-honesty.js';

/** A plain table of cells (already escaped); `cls` names it for the style sheet (e.g. its print rules). */
export function table(head: string[], rows: string[][], numeric: (i: number) => boolean = () => false, cls?: string): string {
  const th = head.map((c, i) => `<th${numeric(i) ? ' class="num"' : ''}>${c}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${numeric(i) ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`).join('\n');
  return `<div class="scroll"><table${cls !== undefined ? ` class="${cls}"` : ''}>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div>`;
}

/**
 * Per region: size; its start and where that count comes from (published or estimate);
 * its fibre ceiling — the share its technology rule allows on fibre — and the chance it
 * is 90 % or more; at each deadline the fibre share, the gap to the region's own ceiling
 * and the chance of >= 90 % on fibre; and the longest stage. A chance of 90 % that the
 * ceiling rules out is shown as the rule's, not as a low score.
 */
export function regionTable(result: RunResult): string {
  // The median over its P10–P90 range, two short lines: 'P10 · P50 · P90' on one unbroken
  // line, twice per deadline, made the table 1,173 px wide in a 1,064 px column, hid its last
  // columns behind a scroll and squeezed the region and stage names into tall rows.
  const spread = (q: { p10: number; p50: number; p90: number }) => `<b>${h(pct(q.p50))}</b><span class="sub">${h(pct(q.p10))}–${h(pct(q.p90))}</span>`;
  const deadlines = result.regions[0]?.atDeadlines.map((d) => d.deadline) ?? [];
  const biggest = new Map<string, { stage: string; days: number }>();
  for (const w of result.waits) {
    const b = biggest.get(w.region);
    if (!b || w.meanDays > b.days) biggest.set(w.region, { stage: w.stage, days: w.meanDays });
  }
  const chanceClass = (p: number) => (p < 0.5 ? ' low' : p >= 0.9 ? ' high' : '');
  const head1 = `<tr><th colspan="5"></th>${deadlines.map((d) => `<th colspan="3" class="group">By ${h(humanDate(d))}</th>`).join('')}<th></th></tr>`;
  const head2 = `<tr><th>Region</th><th class="num">Settle&shy;ments</th><th class="num">On fibre at start<span class="sub">count (share) · where from</span></th><th class="num">Fibre ceiling<span class="sub">share its rule allows on fibre: <b>P50</b>, P10–P90 below</span></th><th class="num">Ceiling ≥ 90%<span class="sub">chance it can reach 90% at all</span></th>${deadlines
    .map(() => '<th class="num">Fibre share<span class="sub"><b>P50</b>, P10–P90 below</span></th><th class="num">Gap to its ceiling<span class="sub">mean</span></th><th class="num">Chance of ≥ 90% on fibre</th>')
    .join('')}<th>Longest stage<span class="sub">mean days per settlement</span></th></tr>`;
  const rows = result.regions.map((r) => {
    const big = biggest.get(r.id);
    const c = r.fibreCeiling;
    const cells = deadlines
      .map((d) => {
        const a = r.atDeadlines.find((x) => x.deadline === d);
        if (!a) return '<td class="num">–</td><td class="num">–</td><td class="num">–</td>';
        // A region whose rule keeps it below 90 % never gets there: the rule's doing, not a low score.
        const chance = r.probabilityCeiling90 === 0
          ? `<td class="num chance ruled-out">${h(pct(a.probabilityFibre90))}<span class="sub">ceiling below 90%</span></td>`
          : `<td class="num chance${chanceClass(a.probabilityFibre90)}">${h(pct(a.probabilityFibre90))}</td>`;
        return `<td class="num">${spread(a.fibre)}</td><td class="num">${h(pct(a.gapToCeiling))}</td>${chance}`;
      })
      .join('');
    const basis = r.start.basis;
    const startCell = `${h(int(r.start.connected))} <span class="note">(${h(pct(r.start.connected / Math.max(1, r.settlements)))})</span>${
      basis ? `<span class="sub start-${h(basis)}"${r.start.note ? ` title="${h(r.start.note)}"` : ''}>${h(START_LABEL[basis])}</span>` : ''}`;
    return `<tr><td>${h(r.name)}</td><td class="num">${h(int(r.settlements))}</td><td class="num">${startCell}</td><td class="num">${spread(c)}</td><td class="num">${h(pct(r.probabilityCeiling90))}</td>${cells}<td>${
      big ? `${h(stageLabel(big.stage))} <span class="note">(${h(num(big.days, 0))})</span>` : '–'}</td></tr>`;
  });
  return `<div class="scroll"><table class="regions">\n<thead>${head1}\n${head2}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table></div>`;
}

/**
 * Money committed per programme and budget year (mean over runs), beside what was
 * appropriated; with financing programmes, also the co-funding paid beside each (the part
 * of its jobs' cost it does not pay) and how often a top-up came.
 */
export function spendTable(result: RunResult): string {
  const cur = result.input.currency;
  if (result.spend.length === 0) return '<p class="note">No money was committed in this run (or budgets are not modelled).</p>';
  const years = [...new Set(result.spend.map((s) => s.year))].sort((a, b) => a - b);
  const f = result.financing;
  const ids = [...new Set(result.spend.map((s) => s.programme))];
  const info = new Map((f?.programmes ?? []).map((p) => [p.id, p]));
  const named = f !== undefined && !f.legacy;
  const coFunded = (f?.programmes ?? []).some((p) => p.coFundingMean > 0);
  const topUps = (f?.programmes ?? []).some((p) => p.topUp !== null);
  const rows = ids.map((p) => {
    const prog = info.get(p);
    const legacy = result.input.budget[p as Programme]; // a result without financing (older results): its budget lines
    const appropriation = (y: number) => (prog ? (prog.limited ? prog.appropriations[String(y)] : undefined) : legacy && !legacy.unlimited ? legacy.appropriations[String(y)] : undefined);
    return [
      h(named && prog ? prog.label : p),
      ...years.map((y) => {
        const spent = result.spend.find((s) => s.programme === p && s.year === y)?.mean ?? 0;
        const approp = appropriation(y);
        return `${h(num(spent, 0))}${approp !== undefined ? `<span class="sub">of ${h(num(approp, 0))}</span>` : ''}`;
      }),
      h(num(result.spend.filter((s) => s.programme === p).reduce((a, s) => a + s.mean, 0), 0)),
      ...(coFunded ? [h(num(prog?.coFundingMean ?? 0, 0))] : []),
      ...(topUps ? [prog?.topUp ? `${h(pct(prog.topUp.probability))}<span class="sub">mean ${h(num(prog.topUp.meanAmount, 0))}</span>` : '–'] : []),
    ];
  });
  const head = ['Programme', ...years.map((y) => h(String(y))), 'Total', ...(coFunded ? ['Co-funded<span class="sub">paid beside it</span>'] : []), ...(topUps ? ['Topped up<span class="sub">share of futures</span>'] : [])];
  const notes = [
    `Mean money committed per budget year across the simulated futures, in ${h(cur)}; below it, the year’s appropriation where one is set.`,
    ...(coFunded ? ['Co-funded: the part of its jobs’ cost a programme does not pay (the operators’ share), not limited by the model.'] : []),
    ...(topUps ? ['Topped up: the share of futures in which the programme’s money ran out and a top-up arrived, and the mean top-up money per future.'] : []),
  ];
  return `<p class="note">${notes.join(' ')}</p>
${table(head, rows, (i) => i > 0)}`;
}

/** Settlements still not connected when the simulation ends, and the stage they were stuck in. */
export function unfinishedSection(result: RunResult): string {
  const u = result.unfinished;
  if (!(u.meanPerRun > 0)) return `<p>Every settlement is connected before the end of the simulation (${h(humanDate(result.input.horizon))}) in every simulated future.</p>`;
  const rows = [...u.byStage].sort((a, b) => b.meanPerRun - a.meanPerRun).map((s) => [h(stageLabel(s.stage)), h(num(s.meanPerRun, 1)), h(pct(s.meanPerRun / u.meanPerRun))]);
  return `<p>On average <b>${h(num(u.meanPerRun, 1))}</b> settlements are still not connected on ${h(humanDate(result.input.horizon))}, when the simulation ends. Where they are stuck:</p>
${table(['Stage', 'Settlements (mean per future)', 'Share'], rows, (i) => i > 0)}`;
}

/** How busy each region's crews were up to the first deadline (crew-days in use / available). */
export function crewTable(result: RunResult): string {
  const crews = result.crews ?? [];
  if (crews.length === 0) return '<p class="note">No crews in this scenario.</p>';
  const techs = TECH_NAMES.filter((t) => crews.some((c) => c.technology === t));
  const byKey = new Map(crews.map((c) => [`${c.region}/${c.technology}`, c]));
  const names = new Map(result.input.regions.map((r) => [r.id, r.name]));
  const regions = [...new Set(crews.map((c) => c.region))];
  return `<p class="note">Share of the crews' working days in use from the start to ${h(humanDate(crews[0]!.until))} (a crew holding a job through the winter counts as in use), mean over the simulated futures. Low shares with long waits for a crew elsewhere point to crews in the wrong regions.</p>
${table(['Region', ...techs.map((t) => `${t[0]!.toUpperCase()}${t.slice(1)} crews busy`)], regions.map((r) => [h(names.get(r) ?? r), ...techs.map((t) => { const c = byKey.get(`${r}/${t}`); return c ? h(pct(c.utilisation)) : '–'; })]), (i) => i > 0)}`;
}
