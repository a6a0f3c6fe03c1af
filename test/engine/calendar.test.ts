import { describe, it, expect } from 'vitest';
import { Calendar, WorkCalendar } from '../../src/engine/index.js';

describe('Calendar', () => {
  const cal = new Calendar('2026-01-01', 800);
  it('maps days to dates, months and years', () => {
    expect(cal.toIso(0)).toBe('2026-01-01');
    expect(cal.toIso(31.9)).toBe('2026-02-01');
    expect(cal.month(31)).toBe(1);
    expect(cal.dayOf('2027-01-01')).toBe(365);
    expect(cal.year(365)).toBe(2027);
    expect(cal.startOfYear(2028)).toBe(730);
    expect(cal.dayOf('2028-03-01')).toBe(790); // 2028 is a leap year
  });
  it('rejects impossible dates', () => {
    expect(() => new Calendar('2026-02-30', 10)).toThrow(RangeError);
    expect(() => cal.dayOf('31/12/2026')).toThrow(RangeError);
  });
});

describe('WorkCalendar', () => {
  const cal = new Calendar('2026-01-01', 800);
  const season = WorkCalendar.fromMonthly(cal, [0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0.5, 0]);
  it('pauses work outside the season and resumes it', () => {
    expect(season.finishTime(10, 10)).toBe(69); // nothing until 1 March (day 59)
    expect(season.finishTime(60.5, 2)).toBe(62.5);
    // From 25 October (day 297): 7 full days to 1 November (304), then 3 days of work at half rate take 6 days.
    expect(season.finishTime(297, 10)).toBe(310);
  });
  it('finds the next day work can or cannot progress', () => {
    // Frozen January-February (days 0-58) and December (day 334 on); half rate in November still works.
    expect(season.factorAt(10.5)).toBe(0);
    expect(season.nextWorking(10.5)).toBe(59);
    expect(season.nextWorking(60.25)).toBe(60.25);
    expect(season.nextIdle(60.25)).toBe(334);
    expect(season.nextIdle(40)).toBe(40);
    expect(season.nextWorking(760)).toBe(790); // 2028 is a leap year: 1 March is day 790
    expect(new WorkCalendar(new Float64Array(5)).nextWorking(1)).toBe(Infinity); // frozen to the end of the calendar
    expect(season.factorAt(-1)).toBe(0);
    // Days with no work at all before a time: 59 in January-February; none of November's half-rate days.
    expect(season.idleBefore(10.5)).toBe(10.5);
    expect(season.idleBefore(100)).toBe(59);
    expect(season.idleBefore(334)).toBe(59);
    expect(season.idleBefore(335.25)).toBe(60.25);
  });
  it('finishes at Infinity when the horizon comes first', () => {
    expect(season.finishTime(700, 1000)).toBe(Infinity);
    expect(WorkCalendar.always(10).finishTime(3, 0)).toBe(3);
  });
});
