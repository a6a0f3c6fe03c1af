import { describe, it, expect } from 'vitest';
import { compileModel, regionTech, regionWork, TECH_CODE } from '../../src/model/index.js';
import { haltedCalendars, type RiskDraws } from '../../src/model/risks.js';
import { WORK_CALENDAR_CODE } from '../../src/model/technologies.js';
import { handScheduleInput } from '../fixtures/hand-schedule.js';
import { assumptions } from '../../src/report/html-assumptions.js';

/** The calendars a halting contractor default gives its pool's work (risks.ts, haltedCalendars). */

const m = compileModel(handScheduleInput()); // one region, frozen in January and February
const buried = regionWork(0, 'buried');
const kindOf = (tech: number) => (tech === TECH_CODE.satellite ? -1 : WORK_CALENDAR_CODE.buried); // fibre's work follows the buried calendar; satellite's none
const draws = (defaults: RiskDraws['defaults']): RiskDraws => ({ occurred: [], budgetCuts: [], defaults, winters: [], shortages: [] });
const zeros = (f: Float64Array) => Array.from(f).flatMap((x, t) => (x === 0 ? [t] : []));

describe('haltedCalendars', () => {
  it('is null when no default halts work (the season decides alone)', () => {
    expect(haltedCalendars(m, draws([]), m.workCalendars, kindOf)).toBeNull();
    expect(haltedCalendars(m, draws([{ region: 0, tech: TECH_CODE.fibre, start: 100, days: 30, halts: false }]), m.workCalendars, kindOf)).toBeNull();
  });

  it("stops the pool's season on the whole days a default covers, and only that pool's", () => {
    const seasonBefore = m.workCalendars[buried].factors.slice();
    const out = haltedCalendars(m, draws([{ region: 0, tech: TECH_CODE.fibre, start: 100, days: 2.5, halts: true }]), m.workCalendars, kindOf)!;
    const cal = out[regionTech(0, TECH_CODE.fibre)]!;
    const frozen = zeros(seasonBefore); // January and February of both years
    expect(zeros(cal.factors)).toEqual([...frozen.filter((t) => t < 100), 100, 101, 102, ...frozen.filter((t) => t > 102)]);
    // 2.5 days from day 100 stop days 100, 101 and 102: 3 days of capacity fewer from then on.
    expect(cal.capacityBefore(200) - cal.capacityBefore(99)).toBe(m.workCalendars[buried].capacityBefore(200) - m.workCalendars[buried].capacityBefore(99) - 3);
    expect(out[regionTech(0, TECH_CODE.mast)]).toBeUndefined();
    expect(m.workCalendars[buried].factors).toEqual(seasonBefore); // the season's calendar is not touched
  });

  it('stops work that has no season (satellite) as well, and adds overlapping defaults', () => {
    const out = haltedCalendars(m, draws([
      { region: 0, tech: TECH_CODE.satellite, start: 10, days: 3, halts: true },
      { region: 0, tech: TECH_CODE.satellite, start: 12, days: 2, halts: true },
    ]), m.workCalendars, kindOf)!;
    const cal = out[regionTech(0, TECH_CODE.satellite)]!;
    expect(zeros(cal.factors)).toEqual([10, 11, 12, 13]);
    expect(cal.factors.length).toBe(m.horizonDays);
    expect(cal.finishTime(9, 2)).toBe(15); // one day before, the other after the stop
  });
});

describe("the report's assumptions", () => {
  it('say whether a default stops the work in hand', () => {
    const s = handScheduleInput();
    const risk = (halts: boolean) => ({ id: 'd', label: 'Default', probability: 0.2, per: 'year' as const, impact: { type: 'contractor-default' as const, technology: 'fibre' as const, days: { dist: 'fixed' as const, value: 90 }, ...(halts ? { halts: true as const } : {}) } });
    expect(assumptions({ ...s, risks: [risk(true)] })).toContain('fibre crews of one region (at random) removed for 90 days, their work in hand stopped with them');
    expect(assumptions({ ...s, risks: [risk(false)] })).toContain('fibre crews of one region (at random) removed for 90 days (their work in hand is finished)');
  });
});
