import { WorkCalendar, stream } from '../engine/index.js';
import type { CompiledModel } from './compile.js';
import { regionWork } from './indices.js';
import { TECH_CODE } from './technologies.js';

/** The risks that occurred in one replication, resolved to days, regions and amounts. */
export interface RiskDraws {
  /** Every occurrence, for reporting: risk index and the day it struck. */
  occurred: { risk: number; day: number }[];
  /** programme: its index in m.financing.programmes (-1: none of the scenario's, no effect). */
  budgetCuts: { programme: number; year: number; share: number }[];
  defaults: { region: number; tech: number; start: number; days: number }[];
  winters: { year: number; extraDays: number; regions: Uint8Array | null }[];
  shortages: { start: number; days: number }[];
}

/**
 * Draws the risk register for replication `rep`. Each risk has its own stream and uses
 * four uniforms per period (occurrence, timing, duration, region) whether or not it
 * occurs, so options that share a risk see the same occurrences (common random numbers).
 */
export function drawRisks(m: CompiledModel, seed: number, rep: number): RiskDraws {
  const out: RiskDraws = { occurred: [], budgetCuts: [], defaults: [], winters: [], shortages: [] };
  (m.input.risks ?? []).forEach((risk, k) => {
    const u = stream(seed, rep, 'risk', risk.id);
    const periods = risk.per === 'run' ? 1 : m.years;
    for (let p = 0; p < periods; p++) {
      const uOcc = u(), uWhen = u(), uDays = u(), uRegion = u();
      if (!(uOcc < risk.probability)) continue;
      const y = risk.per === 'run' ? Math.min(m.years - 1, Math.floor(uWhen * m.years)) : p;
      const yearStart = m.calendar.startOfYear(m.firstYear + y);
      const start = Math.max(0, yearStart + Math.floor((risk.per === 'run' ? (uWhen * m.years) % 1 : uWhen) * 365));
      const impact = risk.impact;
      const days = m.dist.riskDays[k] ? Math.max(0, m.dist.riskDays[k]!.quantile(uDays)) : 0;
      switch (impact.type) {
        case 'harsh-winter': {
          let regions: Uint8Array | null = null;
          if (impact.regions && impact.regions.length > 0) {
            regions = new Uint8Array(m.regionIds.length);
            for (const id of impact.regions) regions[m.regionIndex.get(id)!] = 1;
          }
          out.winters.push({ year: y, extraDays: impact.extraDays, regions });
          out.occurred.push({ risk: k, day: Math.max(0, yearStart) });
          break;
        }
        case 'cable-shortage':
          out.shortages.push({ start, days });
          out.occurred.push({ risk: k, day: start });
          break;
        case 'contractor-default': {
          const region = impact.region !== undefined ? m.regionIndex.get(impact.region)! : Math.min(m.regionIds.length - 1, Math.floor(uRegion * m.regionIds.length));
          out.defaults.push({ region, tech: TECH_CODE[impact.technology], start, days });
          out.occurred.push({ risk: k, day: start });
          break;
        }
        case 'budget-cut':
          // The programme's index among the scenario's financing programmes (a budget line's is its technology's code).
          out.budgetCuts.push({ programme: m.financing.index.get(impact.programme) ?? -1, year: y, share: impact.share });
          out.occurred.push({ risk: k, day: Math.max(0, yearStart) });
          break;
      }
    }
  });
  return out;
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
    const from = Math.max(1, m.calendar.startOfYear(m.firstYear + w.year));
    for (let r = 0; r < m.regionIds.length; r++) {
      if (w.regions && !w.regions[r]) continue;
      for (const kind of ['buried', 'mast'] as const) { // buried fibre and mast foundations; aerial work is not frozen out
        const i = regionWork(r, kind);
        const base = m.workCalendars[i].factors;
        // The thaw: the first day of the year with work after a day without.
        let thaw = -1;
        for (let t = from; t < Math.min(H, from + 366); t++) if (base[t] > 0 && base[t - 1] === 0) { thaw = t; break; }
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
