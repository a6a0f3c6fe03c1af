import type { EligibilityInput, FinancingProgrammeInput, ModelInput, SettlementRecord, Technology } from '../model/input.js';
import { TECHNOLOGIES } from '../model/input.js';
import { SERVICES } from '../model/services.js';
import { toSpec } from './distribution-field.js';
import type { FinancingFile, ScenarioFile } from './file-types.js';
import type { ScenarioProblem } from './problems.js';
import type { Locator } from './schema.js';
import { suggestion } from './suggest.js';

/**
 * Financing programmes in a scenario file (`financing:`, `inflation:`): their defaults
 * and the checks the schema cannot make. Every default is written once, here, and listed
 * in scenarios/README.md ("Financing programmes").
 */
export const FINANCING_DEFAULTS = {
  unlimited: false,
  carryOver: true,
  costShare: 1,
  topUpWhen: 'overrun' as const,
};

/** A `budget:` section that says something (null or {} in a file that extends another says nothing). */
const hasBudget = (s: ScenarioFile) => s.budget !== undefined && s.budget !== null && Object.keys(s.budget).length > 0;

/**
 * The model's financing programmes and inflation from the file's (defaults filled,
 * distributions checked).
 *
 * @example financingInput({ financing: [{ id: 'kt', label: 'KT', pays: ['fibre'], unlimited: true }] } as ScenarioFile, where, [])
 *          // { financing: [{ id: 'kt', ..., unlimited: true, appropriations: {}, carryOver: true, costShare: 1 }] }
 */
export function financingInput(s: ScenarioFile, where: Locator, problems: ScenarioProblem[]): Pick<ModelInput, 'financing' | 'inflation'> {
  const out: Pick<ModelInput, 'financing' | 'inflation'> = {};
  if (s.inflation !== undefined) out.inflation = toSpec(s.inflation, ['inflation'], where, 'any', problems);
  if (s.financing === undefined) return out;
  out.financing = s.financing.map((p, i): FinancingProgrammeInput => {
    const e = p.eligible ?? {};
    const eligible: EligibilityInput = {
      ...(e.regions !== undefined ? { regions: [...e.regions] } : {}),
      ...(e.populationAtLeast !== undefined ? { populationAtLeast: e.populationAtLeast } : {}),
      ...(e.populationBelow !== undefined ? { populationBelow: e.populationBelow } : {}),
      ...(e.settlements !== undefined ? { settlements: [...e.settlements] } : {}),
      // Everyone (share 1) is the same as no share: left out so that writing it changes nothing.
      ...(e.share !== undefined && e.share < 1 ? { share: e.share } : {}),
    };
    const years = Object.keys(p.appropriations ?? {}).sort();
    const t = p.topUp;
    return {
      id: p.id,
      label: p.label,
      pays: TECHNOLOGIES.filter((x) => p.pays.includes(x)),
      ...(Object.keys(eligible).length > 0 ? { eligible } : {}),
      unlimited: p.unlimited ?? FINANCING_DEFAULTS.unlimited,
      appropriations: Object.fromEntries(years.map((y) => [y, p.appropriations![y]])),
      carryOver: p.carryOver ?? FINANCING_DEFAULTS.carryOver,
      costShare: p.costShare ?? FINANCING_DEFAULTS.costShare,
      ...(t ? {
        topUp: {
          probability: t.probability, share: t.share, delay: toSpec(t.delay, ['financing', i, 'topUp', 'delay'], where, 'nonNegative', problems),
          when: t.when ?? FINANCING_DEFAULTS.topUpWhen, ...(t.times !== undefined ? { times: t.times } : {}),
        },
      } : {}),
    };
  });
  return out;
}

/**
 * Each programme's id and the technologies it pays for (a `budget` line: its own technology).
 *
 * @example programmePays(s).get('fibre')   // ['fibre'] for a scenario with a budget section
 */
export function programmePays(s: ScenarioFile): Map<string, readonly Technology[]> {
  if (s.financing) return new Map(s.financing.map((p) => [p.id, p.pays]));
  return new Map(TECHNOLOGIES.map((t) => [t, [t]]));
}

/**
 * What the schema cannot check about the money: `budget` or `financing`, not both; every
 * programme has money (appropriations, or unlimited); a top-up needs a limit to top up;
 * regions and listed settlements named by eligibility exist; population bounds leave
 * someone; every technology a settlement (or a motorway) may get is paid by some
 * programme; a budget cut names a programme of the scenario. Run after the settlements CSV
 * is read (eligibility may name listed settlements).
 *
 * @example financingProblems(s, where, undefined)   // [{ path: 'technology.rules[0].use', expected: 'a financing programme that pays for satellite ...' }]
 */
export function financingProblems(s: ScenarioFile, where: Locator, settlements: readonly SettlementRecord[] | undefined): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const add = (p: ScenarioProblem) => problems.push(p);
  const pays = programmePays(s);
  const ids = [...pays.keys()];
  (s.risks ?? []).forEach((r, i) => {
    const impact = r.impact as { type?: string; programme?: string };
    if (impact?.type !== 'budget-cut' || impact.programme === undefined || pays.has(impact.programme)) return;
    add({
      ...where(['risks', i, 'impact', 'programme']),
      expected: s.financing ? `a financing programme's id (${suggestion(impact.programme, ids)})` : `one of ${TECHNOLOGIES.join(', ')} (a budget line)`,
      found: `'${impact.programme}'`,
    });
  });
  if (!s.financing) return problems;
  if (hasBudget(s)) {
    add({ ...where(['financing']), expected: "either 'budget' (one line per technology) or 'financing' (programmes), not both — a file that extends one with a budget drops it with 'budget: null'", found: 'both' });
  }
  const regionIds = s.regions.map((r) => r.id);
  const listed = new Set((settlements ?? []).map((x) => x.id));
  s.financing.forEach((p: FinancingFile, i) => {
    if (p.unlimited !== true && p.appropriations === undefined) {
      add({ ...where(['financing', i]), expected: "'appropriations' per year, or 'unlimited: true'", found: 'neither' });
    }
    if (p.unlimited === true && p.topUp !== undefined) {
      add({ ...where(['financing', i, 'topUp']), expected: 'no top-up on an unlimited programme (it never runs out of money)', found: 'a topUp' });
    } else if (p.topUp !== undefined) {
      // Each top-up is share × the programme's total appropriations: 0 would top up nothing, again and again.
      const total = Object.values(p.appropriations ?? {}).reduce((a, b) => a + (typeof b === 'number' ? b : 0), 0);
      if (p.topUp.share === 0) add({ ...where(['financing', i, 'topUp', 'share']), expected: 'a share > 0 of the programme\'s total appropriations (a top-up of 0 adds nothing; leave topUp out instead)', found: '0' });
      else if (!(total > 0)) add({ ...where(['financing', i, 'topUp']), expected: `a programme with appropriations to top up (each top-up is share × their total, ${total} here)`, found: 'a topUp' });
    }
    const e = p.eligible;
    if (!e) return;
    e.regions?.forEach((id, j) => {
      if (!regionIds.includes(id)) add({ ...where(['financing', i, 'eligible', 'regions', j]), expected: `a region id declared in regions (${suggestion(id, regionIds)})`, found: `'${id}'` });
    });
    if (e.settlements !== undefined) {
      if (!settlements) add({ ...where(['financing', i, 'eligible', 'settlements']), expected: 'a settlements list (settlementsFile, or a status per settlement) whose ids it names', found: 'generated settlements, which have no ids' });
      else e.settlements.forEach((id, j) => {
        if (!listed.has(id)) add({ ...where(['financing', i, 'eligible', 'settlements', j]), expected: `the id of a listed settlement (${suggestion(id, [...listed].slice(0, 1000))})`, found: `'${id}'` });
      });
    }
    if (e.populationAtLeast !== undefined && e.populationBelow !== undefined && !(e.populationAtLeast < e.populationBelow)) {
      add({ ...where(['financing', i, 'eligible', 'populationBelow']), expected: `more than populationAtLeast (${e.populationAtLeast}): no settlement could be eligible`, found: String(e.populationBelow) });
    }
  });

  // Every technology work may need is paid for by some programme.
  const paid = new Set(s.financing.flatMap((p) => p.pays));
  const need = (tech: Technology, path: (string | number)[], why: string) => {
    if (!paid.has(tech)) add({ ...where(path), expected: `a financing programme that pays for ${tech} (${why}; 'unlimited: true' for no limit)`, found: `no programme pays for ${tech}` });
  };
  const todo = settlements?.filter((x) => !x.connected);
  const everyListedForced = todo !== undefined && todo.every((x) => x.technology !== undefined);
  if (!everyListedForced) {
    need(s.technology?.default ?? 'fibre', s.technology?.default !== undefined ? ['technology', 'default'] : ['financing'], 'the default technology');
    (s.technology?.rules ?? []).forEach((r, i) => need(r.use, ['technology', 'rules', i, 'use'], 'this rule assigns it'));
  }
  const forced = new Set((todo ?? []).flatMap((x) => (x.technology ? [x.technology] : [])));
  for (const t of forced) need(t, [s.settlementsFile !== undefined ? 'settlementsFile' : 'status'], 'listed settlements are to get it');
  if ((s.motorways ?? []).length > 0) need('mast', ['motorways'], 'motorway corridors are built by masts');
  // A service rule's jobs and a fallback's are work too: unpaid, they would wait at 'unfunded' for ever.
  for (const service of SERVICES) {
    const rules = s.services?.[service.key as keyof NonNullable<ScenarioFile['services']>]?.rules ?? [];
    if (rules.length > 0) need(service.tech, ['services', service.key, 'rules'], `these rules give settlements ${service.id}, which ${service.tech} jobs build`);
  }
  (s.fallback ?? []).forEach((f, i) => need(f.use, ['fallback', i, 'use'], 'this fallback switches jobs to it'));
  return problems;
}
