/**
 * Wilson score interval for a binomial proportion (successes of n), default 95 %.
 * Unlike the normal approximation it stays inside [0, 1] and behaves at 0 and n.
 *
 * @example wilson(8, 10)  // [0.4902, 0.9433] (4 d.p.)
 */
export function wilson(successes: number, n: number, z = 1.959963984540054): [number, number] {
  if (!(n > 0)) return [0, 1];
  if (!(successes >= 0 && successes <= n)) throw new RangeError(`wilson: successes must be in [0, ${n}], found ${successes}`);
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // Clamp rounding noise; the exact bounds at 0 and n are 0 and 1.
  const lo = successes === 0 ? 0 : Math.max(0, centre - half);
  const hi = successes === n ? 1 : Math.min(1, centre + half);
  return [lo, hi];
}
