import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/scenario/index.js';
import { compileModel } from '../../src/model/index.js';
import { layoutOf, runMonteCarlo, runsCsvHeader, runsCsvLines } from '../../src/montecarlo/index.js';
import { summaryJson, timeseriesCsv } from '../../src/report/index.js';

/**
 * Result digests: the sha256 of summary.json, runs.csv and timeseries.csv of a small run
 * (RUNS replications, seed 1, on the calling thread) of every shipped scenario and every
 * fixture scenario that exercises a mechanism. A refactor of the replication core must
 * leave every one of them unchanged; a deliberate change of results regenerates them with
 * `npm run digests:update` in a commit that says why.
 *
 * runs.csv is digested twice: whole, and without its `events` column (how many events the
 * engine needed is not a result: a change that saves events changes only the first).
 */
export const RUNS = 32;
export const SEED = 1;
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIGEST_FILE = join(ROOT, 'test', 'digests', 'digests.json');

/** The scenario files digested, relative to the repository root, in a fixed order. */
export function digestedScenarios(): string[] {
  const dirs = ['scenarios', 'test/fixtures/scenarios', 'test/fixtures/known', 'test/fixtures/digests'];
  return dirs.flatMap((d) => readdirSync(join(ROOT, d)).filter((f) => f.endsWith('.yaml')).sort().map((f) => `${d}/${f}`));
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** Drops the `events` column of runs.csv (by its header name). */
export function withoutEvents(csv: string): string {
  const lines = csv.split('\n');
  const k = lines[0].split(',').indexOf('events');
  return lines.map((l) => (l === '' ? l : l.split(',').filter((_, i) => i !== k).join(','))).join('\n');
}

export interface Digest {
  'summary.json': string;
  'runs.csv': string;
  'runs.csv without events': string;
  'timeseries.csv': string;
}

/** The three outputs of one scenario's run, as `rollout run --workers 0` would write them. */
export async function outputsOf(file: string): Promise<{ summary: string; runs: string; timeseries: string }> {
  const loaded = loadScenario(join(ROOT, file));
  // The identity as a user in the repository root would see it; the tool's version is not a result.
  const identity = { ...loaded.identity, file: relative(ROOT, join(ROOT, file)) };
  const model = compileModel(loaded.input);
  const sizes = layoutOf(model).targetSizes;
  let runs = runsCsvHeader(model);
  const result = await runMonteCarlo(loaded.input, identity, {
    runs: RUNS, seed: SEED, workers: 0, compiled: model,
    onRows: (from, to, rows) => { runs += runsCsvLines(model, sizes, rows, to - from); },
  });
  result.summary.version = 'digest';
  return { summary: summaryJson(result.summary), runs, timeseries: timeseriesCsv(result.timeseries) };
}

export async function digestOf(file: string): Promise<Digest> {
  const o = await outputsOf(file);
  return { 'summary.json': sha(o.summary), 'runs.csv': sha(o.runs), 'runs.csv without events': sha(withoutEvents(o.runs)), 'timeseries.csv': sha(o.timeseries) };
}
