import type { ScenarioSource } from './load.js';

/**
 * Where a value comes from, as the scenario's note on it says — the product's convention
 * (scenarios/README.md): a value is either sourced, with a tag (E exact as published,
 * A approximate or derived, Q quoted, P paraphrased, D derived here) or a citation of
 * SOURCES.md, or marked *estimate* (or tagged G). A note with both (`A/estimate: ...`) is
 * partly estimated; a value with no note, or a note that says neither, is unmarked.
 */
export type StartBasis = 'published' | 'partly-estimated' | 'estimate' | 'unmarked';

const SOURCE_TAGS = new Set(['E', 'A', 'Q', 'P', 'D']);

/**
 * How a note classifies its value.
 *
 * @example
 *   noteBasis('estimate: proportional share of the remaining 2,294'); // 'estimate'
 *   noteBasis('A: SOURCES.md (regions) 314 villages - 206 ... (C3)'); // 'published'
 *   noteBasis('A/estimate: fibre to 207 by 2027, times ...');         // 'partly-estimated'
 *   noteBasis(undefined);                                             // 'unmarked'
 */
export function noteBasis(note: string | undefined): StartBasis {
  if (!note) return 'unmarked';
  // The tag is what comes before the first colon, when that is short ('A', 'A/estimate', 'E / D').
  const colon = note.indexOf(':');
  const head = colon > 0 && colon <= 24 ? note.slice(0, colon) : '';
  const tags = head.split(/[\s/,;+]+/).filter(Boolean);
  const estimate = /\bestimated?\b/i.test(note) || tags.includes('G');
  const sourced = tags.some((t) => SOURCE_TAGS.has(t)) || /SOURCES\.md|\[[A-Z]{1,3}\d*\]/.test(note);
  if (estimate) return sourced ? 'partly-estimated' : 'estimate';
  return sourced ? 'published' : 'unmarked';
}

/**
 * Where each region's starting count comes from: the note on `regions.<id>.connected` (for a
 * status of counts that gives the region's stock, the `source` of its row), or, when the
 * settlements are listed (`settlementsFile`) or the run starts from a `status` per
 * settlement, the note on that line.
 *
 * @example regionStartBasis(loaded.sources, 'turkestan', { listed: false, status: false }); // { basis: 'estimate', note: 'estimate: proportional share' }
 */
export function regionStartBasis(sources: readonly ScenarioSource[], region: string, from: { listed: boolean; status: boolean }): { basis: StartBasis; note?: string } {
  const path = from.status ? 'status' : from.listed ? 'settlementsFile' : `regions.${region}.connected`;
  const note = sources.find((s) => s.path === path)?.note;
  return { basis: noteBasis(note), ...(note !== undefined ? { note } : {}) };
}
