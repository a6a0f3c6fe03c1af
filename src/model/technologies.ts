import type { Technology } from './input.js';

/**
 * The technologies a settlement can be served by, in code order: typed arrays store a
 * technology as its index here (TechCode), and so do budget programmes (one line per
 * technology), crew pools and job kinds. This is the one place the list is spelled.
 * `household` (the last mile inside a village already on backbone fibre) is appended, so
 * the codes of the first three never move.
 *
 * @example TECH_NAMES[TECH_CODE.mast] === 'mast'
 */
export const TECH_NAMES = ['fibre', 'mast', 'satellite', 'household'] as const satisfies readonly Technology[];
export type TechCode = 0 | 1 | 2 | 3;
export const TECH_CODE: Readonly<Record<Technology, TechCode>> = { fibre: 0, mast: 1, satellite: 2, household: 3 };
export const N_TECH = TECH_NAMES.length;

/** The kinds of seasonal work calendar per region: buried fibre, aerial fibre, mast foundations. */
export const WORK_CALENDARS = ['buried', 'aerial', 'mast'] as const;
export type WorkCalendarKind = (typeof WORK_CALENDARS)[number];
export const N_WORK_CALENDARS = WORK_CALENDARS.length;
export const WORK_CALENDAR_CODE: Readonly<Record<WorkCalendarKind, number>> = { buried: 0, aerial: 1, mast: 2 };
