/**
 * Which outputs of which scenarios differ from the stored digests (`npm run digests:changed`):
 * the check to run before `digests:update`, so a deliberate change can say exactly what it
 * changed (e.g. only runs.csv's events column: 'runs.csv' changed, 'runs.csv without
 * events' did not).
 */
import { readFileSync } from 'node:fs';
import { DIGEST_FILE, digestOf, digestedScenarios, type Digest } from './compute.js';

const stored = JSON.parse(readFileSync(DIGEST_FILE, 'utf8')) as { scenarios: Record<string, Digest> };
let changed = 0;
for (const f of digestedScenarios()) {
  const d = await digestOf(f);
  const was = stored.scenarios[f];
  const diff = (Object.keys(d) as (keyof Digest)[]).filter((k) => !was || d[k] !== was[k]);
  if (diff.length > 0) changed++;
  process.stdout.write(`${f}: ${diff.length > 0 ? `changed: ${diff.join(', ')}` : 'unchanged'}\n`);
}
process.stdout.write(`${changed} scenario(s) changed\n`);
