import type { DistributionSpec } from '../engine/index.js';
import { FACTOR_DECLS, FACTOR_KINDS, factorCorrelations, partSpec, type FactorKind } from '../model/index.js';
import type { ModelInput, OfficeInput, RiskImpact } from '../model/input.js';
import { describeCrewChange, describeDist, describeTechnologyRule, ORDERING_WORDS, programmeName } from './describe.js';
import { escapeHtml as h, humanDate, int, num, pct } from './format.js';
import { table } from './html-detail.js';
import { financingAssumptions } from './html-financing.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function office(o: OfficeInput | undefined): string {
  if (!o) return 'a fixed delay (no queue)';
  const cap = o.capacity === null ? 'no limit on files at once' : `${num(o.capacity, 0)} file${o.capacity === 1 ? '' : 's'} at once per region`;
  const rereview = o.rejection > 0 && o.rereview ? `, re-reviewed in ${describeDist(o.rereview, 'days')}` : '';
  const rounds = o.rejection > 0 && o.maxRounds !== undefined ? `; after ${num(o.maxRounds, 0)} rejection${o.maxRounds === 1 ? '' : 's'} a file is escalated and approved` : '';
  return `${cap}; ${pct(o.rejection)} of decisions are rejections, resubmitted after ${describeDist(o.resubmission, 'days')}${rereview}${rounds}`;
}

function impact(i: RiskImpact, names: Map<string, string>, input: ModelInput): string {
  switch (i.type) {
    case 'harsh-winter':
      return `frozen season ${num(i.extraDays, 0)} days longer${i.regions?.length ? ` in ${i.regions.map((r) => names.get(r) ?? r).join(', ')}` : ''}`;
    case 'cable-shortage':
      return `no fibre laying for ${describeDist(i.days, 'days')}`;
    case 'contractor-default':
      return `${i.technology} crews of ${i.region ? (names.get(i.region) ?? i.region) : 'one region (at random)'} removed for ${describeDist(i.days, 'days')}${i.halts ? ', their work in hand stopped with them' : ' (their work in hand is finished)'}`;
    case 'budget-cut':
      return `${programmeName(input, i.programme)}: the year’s appropriation cut by ${pct(i.share)}`;
    default:
      return JSON.stringify(i);
  }
}

/**
 * The mast site step: skipped throughout (`preAllocatedSites: true`), drawn throughout
 * (false), or drawn until a reform's date and skipped from it (a date: the land law).
 */
function siteAllocationRows(m: NonNullable<ModelInput['mast']>): [string, string][] {
  if (m.preAllocatedSites === true) return [['Site allocation by the akimat', 'skipped: sites are pre-allocated']];
  const from = typeof m.preAllocatedSites === 'string'
    ? `; from ${humanDate(m.preAllocatedSites)} skipped (sites no longer allocated: masts reaching the step pass straight on, files at the akimat then go on to the permit)`
    : '';
  return [
    ['Site allocation by the akimat', h(describeDist(m.siteAllocation, 'days')) + h(from)],
    ['Site office', h(office(m.siteOffice))],
  ];
}

const FACTOR_ROWS: [FactorKind, string][] = FACTOR_KINDS.map((k) => [k, FACTOR_DECLS[k].assumption]);

/**
 * The factors: national only (one table), or with their regional and yearly parts and the
 * correlation those imply between two regions' and two years' factors.
 */
function factorTables(input: ModelInput): string[] {
  const given = FACTOR_ROWS.filter(([k]) => input.factors?.[k] || partSpec(input, 'regional', k) || partSpec(input, 'yearly', k));
  if (given.length === 0) return [];
  const correlations = factorCorrelations(input);
  if (correlations.length === 0) {
    return [
      `<h3>National uncertainties</h3><p class="note">Drawn once per simulated future and shared by every region, so regions move together.</p>`,
      table(['Factor', 'Distribution'], given.map(([k, label]) => [label, h(describeDist(input.factors![k]!))])),
    ];
  }
  const cell = (spec: DistributionSpec | undefined) => (spec ? h(describeDist(spec)) : '1');
  const corr = (k: FactorKind, which: 'betweenRegions' | 'betweenYears') => {
    const c = correlations.find((x) => x.kind === k);
    return c ? num(c[which], 2) : '1';
  };
  return [
    `<h3>Uncertainties shared between regions and years</h3><p class="note">Each factor is national × regional × yearly: the national part is drawn once per simulated future and shared by every region; the regional part once per region (a contractor's performance); the yearly part once per budget year. The correlations are what these parts imply between two regions' factors in the same year, and between one region's factors in two years (1: they move as one; 0: independent).</p>`,
    table(
      ['Factor', 'National', 'Regional', 'Yearly', 'Correlation, two regions', 'Correlation, two years'],
      given.map(([k, label]) => [label, cell(input.factors?.[k]), cell(partSpec(input, 'regional', k)), cell(partSpec(input, 'yearly', k)), corr(k, 'betweenRegions'), corr(k, 'betweenYears')]),
    ),
  ];
}

/** The scenario's inputs, in words and tables, so a reader can see what was assumed. */
export function assumptions(input: ModelInput): string {
  const names = new Map(input.regions.map((r) => [r.id, r.name]));
  const cur = input.currency;
  const parts: string[] = [];

  parts.push(`<h3>General</h3>`);
  parts.push(
    table(
      ['Item', 'Value'],
      [
        ['Scenario', `${h(input.name)}${input.description ? `<br><span class="note">${h(input.description)}</span>` : ''}`],
        ['Simulated period', `${h(humanDate(input.start))} to ${h(humanDate(input.horizon))}`],
        ['Counts as covered', h(input.coverageTechnologies.join(', '))],
        ['Which settlement goes first', h(ORDERING_WORDS[input.ordering] ?? input.ordering)],
        ['Technology for settlements not yet on fibre', describeTechnologyRule(input.technology).map(h).join('<br>')],
        ['Settlement population (generated)', h(describeDist(input.settlementDefaults.population, 'people'))],
        ['Distance to the backbone (generated)', h(describeDist(input.settlementDefaults.backboneKm, 'km'))],
        ['Settlements', input.settlements ? `${h(int(input.settlements.length))} listed one by one` : 'generated per region from the distributions'],
        ['Report step', `${h(num(input.reportEveryDays, 0))} days`],
      ],
    ),
  );

  parts.push(`<h3>Regions</h3>`);
  parts.push(
    table(
      ['Region', 'Settlements', 'On fibre at start', 'Season', 'Fibre crews', 'Mast crews', 'Satellite crews', 'Laying productivity ×'],
      input.regions.map((r) => [
        h(r.name),
        h(int(r.settlements)),
        h(int(r.connected)),
        h(r.season),
        h(num(r.crews.fibre ?? 0)),
        h(num(r.crews.mast ?? 0)),
        h(num(r.crews.satellite ?? 0)),
        h(num(r.productivityFactor)),
      ]),
      (i) => i > 0 && i !== 3,
    ),
  );

  const seasons = Object.entries(input.seasons);
  if (seasons.length) {
    parts.push(`<h3>Construction seasons</h3><p class="note">Share of full working speed possible in each month (0% = no work, e.g. frozen ground).</p>`);
    const rows: string[][] = [];
    for (const [name, s] of seasons) {
      const methods: [string, number[] | undefined][] = [
        ['fibre, buried / ploughed', s.buried],
        ['fibre, aerial', s.aerial],
        ['mast construction', s.mast ?? s.buried],
      ];
      for (const [label, f] of methods) rows.push([h(name), label, ...MONTHS.map((_, i) => h(pct(f?.[i] ?? 0)))]);
    }
    parts.push(table(['Season', 'Work', ...MONTHS], rows, (i) => i > 1, 'seasons'));
  }

  const f = input.fibre;
  parts.push(`<h3>Fibre</h3>`);
  parts.push(
    table(
      ['Step', 'Assumption'],
      [
        ['Survey and design', h(describeDist(f.design, 'days'))],
        ['Land / right-of-way approval', h(describeDist(f.approval, 'days'))],
        ['Approving office', h(office(f.approvalOffice))],
        ['Construction method', f.method === 'aerial' ? 'aerial (on poles)' : 'buried / ploughed'],
        ['Laying, buried (one crew, full season)', h(describeDist(f.kmPerDay.buried, 'km/day'))],
        ['Laying, aerial (one crew, full season)', h(describeDist(f.kmPerDay.aerial, 'km/day'))],
        ['Cost per km, buried', h(describeDist(f.costPerKm.buried, cur))],
        ['Cost per km, aerial', h(describeDist(f.costPerKm.aerial, cur))],
        ['Cost per settlement (node)', h(describeDist(f.nodeCost, cur))],
        ['Splicing and commissioning', h(describeDist(f.commissioning, 'days'))],
      ],
    ),
  );

  if (input.mast) {
    const m = input.mast;
    parts.push(`<h3>Mobile masts</h3>`);
    parts.push(
      table(
        ['Step', 'Assumption'],
        [
          ['Settlements served by one mast', h(num(m.settlementsPerMast))],
          ...siteAllocationRows(m),
          ['Antenna-mast permit', h(describeDist(m.permit, 'days'))],
          ['Permit office', h(office(m.permitOffice))],
          ['Construction (one crew, in season)', h(describeDist(m.construction, 'days'))],
          ['Power and backhaul to on-air', h(describeDist(m.powerAndBackhaul, 'days'))],
          ['Cost per mast', h(describeDist(m.cost, cur))],
        ],
      ),
    );
  }

  if (input.satellite) {
    const s = input.satellite;
    parts.push(`<h3>Satellite</h3>`);
    parts.push(
      table(
        ['Step', 'Assumption'],
        [
          ['Terminal procurement (from the start)', h(describeDist(s.procurement, 'days'))],
          ['Installation (one crew)', h(describeDist(s.install, 'days'))],
          ['Cost per settlement', h(describeDist(s.cost, cur))],
        ],
      ),
    );
  }

  if (input.motorways?.length) {
    parts.push(`<h3>Motorway corridors</h3>`);
    parts.push(
      table(
        ['Corridor', 'Built by region', 'Length (km)', 'One mast every (km)', 'Masts'],
        input.motorways.map((m) => [h(m.label), h(names.get(m.region) ?? m.region), h(num(m.km, 0)), h(num(m.mastEveryKm)), h(num(Math.ceil(m.km / m.mastEveryKm), 0))]),
        (i) => i > 1,
      ),
    );
  }

  const programmes = Object.entries(input.budget).filter((e): e is [string, NonNullable<(typeof e)[1]>] => e[1] !== undefined);
  if (programmes.length) {
    const years = [...new Set(programmes.flatMap(([, b]) => Object.keys(b.appropriations)))].sort();
    parts.push(`<h3>Budgets (${h(cur)})</h3><p class="note">Money appropriated per budget year, available from 1 January.</p>`);
    parts.push(
      table(
        ['Programme', ...years.map(h), 'Unspent money', 'Paid by operators'],
        programmes.map(([name, b]) => [
          h(name),
          ...years.map((y) => (b.unlimited ? 'no limit' : b.appropriations[y] !== undefined ? h(num(b.appropriations[y]!, 1)) : '–')),
          b.unlimited ? '–' : b.carryOver ? 'carries over' : 'lapses on 31 Dec',
          h(pct(b.operatorShare ?? 0)),
        ]),
        (i) => i > 0 && i <= years.length,
      ),
    );
  }

  const financing = financingAssumptions(input);
  if (financing) parts.push(financing);

  if (input.crewChanges.length || input.nationalCrews) {
    parts.push(`<h3>Crews over time</h3>`);
    if (input.crewChanges.length) {
      parts.push(
        table(
          ['Date', 'Where', 'Change'],
          input.crewChanges.map((c) => [h(humanDate(c.date)), h(c.region ? (names.get(c.region) ?? c.region) : 'every region'), h(describeCrewChange(c))]),
        ),
      );
    }
    if (input.nationalCrews) {
      const n = input.nationalCrews;
      const crews = Object.entries(n.crews)
        .filter(([, v]) => (v ?? 0) > 0)
        .map(([k, v]) => `${num(v ?? 0, 0)} ${k}`)
        .join(', ');
      parts.push(
        `<p>A national pool of ${h(crews || 'no')} crews moves every ${h(num(n.rebalanceEveryDays, 0))} days to the regions with the largest backlog (${n.shareBy === 'waitingDays' ? 'the days their villages have waited for a crew, summed' : 'the villages waiting for a crew'}); a move takes ${h(describeDist(n.travelDays, 'days'))}.</p>`,
      );
    }
  }

  parts.push(...factorTables(input));

  if (input.risks?.length) {
    parts.push(`<h3>Risk register</h3>`);
    parts.push(
      table(
        ['Risk', 'Chance', 'Impact'],
        input.risks.map((r) => [h(r.label), `${h(pct(r.probability))} ${r.per === 'year' ? 'each year' : 'once per run'}`, h(impact(r.impact, names, input))]),
      ),
    );
  }

  parts.push(`<h3>Targets</h3>`);
  const measure = { 'fibre-share': 'share on fibre', 'coverage-share': 'share covered', 'motorway-share': 'share of motorway km covered' } as Record<string, string>;
  parts.push(
    table(
      ['Id', 'Label', 'Measure', 'Threshold', 'Deadline', 'Regions'],
      input.targets.map((t) => [
        `<code>${h(t.id)}</code>`,
        h(t.label),
        h(measure[t.metric] ?? t.metric),
        h(pct(t.threshold)),
        h(humanDate(t.deadline)),
        t.regions?.length ? h(t.regions.map((id) => names.get(id) ?? id).join(', ')) : 'whole country',
      ]),
    ),
  );
  return parts.join('\n');
}
