/**
 * Which replications a shard runs: the small, dependency-free half of ./shard.ts, so that
 * reading `--shard k/n` on the command line loads nothing else.
 *
 * @example
 *   parseShard('2/4')          // { index: 2, count: 4 }
 *   shardRange(101, 2, 4)      // [25, 50]
 */

/** Replications [from, to) of shard k (1-based) of n, for a run of `runs`. */
export function shardRange(runs: number, k: number, n: number): [number, number] {
  return [Math.floor(((k - 1) * runs) / n), Math.floor((k * runs) / n)];
}

/** Parses 'k/n' (1 <= k <= n). Returns null when malformed. */
export function parseShard(text: string): { index: number; count: number } | null {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return null;
  const index = +m[1], count = +m[2];
  return index >= 1 && count >= 1 && index <= count ? { index, count } : null;
}
