import type { ModelInput, OfficeInput } from './input.js';

/**
 * The approving authorities a stage can queue at, one per region each: the right-of-way
 * office for fibre, and the akimat's site allocation and the mast permit for masts. The
 * key is the scenario field (`fibre.approvalOffice`, `mast.siteOffice`, `mast.permitOffice`)
 * and a region's own capacity override (`regions[].offices.<key>`).
 */
export const OFFICES = [
  { key: 'approvalOffice', input: (i: ModelInput) => i.fibre.approvalOffice },
  { key: 'siteOffice', input: (i: ModelInput) => i.mast?.siteOffice },
  { key: 'permitOffice', input: (i: ModelInput) => i.mast?.permitOffice },
] as const satisfies readonly { key: string; input: (i: ModelInput) => OfficeInput | undefined }[];

export type OfficeKey = (typeof OFFICES)[number]['key'];
export const OFFICE_CODE: Readonly<Record<OfficeKey, number>> = { approvalOffice: 0, siteOffice: 1, permitOffice: 2 };
export const N_OFFICES = OFFICES.length;
