/**
 * Regenerates test/digests/digests.json (`npm run digests:update`). Only for a deliberate
 * change of results: say in the commit which results changed and why.
 */
import { writeFileSync } from 'node:fs';
import { DIGEST_FILE, RUNS, SEED, digestOf, digestedScenarios, type Digest } from './compute.js';

const out: { runs: number; seed: number; scenarios: Record<string, Digest> } = { runs: RUNS, seed: SEED, scenarios: {} };
for (const f of digestedScenarios()) {
  const t0 = performance.now();
  out.scenarios[f] = await digestOf(f);
  process.stderr.write(`${f}: ${((performance.now() - t0) / 1000).toFixed(2)} s\n`);
}
writeFileSync(DIGEST_FILE, JSON.stringify(out, null, 2) + '\n');
process.stderr.write(`wrote ${DIGEST_FILE}\n`);
