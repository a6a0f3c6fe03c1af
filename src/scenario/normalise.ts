import type { DistributionSpec } from '../engine/index.js';
import type {
  BudgetInput, CapacityInput, FactorsInput, FibreMethod, MastInput, ModelInput, NationalCrewsInput, OfficeInput, Programme, RegionInput, RiskImpact,
  SeasonInput, ServiceRule, ServicesInput, SettlementRecord, TargetDefinition, TargetInput, TargetReadingInput, Technology,
} from '../model/input.js';
import { servicesOfTechnologies, type ServiceId } from '../model/services.js';
import { TECHNOLOGIES } from '../model/input.js';
import { FACTOR_KINDS } from '../model/factor-kinds.js';
import type { ScenarioProblem } from './problems.js';
import type { Path } from './paths.js';
import type { Locator } from './schema.js';
import { ALL_YEAR_SEASON, type AlternativeFile, type DistributionField, type OfficeFile, type PerMethodField, type RegionFile, type RiskImpactFile, type ScenarioFile, type TargetFile } from './file-types.js';
import { toSpec } from './distribution-field.js';
import { financingInput } from './financing.js';

/**
 * From the friendly file shape to the model's ModelInput: defaults filled in (written
 * once, here, and listed in scenarios/README.md), every number turned into a
 * DistributionSpec, `when:` blocks flattened, region counts taken from the settlements
 * list when there is one. The model can then trust its input completely.
 */

/** Defaults for optional fields. Generic (not about any country): zero-length stages, no cost, no limit. */
export const DEFAULTS = {
  currency: 'currency units',
  reportEveryDays: 7,
  coverageTechnologies: ['fibre'] as const,
  ordering: 'population-desc' as const,
  technologyDefault: 'fibre' as const,
  fibreMethod: 'buried' as const,
  productivityFactor: 1,
  carryOver: true,
  operatorShare: 0,
  settlementsPerMast: 1,
  preAllocatedSites: false,
  officeRejection: 0,
  winterMobilisation: true,
  cancelFibre: false,
};

/** Twelve months of full work: the season of regions that name none. */
const FULL_YEAR: SeasonInput = { buried: Array(12).fill(1), aerial: Array(12).fill(1) };

const fixed = (value: number): DistributionSpec => ({ dist: 'fixed', value });

export function toModelInput(s: ScenarioFile, settlements: SettlementRecord[] | undefined, where: Locator, problems: ScenarioProblem[]): ModelInput {
  const spec = (field: Parameters<typeof toSpec>[0] | undefined, path: Path, sign: Parameters<typeof toSpec>[3], dflt: number) =>
    field === undefined ? fixed(dflt) : toSpec(field, path, where, sign, problems);

  // The built-in 'all-year' season is added only when a region uses it without declaring it.
  const seasons: Record<string, SeasonInput> = {};
  if (!s.seasons?.[ALL_YEAR_SEASON] && s.regions.some((r) => (r.season ?? ALL_YEAR_SEASON) === ALL_YEAR_SEASON)) {
    seasons[ALL_YEAR_SEASON] = { buried: [...FULL_YEAR.buried], aerial: [...FULL_YEAR.aerial] };
  }
  for (const [name, season] of Object.entries(s.seasons ?? {})) {
    seasons[name] = { buried: [...season.buried], aerial: [...season.aerial], ...(season.mast ? { mast: [...season.mast] } : {}) };
  }

  const regions: RegionInput[] = s.regions.map((r, i) => {
    const listed = settlements?.filter((x) => x.region === r.id);
    const region: RegionInput = {
      id: r.id,
      name: r.name,
      settlements: listed ? listed.length : r.settlements!,
      connected: listed ? listed.filter((x) => x.connected).length : r.connected!,
      season: r.season ?? ALL_YEAR_SEASON,
      // Household crews only where given, so scenarios without them keep their identity.
      crews: { fibre: r.crews?.fibre ?? 0, mast: r.crews?.mast ?? 0, satellite: r.crews?.satellite ?? 0, ...(r.crews?.household !== undefined ? { household: r.crews.household } : {}) },
      productivityFactor: r.productivityFactor ?? DEFAULTS.productivityFactor,
      ...(r.offices && Object.keys(r.offices).length > 0 ? { offices: { ...r.offices } } : {}),
      ...startingServices(r.services),
    };
    if (r.population !== undefined) region.population = toSpec(r.population, ['regions', i, 'population'], where, 'nonNegative', problems);
    if (r.backboneKm !== undefined) region.backboneKm = toSpec(r.backboneKm, ['regions', i, 'backboneKm'], where, 'nonNegative', problems);
    return region;
  });

  // With a settlements list the generating distributions may be left out; the list must
  // then give every distance the regions do not.
  const sd = s.settlementDefaults ?? {};
  if (settlements && sd.backboneKm === undefined) {
    const withOverride = new Set(s.regions.filter((r) => r.backboneKm !== undefined).map((r) => r.id));
    const missing = settlements.filter((x) => !x.connected && x.backboneKm === undefined && !withOverride.has(x.region));
    if (missing.length > 0) {
      const which = `'${missing[0].id}'${missing.length > 1 ? ` and ${missing.length - 1} more` : ''}`;
      problems.push({ ...where(['settlementDefaults']), expected: 'settlementDefaults.backboneKm, or a backboneKm for every listed settlement not yet connected', found: `no distance for ${which}` });
    }
  }

  const ordering = s.ordering ?? DEFAULTS.ordering;
  // 'plan' follows planOrder, else the file's row order (or, for generated settlements,
  // generation order). A planOrder on some rows but not others is ambiguous.
  if (ordering === 'plan' && settlements) {
    const without = settlements.filter((x) => x.planOrder === undefined);
    if (without.length > 0 && without.length < settlements.length) {
      problems.push({ ...where(['ordering']), expected: "a planOrder on every listed settlement (or on none, to follow the file's row order) when ordering is 'plan'", found: `${without.length} settlements without one (first: '${without[0].id}')` });
    }
  }

  const perMethod = (field: PerMethodField | undefined, key: string, sign: 'positive' | 'nonNegative', dflt: number | undefined): Record<FibreMethod, DistributionSpec> => {
    const path = ['fibre', key];
    if (field === undefined) return { buried: fixed(dflt ?? 0), aerial: fixed(dflt ?? 0) };
    if (typeof field === 'number' || 'dist' in field) {
      const one = toSpec(field as Parameters<typeof toSpec>[0], path, where, sign, problems);
      return { buried: one, aerial: one };
    }
    const m = field as Record<FibreMethod, Parameters<typeof toSpec>[0]>;
    return { buried: toSpec(m.buried, [...path, 'buried'], where, sign, problems), aerial: toSpec(m.aerial, [...path, 'aerial'], where, sign, problems) };
  };

  const budget: Partial<Record<Programme, BudgetInput>> = {};
  for (const prog of TECHNOLOGIES) {
    const b = s.budget?.[prog];
    if (!b) continue;
    const years = Object.keys(b.appropriations ?? {}).sort();
    budget[prog] = {
      unlimited: b.unlimited ?? false,
      appropriations: Object.fromEntries(years.map((y) => [y, b.appropriations![y]])),
      carryOver: b.carryOver ?? DEFAULTS.carryOver,
      // Written only when it is not the default, so that spelling the default out keeps the identity.
      ...((b.operatorShare ?? DEFAULTS.operatorShare) !== DEFAULTS.operatorShare ? { operatorShare: b.operatorShare } : {}),
    };
  }

  const office = (o: OfficeFile, path: Path): OfficeInput => ({
    capacity: o.capacity ?? null,
    rejection: o.rejection ?? DEFAULTS.officeRejection,
    resubmission: spec(o.resubmission, [...path, 'resubmission'], 'nonNegative', 0),
    // Bounded re-reviews (issue 11): written only when given, so older scenarios keep their identity.
    ...(o.rereview !== undefined ? { rereview: toSpec(o.rereview, [...path, 'rereview'], where, 'nonNegative', problems) } : {}),
    ...(o.maxRounds !== undefined ? { maxRounds: o.maxRounds } : {}),
  });

  let mast: MastInput | undefined;
  if (s.mast) {
    const m = s.mast;
    mast = {
      settlementsPerMast: m.settlementsPerMast ?? DEFAULTS.settlementsPerMast,
      siteAllocation: spec(m.siteAllocation, ['mast', 'siteAllocation'], 'nonNegative', 0),
      ...(m.siteOffice ? { siteOffice: office(m.siteOffice, ['mast', 'siteOffice']) } : {}),
      // A date: skipped from that date on (kept as written, so `true`/`false` keep their identity).
      preAllocatedSites: m.preAllocatedSites ?? DEFAULTS.preAllocatedSites,
      permit: spec(m.permit, ['mast', 'permit'], 'nonNegative', 0),
      ...(m.permitOffice ? { permitOffice: office(m.permitOffice, ['mast', 'permitOffice']) } : {}),
      construction: spec(m.construction, ['mast', 'construction'], 'nonNegative', 0),
      powerAndBackhaul: spec(m.powerAndBackhaul, ['mast', 'powerAndBackhaul'], 'nonNegative', 0),
      cost: spec(m.cost, ['mast', 'cost'], 'nonNegative', 0),
    };
  }

  // Factors: only those that do something (a fixed 1 is the same as leaving it out). A
  // distribution is the national factor; `{ national, regional, yearly }` gives its parts.
  const factors: FactorsInput = {}, regionalFactors: FactorsInput = {}, yearlyFactors: FactorsInput = {};
  for (const key of FACTOR_KINDS) {
    const f = s.factors?.[key];
    if (f === undefined) continue;
    const parts = typeof f === 'number' || 'dist' in f ? { national: f as DistributionField } : f;
    for (const [part, into] of [['national', factors], ['regional', regionalFactors], ['yearly', yearlyFactors]] as const) {
      const field = parts[part];
      if (field === undefined) continue;
      const d = toSpec(field, parts === f ? ['factors', key, part] : ['factors', key], where, 'factor', problems);
      if (!(d.dist === 'fixed' && d.value === 1)) into[key] = d;
    }
  }

  const impact = (x: RiskImpactFile, path: Path): RiskImpact => {
    switch (x.type) {
      case 'harsh-winter': return { type: x.type, extraDays: x.extraDays, ...(x.regions ? { regions: [...x.regions] } : {}) };
      case 'cable-shortage': return { type: x.type, days: toSpec(x.days, [...path, 'days'], where, 'nonNegative', problems) };
      case 'contractor-default': return {
        type: x.type, technology: x.technology, days: toSpec(x.days, [...path, 'days'], where, 'nonNegative', problems),
        ...(x.region !== undefined ? { region: x.region } : {}),
        // false is the default: left out, so a scenario that spells it out reads the same.
        ...(x.halts === true ? { halts: true as const } : {}),
      };
      case 'budget-cut': return { type: x.type, programme: x.programme, share: x.share };
    }
  };

  let nationalCrews: NationalCrewsInput | undefined;
  if (s.nationalCrews) {
    const n = s.nationalCrews;
    const crews: Partial<Record<Technology, number>> = { fibre: n.crews?.fibre ?? 0, mast: n.crews?.mast ?? 0, satellite: n.crews?.satellite ?? 0, ...(n.crews?.household !== undefined ? { household: n.crews.household } : {}) };
    nationalCrews = { crews, travelDays: spec(n.travelDays, ['nationalCrews', 'travelDays'], 'nonNegative', 0), rebalanceEveryDays: n.rebalanceEveryDays, ...(n.shareBy !== undefined ? { shareBy: n.shareBy } : {}) };
  }

  // Delivery capacity (issue 11): per technology, crews growing towards what is under contract.
  const capacity: Partial<Record<Technology, CapacityInput>> = {};
  for (const tech of TECHNOLOGIES) {
    const c = s.capacity?.[tech];
    if (!c) continue;
    const path = ['capacity', tech];
    const national = typeof c.contracted === 'number' || 'dist' in c.contracted;
    capacity[tech] = {
      contracted: national
        ? toSpec(c.contracted as DistributionField, [...path, 'contracted'], where, 'nonNegative', problems)
        : { ...(c.contracted as Record<string, number>) },
      ...(c.from !== undefined ? { from: c.from } : {}),
      tender: spec(c.tender, [...path, 'tender'], 'nonNegative', 0),
      mobilisation: spec(c.mobilisation, [...path, 'mobilisation'], 'nonNegative', 0),
      growthPerMonth: toSpec(c.growthPerMonth, [...path, 'growthPerMonth'], where, 'nonNegative', problems),
      winterMobilisation: c.winterMobilisation ?? DEFAULTS.winterMobilisation,
      ...(c.deploy === 'national' ? { deploy: 'national' as const } : {}),
    };
  }

  const input: ModelInput = {
    name: s.name,
    start: s.start,
    horizon: s.horizon,
    currency: s.currency ?? DEFAULTS.currency,
    targets: s.targets.map((t) => targetInput(t, s.coverageTechnologies ?? DEFAULTS.coverageTechnologies)),
    coverageTechnologies: [...(s.coverageTechnologies ?? DEFAULTS.coverageTechnologies)],
    seasons,
    regions,
    settlementDefaults: {
      // Unused placeholders (fixed 0) only when a settlements list makes them unnecessary (checked above).
      population: spec(sd.population, ['settlementDefaults', 'population'], 'nonNegative', 0),
      backboneKm: spec(sd.backboneKm, ['settlementDefaults', 'backboneKm'], 'nonNegative', 0),
    },
    technology: {
      rules: (s.technology?.rules ?? []).map((r) => ({
        ...(r.when.populationBelow !== undefined ? { populationBelow: r.when.populationBelow } : {}),
        ...(r.when.backboneKmAbove !== undefined ? { backboneKmAbove: r.when.backboneKmAbove } : {}),
        use: r.use,
      })),
      default: s.technology?.default ?? DEFAULTS.technologyDefault,
    },
    ordering,
    fibre: {
      design: spec(s.fibre.design, ['fibre', 'design'], 'nonNegative', 0),
      approval: spec(s.fibre.approval, ['fibre', 'approval'], 'nonNegative', 0),
      method: s.fibre.method ?? DEFAULTS.fibreMethod,
      kmPerDay: perMethod(s.fibre.kmPerDay, 'kmPerDay', 'positive', undefined),
      costPerKm: perMethod(s.fibre.costPerKm, 'costPerKm', 'nonNegative', 0),
      nodeCost: spec(s.fibre.nodeCost, ['fibre', 'nodeCost'], 'nonNegative', 0),
      commissioning: spec(s.fibre.commissioning, ['fibre', 'commissioning'], 'nonNegative', 0),
      ...(s.fibre.approvalOffice ? { approvalOffice: office(s.fibre.approvalOffice, ['fibre', 'approvalOffice']) } : {}),
      // A limit on designs at once (issue 11): an office that decides nothing.
      ...(s.fibre.designOffice ? { designOffice: office({ capacity: s.fibre.designOffice.capacity }, ['fibre', 'designOffice']) } : {}),
    },
    budget,
    crewChanges: (s.crewChanges ?? []).map((c) => ({
      date: c.date, technology: c.technology,
      ...(c.region !== undefined ? { region: c.region } : {}),
      ...(c.add !== undefined ? { add: c.add } : {}),
      ...(c.multiply !== undefined ? { multiply: c.multiply } : {}),
    })),
    reportEveryDays: s.reportEveryDays ?? DEFAULTS.reportEveryDays,
  };
  if (s.satellite) {
    input.satellite = {
      procurement: spec(s.satellite.procurement, ['satellite', 'procurement'], 'nonNegative', 0),
      install: spec(s.satellite.install, ['satellite', 'install'], 'nonNegative', 0),
      cost: spec(s.satellite.cost, ['satellite', 'cost'], 'nonNegative', 0),
    };
  }
  if (mast) input.mast = mast;
  if (s.household) {
    input.household = {
      design: spec(s.household.design, ['household', 'design'], 'nonNegative', 0),
      work: spec(s.household.work, ['household', 'work'], 'nonNegative', 0),
      cost: spec(s.household.cost, ['household', 'cost'], 'nonNegative', 0),
    };
  }
  const services = servicesInput(s.services);
  if (services) input.services = services;
  // Empty lists and sections are left out: writing `risks: []` is the same as not writing it.
  if ((s.motorways ?? []).length > 0) {
    input.motorways = s.motorways!.map((mw, i) => ({
      id: mw.id, label: mw.label, region: mw.region, km: mw.km, mastEveryKm: mw.mastEveryKm,
      ...(mw.mastCost !== undefined ? { mastCost: spec(mw.mastCost, ['motorways', i, 'mastCost'], 'nonNegative', 0) } : {}),
    }));
  }
  if (Object.keys(factors).length > 0) input.factors = factors;
  if (Object.keys(regionalFactors).length > 0) input.regionalFactors = regionalFactors;
  if (Object.keys(yearlyFactors).length > 0) input.yearlyFactors = yearlyFactors;
  if ((s.risks ?? []).length > 0) {
    input.risks = s.risks!.map((r, i) => ({ id: r.id, label: r.label, probability: r.probability, per: r.per, impact: impact(r.impact, ['risks', i, 'impact']) }));
  }
  if (nationalCrews) input.nationalCrews = nationalCrews;
  if (Object.keys(capacity).length > 0) input.capacity = capacity;
  // Fallback policy (issue 11): rules in order.
  if ((s.fallback ?? []).length > 0) {
    input.fallback = s.fallback!.map((f, i) => ({
      after: f.after, use: f.use, lead: spec(f.lead, ['fallback', i, 'lead'], 'nonNegative', 0), cancelFibre: f.cancelFibre ?? DEFAULTS.cancelFibre,
    }));
  }
  if ((s.deliveryRecord ?? []).length > 0) {
    input.deliveryRecord = s.deliveryRecord!.map((d) => ({
      id: d.id, label: d.label, kind: d.kind,
      ...(d.series !== undefined ? { series: d.series } : {}),
      ...(d.perYear !== undefined ? { perYear: typeof d.perYear === 'number' ? { min: d.perYear, max: d.perYear } : { min: d.perYear.min, max: d.perYear.max } } : {}),
      ...(d.year !== undefined ? { year: d.year } : {}),
      ...(d.planned !== undefined ? { planned: d.planned } : {}),
      ...(d.delivered !== undefined ? { delivered: d.delivered } : {}),
      source: d.source,
    }));
  }
  Object.assign(input, financingInput(s, where, problems)); // financing programmes and inflation (src/scenario/financing.ts)
  if (s.description !== undefined) input.description = s.description;
  if (settlements) input.settlements = settlements;
  return input;
}

/** A region's other services at the start, when it gives any (absent otherwise, so the scenario's identity stays). */
function startingServices(counts: RegionFile['services']): Pick<RegionInput, 'services'> {
  const given = Object.entries(counts ?? {}).filter(([, v]) => v !== undefined);
  return given.length > 0 ? { services: Object.fromEntries(given) } : {};
}

/** The service rules with `when:` flattened; undefined when the scenario has none. */
function servicesInput(file: ScenarioFile['services']): ServicesInput | undefined {
  if (!file) return undefined;
  const out: ServicesInput = {};
  for (const key of ['mobile', 'householdFibre', 'satellite'] as const) {
    const section = file[key];
    if (!section) continue;
    out[key] = {
      rules: (section.rules ?? []).map((r): ServiceRule => ({
        ...r.when,
        ...(r.when?.regions ? { regions: [...r.when.regions] } : {}),
        ...(r.max !== undefined ? { max: r.max } : {}),
      })),
    };
  }
  return out;
}

/**
 * A target as the model reads it, each alternative resolved against it: a field the
 * alternative leaves out is the target's. An alternative that names `services` without a
 * metric is a `share` (a `count` when the target is one); one that changes between share
 * and count metrics, or away from fibre-share / coverage-share, takes the target's services
 * (its aliases resolved) unless it names its own. `denominator: null` drops the target's.
 */
export function targetInput(t: TargetFile, coverageTechnologies: readonly Technology[]): TargetInput {
  const definition = (d: TargetFile | AlternativeFile, base?: TargetDefinition): TargetDefinition => {
    const metric = d.metric ?? (d.services ? (base?.metric === 'count' ? 'count' : 'share') : base!.metric);
    const bySettlements = metric === 'share' || metric === 'count';
    const services = bySettlements ? d.services ?? base?.services ?? (base ? aliasServices(base.metric, coverageTechnologies) : undefined) : undefined;
    const regions = d.regions !== undefined ? d.regions : base?.regions;
    const denominator = d.denominator === null ? undefined : d.denominator ?? base?.denominator;
    return {
      metric, threshold: d.threshold ?? base!.threshold, deadline: d.deadline ?? base!.deadline,
      ...(services ? { services: [...services] } : {}),
      ...(regions && regions.length > 0 ? { regions: [...regions] } : {}),
      ...(denominator !== undefined && metric !== 'count' && metric !== 'motorway-share' ? { denominator } : {}),
    };
  };
  const own = definition(t);
  return {
    id: t.id, label: t.label, ...own,
    ...(t.alternatives && t.alternatives.length > 0 ? { alternatives: t.alternatives.map((a): TargetReadingInput => ({ id: a.id, label: a.label, ...definition(a, own) })) } : {}),
  };
}

/** The services fibre-share (backbone fibre) and coverage-share (what the coverage technologies build) count. */
function aliasServices(metric: TargetDefinition['metric'], coverageTechnologies: readonly Technology[]): ServiceId[] | undefined {
  if (metric === 'fibre-share') return ['backbone-fibre'];
  if (metric === 'coverage-share') return servicesOfTechnologies(coverageTechnologies);
  return undefined;
}
