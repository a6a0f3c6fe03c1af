import type { CompiledModel } from './compile.js';
import type { ModelInput, OfficeInput } from './input.js';
import { STAGES } from './stages.js';

/**
 * The offices a stage can queue at, one per region each: the right-of-way office for
 * fibre, the akimat's site allocation and the mast permit for masts (approving
 * authorities: office stages), and the design teams that survey and design fibre lines (a
 * limit on the designs a region works on at once: the design stage's desks). The key is
 * the scenario field (`fibre.approvalOffice`, `mast.siteOffice`, `mast.permitOffice`,
 * `fibre.designOffice`) and a region's own capacity override (`regions[].offices.<key>`).
 * Appended at the end: an office's code is its position here.
 */
export const OFFICES = [
  { key: 'approvalOffice', input: (i: ModelInput) => i.fibre.approvalOffice },
  { key: 'siteOffice', input: (i: ModelInput) => i.mast?.siteOffice },
  { key: 'permitOffice', input: (i: ModelInput) => i.mast?.permitOffice },
  { key: 'designOffice', input: (i: ModelInput) => i.fibre.designOffice },
] as const satisfies readonly { key: string; input: (i: ModelInput) => OfficeInput | undefined }[];

export type OfficeKey = (typeof OFFICES)[number]['key'];
export const OFFICE_CODE: Readonly<Record<OfficeKey, number>> = { approvalOffice: 0, siteOffice: 1, permitOffice: 2, designOffice: 3 };
export const N_OFFICES = OFFICES.length;

/**
 * The most office decisions a job of technology `tech` can have (--check): each office
 * stage of its pipeline decides at most maxRounds + 1 times; Infinity when a stage's
 * rounds are not bounded.
 *
 * @example maxDecisions(m, TECH_CODE.fibre)   // 3 with an approval office of maxRounds 2
 */
export function maxDecisions(m: CompiledModel, tech: number): number {
  let n = 0;
  for (const code of m.pipelines[tech]) {
    const key = STAGES[code].office;
    if (key === undefined || STAGES[code].handler !== 'office') continue;
    const office = m.offices[OFFICE_CODE[key]];
    if (office) n += (office.maxRounds ?? Infinity) + 1;
  }
  return n;
}
