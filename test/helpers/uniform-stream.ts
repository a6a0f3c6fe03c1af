/**
 * A reproducible stream of uniforms on [0, 1) for tests (a linear congruential generator:
 * no Math.random in tests, and the same numbers on every machine).
 *
 * @example
 *   const u = uniforms(7);
 *   u(); u();   // the same two numbers every time
 */
export function uniforms(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
}
