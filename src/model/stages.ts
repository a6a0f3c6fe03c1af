/**
 * Where a settlement's time goes. Every day between the start of the run and the
 * settlement's connection (or the horizon) is counted in exactly one of these, so a
 * planner can see the bottleneck: paperwork, money, crews or winter.
 */
export const WAIT_STAGES = [
  'design', // survey and design
  'approval', // land / right-of-way approval or permits
  'budget', // waiting for money (the year's appropriation spent)
  'crew', // waiting for a free crew
  'work', // crews working at full rate
  'winter', // crews holding the job through frozen or reduced-rate periods
  'commissioning', // splicing, testing, power and backhaul
  'procurement', // satellite terminals on order
] as const;
export type WaitStage = (typeof WAIT_STAGES)[number];
export const N_WAIT = WAIT_STAGES.length;
export const W_DESIGN = 0, W_APPROVAL = 1, W_BUDGET = 2, W_CREW = 3, W_WORK = 4, W_WINTER = 5, W_COMMISSIONING = 6, W_PROCUREMENT = 7;

/** Technology codes used in typed arrays. */
export const TECH_CODE = { fibre: 0, mast: 1, satellite: 2 } as const;
export const TECH_NAMES = ['fibre', 'mast', 'satellite'] as const;
