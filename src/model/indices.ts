import { N_OFFICES } from './offices.js';
import { N_TECH, N_WORK_CALENDARS, WORK_CALENDAR_CODE, type TechCode, type WorkCalendarKind } from './technologies.js';

declare const brand: unique symbol;
/** A number that only the constructor functions below make, so two kinds of index cannot be mixed up. */
type Index<Name extends string> = number & { readonly [brand]: Name };

/** A (region, technology) pair: a crew pool, its utilisation. */
export type RegionTech = Index<'RegionTech'>;
/** A (region, office kind) pair: one approving office. */
export type RegionOffice = Index<'RegionOffice'>;
/** A (region, work calendar kind) pair: one seasonal work calendar. */
export type RegionWork = Index<'RegionWork'>;

/**
 * Flat indices for per-region tables: arrays of `regions × kinds` entries are indexed by
 * these, never by hand-written arithmetic, so a crew pool's index cannot be used for an
 * office or a calendar.
 *
 * @example crews[regionTech(r, TECH_CODE.fibre)].request(...)
 */
export const regionTech = (region: number, tech: TechCode | number): RegionTech => (region * N_TECH + tech) as RegionTech;
export const regionOffice = (region: number, office: number): RegionOffice => (region * N_OFFICES + office) as RegionOffice;
export const regionWork = (region: number, kind: WorkCalendarKind | number): RegionWork =>
  (region * N_WORK_CALENDARS + (typeof kind === 'number' ? kind : WORK_CALENDAR_CODE[kind])) as RegionWork;

/** Region and technology of a RegionTech. */
export const regionOfTech = (i: RegionTech): number => Math.floor(i / N_TECH);
export const techOf = (i: RegionTech): TechCode => (i % N_TECH) as TechCode;
