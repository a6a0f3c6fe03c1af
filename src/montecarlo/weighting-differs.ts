import type { ComparisonResult } from './analysis-result.js';

type ConditionedOption = NonNullable<ComparisonResult['conditioned']>['perOption'][number];

/**
 * Why an option of a conditioned comparison weighs the futures differently from the
 * reference, for the words the terminal and the report put beside it: 'observations' when it
 * sets aside another number of the file's observations (a start from a status: it is
 * conditioned on other observations, whatever its policy), 'past' when, on the same
 * observations, its weights differ (it changes what happened before one), null when it
 * weighs every future as the reference does.
 *
 * @example weightingDiffers({ setAside: 2, weighsLikeReference: false, ... }, { setAside: 0, ... })   // 'observations'
 */
export function weightingDiffers(p: ConditionedOption, ref: ConditionedOption): 'observations' | 'past' | null {
  if (p.setAside !== ref.setAside) return 'observations';
  return p.weighsLikeReference ? null : 'past';
}

/** The words beside an option whose weighting differs from the reference's, by weightingDiffers' reason (terminal and report alike). */
export const WEIGHTING_DIFFERS_WORDS = { observations: 'conditioned on other observations than the reference', past: 'weighs the futures differently from the reference' } as const;

/** Why an option that starts from a status can be conditioned on other observations than the reference, and what its difference then means. */
export const OTHER_OBSERVATIONS_NOTE = 'An option conditioned on other observations than the reference starts from a status (or the reference does): the observations dated before its start are set aside, as the status already says where the programme stood then. Its futures are weighted on other evidence, so its difference also carries what the two forecasts know differently, not only the effect of the policy.';
