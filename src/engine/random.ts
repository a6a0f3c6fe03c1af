import seedrandom from 'seedrandom';

/** A source of uniform numbers in [0, 1). */
export type Uniform = () => number;

/**
 * A named random stream: seedrandom's Alea generator (fast, 2^116 period) seeded by the
 * run seed and a path of names/indices. Streams with different paths are independent;
 * the same path always gives the same stream. Replication i of a run uses paths that
 * start with i, so its numbers depend only on (seed, i) — not on which worker runs it or
 * in what order — and two policy options draw the same numbers for the same purpose
 * (common random numbers). A name may contain any character: ('a/b') and ('a', 'b') are
 * different paths, so different streams.
 *
 * @example
 *   const u = stream(42, 7, 'durations');   // replication 7's duration stream
 *   u();  // 0.9519...
 */
export function stream(seed: number | string, ...path: (number | string)[]): Uniform {
  const rng = seedrandom.alea(`${part(seed)}/${path.map(part).join('/')}`);
  return rng as unknown as Uniform;
}

/**
 * One part of a stream's seed text: itself, unless it holds the separator '/' (or the
 * escape '%'), which are escaped so that no two paths give the same text. The ids a
 * scenario can use (letters, digits, '-', '_', '.') and numbers are unchanged, so are
 * their streams.
 */
function part(x: number | string): string {
  const s = String(x);
  return s.includes('/') || s.includes('%') ? s.replace(/%/g, '%25').replace(/\//g, '%2F') : s;
}

/**
 * A uniform in [0, 1) determined by a base uniform and two integers (a counter-based
 * draw): the k-th resubmission of a permit for job j gets the same number in every option
 * of a comparison, however many events happened before it.
 *
 * @example hashUniform(0.42, 3, 1) === hashUniform(0.42, 3, 1)  // always
 */
export function hashUniform(base: number, a: number, b: number): number {
  let h = (Math.floor(base * 4294967296) ^ Math.imul(a + 1, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}
