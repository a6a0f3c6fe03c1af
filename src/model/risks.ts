import { WorkCalendar, stream } from '../engine/index.js';
import type { CompiledModel } from './compile.js';
import { regionTech, regionWork, type RegionTech } from './indices.js';
import { thawOf, yearSpan } from './seasons.js';
import { TECH_CODE } from './technologies.js';

/** The risks that occurred in one replication, resolved to days, regions and amounts. */
export interface RiskDraws {
  /** Every occurrence, for reporting: risk index and the day it struck. */
  occurred: { risk: number; day: number }[];
  /** programme: its index in m.financing.programmes (-1: none of the scenario's, no effect). */
  budgetCuts: { programme: number; year: number; share: number }[];
  /** halts: the work the pool's crews have in hand stops for the days too (see haltedCalendars). */
  defaults: { region: number; tech: number; start: number; days: number; halts: boolean }[];
  winters: { year: number; extraDays: number; regions: Uint8Array | null }[];
  shortages: { start: number; days: number }[];
}

/**
 * Draws the risk register for replication `rep`. Each risk has its own stream and uses
 * four uniforms per period (occurrence, timing, duration, region) whether or not it
 * occurs, so options that share a risk see the same occurrences (common random numbers).
 *
 * A risk per year strikes a budget year with its probability times the share of that
 * year the run simulates (a run starting on 1 October has a quarter of a year of risk in
 * its first year, not a whole one), on a day uniform over the simulated part of the year.
 * A risk per run strikes on a day uniform over the whole run. A harsh winter has no day:
 * the year-y harsh winter lengthens the winter that ends in the spring of year y, so it
 * can strike only a year whose spring is simulated in some region it covers (with its
 * full probability), and two can never hit the same spring (see seasons.ts).
 */
export function drawRisks(m: CompiledModel, seed: number, rep: number): RiskDraws {
  const out: RiskDraws = { occurred: [], budgetCuts: [], defaults: [], winters: [], shortages: [] };
  const H = m.horizonDays;
  (m.input.risks ?? []).forEach((risk, k) => {
    const u = stream(seed, rep, 'risk', risk.id);
    const impact = risk.impact;
    const winter = impact.type === 'harsh-winter' ? winterRegions(m, impact.regions) : null;
    const springs = winter ? springYears(m, winter) : null;
    const periods = risk.per === 'run' ? 1 : m.years;
    for (let p = 0; p < periods; p++) {
      const uOcc = u(), uWhen = u(), uDays = u(), uRegion = u();
      let y: number, start: number;
      if (risk.per === 'run') {
        if (!(uOcc < risk.probability)) continue;
        if (springs) {
          if (springs.length === 0) continue;
          y = springs[Math.min(springs.length - 1, Math.floor(uWhen * springs.length))];
          start = yearSpan(m, y)[0];
        } else {
          start = Math.min(H - 1, Math.floor(uWhen * H));
          y = Math.min(m.years - 1, Math.max(0, m.calendar.year(start) - m.firstYear));
        }
      } else {
        y = p;
        const [from, to, share] = yearSpan(m, y);
        if (springs) {
          if (!springs.includes(y) || !(uOcc < risk.probability)) continue;
        } else if (!(uOcc < risk.probability * share)) continue;
        start = from + Math.min(to - from - 1, Math.floor(uWhen * (to - from)));
      }
      const days = m.dist.riskDays[k] ? Math.max(0, m.dist.riskDays[k]!.quantile(uDays)) : 0;
      switch (impact.type) {
        case 'harsh-winter':
          out.winters.push({ year: y, extraDays: impact.extraDays, regions: winter!.mask });
          out.occurred.push({ risk: k, day: start });
          break;
        case 'cable-shortage':
          out.shortages.push({ start, days });
          out.occurred.push({ risk: k, day: start });
          break;
        case 'contractor-default': {
          const region = impact.region !== undefined ? m.regionIndex.get(impact.region)! : Math.min(m.regionIds.length - 1, Math.floor(uRegion * m.regionIds.length));
          out.defaults.push({ region, tech: TECH_CODE[impact.technology], start, days, halts: impact.halts === true });
          out.occurred.push({ risk: k, day: start });
          break;
        }
        case 'budget-cut':
          // The programme's index among the scenario's financing programmes (a budget line's is its technology's code).
          out.budgetCuts.push({ programme: m.financing.index.get(impact.programme) ?? -1, year: y, share: impact.share });
          out.occurred.push({ risk: k, day: yearSpan(m, y)[0] });
          break;
      }
    }
  });
  return out;
}

/** The regions a harsh winter covers: a mask (null = every region) and their indices. */
function winterRegions(m: CompiledModel, ids: string[] | undefined): { mask: Uint8Array | null; list: number[] } {
  if (!ids || ids.length === 0) return { mask: null, list: m.regionIds.map((_, r) => r) };
  const mask = new Uint8Array(m.regionIds.length);
  for (const id of ids) mask[m.regionIndex.get(id)!] = 1;
  return { mask, list: m.regionIds.flatMap((_, r) => (mask[r] ? [r] : [])) };
}

/** Budget years whose spring is simulated in some region a harsh winter covers (buried fibre or mast work). */
function springYears(m: CompiledModel, w: { list: number[] }): number[] {
  const years: number[] = [];
  for (let y = 0; y < m.years; y++) if (w.list.some((r) => thawOf(m, r, 'buried', y) >= 0 || thawOf(m, r, 'mast', y) >= 0)) years.push(y);
  return years;
}

/**
 * Work calendars for this replication, into `out` (by regionWork): the compiled ones, with
 * frozen seasons lengthened by harsh winters and fibre work stopped during cable
 * shortages. A calendar a risk touches is rebuilt in `scratch` (one reusable calendar per
 * region and kind of work); the others are the compiled ones.
 */
export function applyRiskCalendars(m: CompiledModel, d: RiskDraws, scratch: WorkCalendar[] = m.workCalendars.map((c) => new WorkCalendar(new Float64Array(c.factors.length))), out: WorkCalendar[] = []): WorkCalendar[] {
  for (let i = 0; i < m.workCalendars.length; i++) out[i] = m.workCalendars[i];
  if (d.winters.length === 0 && d.shortages.length === 0) return out;
  const edit = (i: number) => {
    if (out[i] !== scratch[i]) { scratch[i].factors.set(m.workCalendars[i].factors); out[i] = scratch[i]; }
    return scratch[i].factors;
  };
  const H = m.horizonDays;
  for (const w of d.winters) {
    for (let r = 0; r < m.regionIds.length; r++) {
      if (w.regions && !w.regions[r]) continue;
      for (const kind of ['buried', 'mast'] as const) { // buried fibre and mast foundations; aerial work is not frozen out
        const i = regionWork(r, kind);
        // The thaw that ends the winter of the spring of its year (none: nothing to lengthen).
        const thaw = thawOf(m, r, kind, w.year);
        if (thaw < 0) continue;
        const f = edit(i);
        for (let t = thaw; t < Math.min(H, thaw + w.extraDays); t++) f[t] = 0;
      }
    }
  }
  for (const s of d.shortages) {
    for (let r = 0; r < m.regionIds.length; r++) {
      for (const kind of ['buried', 'aerial'] as const) {
        const f = edit(regionWork(r, kind));
        for (let t = Math.max(0, s.start); t < Math.min(H, s.start + s.days); t++) f[t] = 0;
      }
    }
  }
  for (let i = 0; i < out.length; i++) if (out[i] === scratch[i]) scratch[i].recompute();
  return out;
}

/**
 * The calendars the work of a crew pool hit by a halting contractor default progresses by
 * (by regionTech; undefined: the pool's season's calendar, `seasonal`), or null when no
 * default of this replication halts work. Each is the pool's season's calendar (always
 * working for work that is not seasonal: `kindOf` gives -1) with no capacity on the whole
 * days a halting default covers, as a cable shortage stops laying: the crews keep their jobs
 * and resume them after. Only the work is halted: when a job may take a crew is still the
 * season's (the default has taken the crews away for its days anyway).
 */
export function haltedCalendars(m: CompiledModel, d: RiskDraws, seasonal: readonly WorkCalendar[], kindOf: (tech: number) => number): (WorkCalendar | undefined)[] | null {
  let out: (WorkCalendar | undefined)[] | null = null;
  const H = m.horizonDays;
  for (const x of d.defaults) {
    if (!x.halts) continue;
    out ??= [];
    const pool: RegionTech = regionTech(x.region, x.tech);
    let cal = out[pool];
    if (cal === undefined) {
      const kind = kindOf(x.tech);
      cal = new WorkCalendar(kind < 0 ? new Float64Array(H).fill(1) : seasonal[regionWork(x.region, kind)].factors.slice());
      out[pool] = cal;
    }
    for (let t = Math.max(0, x.start); t < Math.min(H, x.start + x.days); t++) cal.factors[t] = 0;
  }
  if (out) for (const cal of out) cal?.recompute();
  return out;
}

/**
 * --check: every risk struck within the run, and every harsh winter in a year whose spring
 * is simulated in a region it covers. Returns what is wrong, or null.
 */
export function riskProblem(m: CompiledModel, d: RiskDraws): string | null {
  for (const o of d.occurred) if (!(o.day >= 0 && o.day < m.horizonDays)) return `risk ${m.input.risks![o.risk].id} struck on day ${o.day}, outside the run`;
  for (const w of d.winters) {
    const spring = m.regionIds.some((_, r) => (!w.regions || w.regions[r] === 1) && (thawOf(m, r, 'buried', w.year) >= 0 || thawOf(m, r, 'mast', w.year) >= 0));
    if (!spring) return `a harsh winter struck ${m.firstYear + w.year}, whose spring is not simulated`;
  }
  return null;
}
