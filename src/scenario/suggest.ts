/**
 * "Did you mean ...?" for misspelt keys and names: a typo such as `regoins` should point at
 * `regions` rather than leave the planner to read the schema.
 */

/** Edit distance (insertions, deletions, substitutions, adjacent transpositions). */
export function levenshtein(a: string, b: string): number {
  const m = a.length, n = b.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[n];
}

/** The closest candidate when it is close enough to be a plausible typo (case-insensitive), else undefined. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const w = word.toLowerCase();
  for (const c of candidates) {
    const d = levenshtein(w, c.toLowerCase());
    if (d < bestD) { best = c; bestD = d; }
  }
  const allowed = Math.max(2, Math.round(word.length * 0.4));
  return best !== undefined && bestD <= allowed ? best : undefined;
}

/** "did you mean 'x'?" or a list of what is allowed. */
export function suggestion(word: string, candidates: readonly string[]): string {
  const c = closest(word, candidates);
  if (c !== undefined) return `did you mean '${c}'?`;
  return candidates.length <= 30 ? `one of: ${candidates.join(', ')}` : `see scenarios/README.md`;
}

/**
 * "one of a, b, c" for a value outside a short fixed list, with "did you mean" when the
 * value is a plausible typo of one of them: the list alone leaves the planner to spot that
 * 'aproval' is 'approval'.
 *
 * @example oneOfExpected('aproval', ['design', 'approval'])   // "one of design, approval (did you mean 'approval'?)"
 */
export function oneOfExpected(word: string, candidates: readonly string[]): string {
  const guess = word === '' ? undefined : closest(word, candidates);
  return `one of ${candidates.join(', ')}${guess !== undefined ? ` (did you mean '${guess}'?)` : ''}`;
}
