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
