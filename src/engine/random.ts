import seedrandom from 'seedrandom';

/** A source of uniform numbers in [0, 1). */
export type Uniform = () => number;

/**
 * A named random stream: seedrandom's Alea generator (fast, 2^116 period) seeded by the
 * run seed and a path of names/indices. Streams with different paths are independent;
 * the same path always gives the same stream. Replication i of a run uses paths that
 * start with i, so its numbers depend only on (seed, i) — not on which worker runs it or
 * in what order — and two policy options draw the same numbers for the same purpose
 * (common random numbers).
 *
 * @example
 *   const u = stream(42, 7, 'durations');   // replication 7's duration stream
 *   u();  // 0.83...
 */
export function stream(seed: number | string, ...path: (number | string)[]): Uniform {
  const rng = seedrandom.alea(`${seed}/${path.join('/')}`);
  return rng as unknown as Uniform;
}
