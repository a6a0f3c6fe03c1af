import type { ModelInput } from '../input.js';
import { TECH_NAMES } from '../technologies.js';

/** One programme's money as a scenario writes it: a `budget` line or a `financing` programme. */
export interface MoneyLine {
  /** The programme's id (a budget line's is its technology). */
  id: string;
  label: string;
  unlimited: boolean;
  /** The input's own appropriations object: changing it changes the input. */
  appropriations: Record<string, number>;
}

/**
 * Every programme of a model input that is written down, in the order jobs look for one:
 * the `financing` programmes, or the `budget` lines present (fibre, mast, satellite). What
 * levers and allocations change when they move money.
 *
 * @example for (const l of moneyLines(x)) if (!l.unlimited) for (const y in l.appropriations) l.appropriations[y] *= 1.1;
 */
export function moneyLines(input: ModelInput): MoneyLine[] {
  if (input.financing) return input.financing.map((p) => ({ id: p.id, label: p.label, unlimited: p.unlimited, appropriations: p.appropriations }));
  return TECH_NAMES.flatMap((t) => {
    const b = input.budget[t];
    return b ? [{ id: t, label: `${t} budget`, unlimited: b.unlimited, appropriations: b.appropriations }] : [];
  });
}
