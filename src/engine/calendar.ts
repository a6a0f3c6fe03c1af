const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses 'YYYY-MM-DD' to whole days since 1970-01-01 (UTC); NaN if not a real date. */
export function isoToEpochDay(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (!m) return NaN;
  const y = +m[1], mo = +m[2], d = +m[3];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return NaN;
  return t / MS_PER_DAY;
}

/** Whole days since 1970-01-01 to 'YYYY-MM-DD'. */
export function epochDayToIso(day: number): string {
  return new Date(Math.floor(day) * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * Calendar — maps simulated time (days since the start date, day 0 = the start date's
 * 00:00 UTC) to calendar dates, months and years. Day d covers [d, d+1).
 *
 * @example
 *   const cal = new Calendar('2026-01-01', 730);
 *   cal.toIso(31);          // '2026-02-01'
 *   cal.month(31);          // 1 (February)
 *   cal.dayOf('2027-01-01') // 365
 */
export class Calendar {
  readonly startEpochDay: number;
  /** Month (0-11) and year of every day in [0, horizonDays). */
  private readonly months: Uint8Array;
  private readonly years: Uint16Array;

  constructor(readonly startDate: string, readonly horizonDays: number) {
    this.startEpochDay = isoToEpochDay(startDate);
    if (Number.isNaN(this.startEpochDay)) throw new RangeError(`not a date (YYYY-MM-DD): ${startDate}`);
    if (!(horizonDays > 0 && Number.isInteger(horizonDays))) throw new RangeError(`horizon must be a positive whole number of days, got ${horizonDays}`);
    this.months = new Uint8Array(horizonDays);
    this.years = new Uint16Array(horizonDays);
    for (let d = 0; d < horizonDays; d++) {
      const date = new Date((this.startEpochDay + d) * MS_PER_DAY);
      this.months[d] = date.getUTCMonth();
      this.years[d] = date.getUTCFullYear();
    }
  }

  /** Simulated day of a 'YYYY-MM-DD' date (may be negative or beyond the horizon). */
  dayOf(iso: string): number {
    const e = isoToEpochDay(iso);
    if (Number.isNaN(e)) throw new RangeError(`not a date (YYYY-MM-DD): ${iso}`);
    return e - this.startEpochDay;
  }

  /** The date on which simulated time t falls. */
  toIso(t: number): string {
    return epochDayToIso(this.startEpochDay + Math.floor(t));
  }

  month(day: number): number {
    return day >= 0 && day < this.horizonDays ? this.months[day] : new Date((this.startEpochDay + Math.floor(day)) * MS_PER_DAY).getUTCMonth();
  }

  year(day: number): number {
    return day >= 0 && day < this.horizonDays ? this.years[day] : new Date((this.startEpochDay + Math.floor(day)) * MS_PER_DAY).getUTCFullYear();
  }

  /** Simulated day of 1 January of `year`. */
  startOfYear(year: number): number {
    return this.dayOf(`${String(year).padStart(4, '0')}-01-01`);
  }
}

/**
 * WorkCalendar — how much work a crew can do on each day (a factor 0..1 of its full rate),
 * and so when a job of a given size started at time t finishes. A crew that holds a job
 * through the winter simply makes no progress on factor-0 days and resumes in spring.
 *
 * Built from a factor per day; `fromMonthly` makes the usual seasonal one (e.g. buried
 * fibre: 0 from November to April). Progress within a day is linear, so results are exact
 * for whole-day factors. Work that cannot finish within the horizon finishes at Infinity.
 *
 * @example
 *   const wc = WorkCalendar.fromMonthly(cal, [0,0,0,1,1,1,1,1,1,1,0,0]);
 *   wc.finishTime(0, 10);   // 10 working days after 1 April if the calendar starts on 1 Jan
 */
export class WorkCalendar {
  /** cum[d] = full-rate days of work possible in [0, d). Length horizon + 1. */
  private readonly cum: Float64Array;
  /** idle[d] = days in [0, d) with a factor of 0 (no work at all). Length horizon + 1. */
  private readonly idle: Float64Array;

  constructor(readonly factors: Float64Array) {
    this.cum = new Float64Array(factors.length + 1);
    this.idle = new Float64Array(factors.length + 1);
    this.recompute();
  }

  /**
   * Recomputes the calendar after its factors were changed in place — how a replication
   * reuses one calendar for its own seasons (a harsh winter, a cable shortage) instead of
   * allocating a new one.
   */
  recompute(): void {
    const factors = this.factors, cum = this.cum, idle = this.idle;
    for (let d = 0; d < factors.length; d++) {
      const f = factors[d];
      if (!(f >= 0)) throw new RangeError(`work factor on day ${d} must be >= 0, got ${f}`);
      cum[d + 1] = cum[d] + f;
      idle[d + 1] = idle[d] + (f === 0 ? 1 : 0);
    }
  }

  static fromMonthly(cal: Calendar, monthly: readonly number[]): WorkCalendar {
    return new WorkCalendar(WorkCalendar.monthlyFactors(cal, monthly));
  }

  /** Factor per day from a factor per month (Jan..Dec). */
  static monthlyFactors(cal: Calendar, monthly: readonly number[]): Float64Array {
    if (monthly.length !== 12) throw new RangeError(`need 12 monthly factors, got ${monthly.length}`);
    const f = new Float64Array(cal.horizonDays);
    for (let d = 0; d < f.length; d++) f[d] = monthly[cal.month(d)];
    return f;
  }

  /** Always working at full rate. */
  static always(horizonDays: number): WorkCalendar {
    return new WorkCalendar(new Float64Array(horizonDays).fill(1));
  }

  get horizonDays(): number {
    return this.factors.length;
  }

  /** The work factor at time t (of the day t falls on; 0 outside the calendar). */
  factorAt(t: number): number {
    const d = Math.floor(t);
    return d >= 0 && d < this.factors.length ? this.factors[d] : 0;
  }

  /**
   * The first time from t on at which work can progress: t itself on a day with a factor
   * > 0, else the start of the next such day; Infinity if none within the calendar.
   *
   * @example wc.nextWorking(10.5)   // 59 when days 10-58 are frozen
   */
  nextWorking(t: number): number {
    const f = this.factors;
    let d = Math.max(0, Math.floor(t));
    if (d < f.length && f[d] > 0) return Math.max(t, d);
    while (++d < f.length) if (f[d] > 0) return d;
    return Infinity;
  }

  /**
   * The first time from t on at which work cannot progress: t itself on a day with a
   * factor of 0, else the start of the next such day; Infinity if none within the calendar.
   */
  nextIdle(t: number): number {
    const f = this.factors;
    let d = Math.max(0, Math.floor(t));
    if (d < f.length && f[d] === 0) return Math.max(t, d);
    while (++d < f.length) if (f[d] === 0) return d;
    return Infinity;
  }

  /** Full-rate days of work possible in [0, t). */
  capacityBefore(t: number): number {
    const h = this.factors.length;
    if (t <= 0) return 0;
    if (t >= h) return this.cum[h];
    const d = Math.floor(t);
    return this.cum[d] + this.factors[d] * (t - d);
  }

  /** Time in [0, t) on days with a factor of 0 (no work at all; beyond the calendar counts as working). */
  idleBefore(t: number): number {
    const h = this.factors.length;
    if (t <= 0) return 0;
    if (t >= h) return this.idle[h];
    const d = Math.floor(t);
    return this.idle[d] + (this.factors[d] === 0 ? t - d : 0);
  }

  /**
   * Earliest time at which `work` full-rate days, started at `start`, are done.
   * Infinity if the horizon ends first.
   */
  finishTime(start: number, work: number): number {
    if (!(work > 0)) return start;
    const cum = this.cum;
    const target = this.capacityBefore(start) + work;
    const h = this.factors.length;
    if (cum[h] < target) return Infinity;
    // Smallest j with cum[j] >= target; the work finishes during day j-1.
    let lo = Math.max(0, Math.floor(start)), hi = h;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] >= target) hi = mid; else lo = mid + 1;
    }
    const d = lo - 1;
    const t = d + (target - cum[d]) / this.factors[d];
    return t < start ? start : t;
  }
}
