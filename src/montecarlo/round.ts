/** Rounds to 6 decimals, so reported figures print the same on every machine. */
export const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * Rounds to `digits` significant digits (default 6), as summary.json and every other output
 * writes a number, so printed output is byte-stable; integers and non-finite values pass
 * through, -0 becomes 0. Here, not in report/, because a revision reads last month's
 * summary.json against this month's figures rounded the same way (a threshold of 1/3 is
 * 0.333333 in both).
 */
export function sig(x: number, digits = 6): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return x === 0 ? 0 : x;
  const r = Number(x.toPrecision(digits));
  return r === 0 ? 0 : r;
}
