import { regionStartBasis, type ScenarioSource, type SourceCatalogue } from '../scenario/index.js';
import type { RunResult } from './result.js';

/** What the scenario's files say about its values: their notes, and the SOURCES.md those cite. */
export interface Annotations {
  sources: ScenarioSource[];
  catalogue?: SourceCatalogue;
}

/**
 * Attaches the scenario's annotations to a finished run: the notes (the report's "where the
 * numbers come from"), the SOURCES.md they cite, and for every region where its starting
 * count comes from (summary.json regions[].start.basis: a published figure or an estimate),
 * so that no view presents an estimated start as a finding about the region.
 *
 * @example
 *   const loaded = loadScenario('scenarios/kazakhstan-baseline.yaml');
 *   const result = annotateResult(await runMonteCarlo(loaded.input, loaded.identity, { runs: 100, seed: 1 }), loaded);
 *   result.summary.regions?.find((r) => r.id === 'turkestan')?.start; // { connected: 334, basis: 'estimate', note: 'estimate: proportional share' }
 */
export function annotateResult(result: RunResult, a: Annotations): RunResult {
  result.sources = a.sources;
  if (a.catalogue) result.catalogue = a.catalogue;
  // A status per settlement lists them (its note is on the `status` line); a status of counts sets the regions' counts (its rows' sources are their notes).
  const from = { listed: result.input.settlements !== undefined, status: result.input.status?.settlements !== undefined };
  for (const list of [result.regions, result.summary.regions ?? []]) {
    for (const r of list) {
      const b = regionStartBasis(a.sources, r.id, from);
      r.start = { ...r.start, basis: b.basis, ...(b.note !== undefined ? { note: b.note } : {}) };
    }
  }
  return result;
}
