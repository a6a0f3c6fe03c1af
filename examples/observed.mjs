import { fileURLToPath } from 'node:url';
import { loadScenario, loadObservations, observedInput, runObserved, runMonteCarlo, parsePreviousForecast, reviseForecast } from 'rollout-sim';

const shipped = (file) => fileURLToPath(import.meta.resolve(`rollout-sim/scenarios/${file}`));
const runs = Number(process.argv[2] ?? 2000); // `node observed.mjs 100` for a quick try

const { input, identity } = loadScenario(shipped('kazakhstan-baseline.yaml'));
const observed = loadObservations(shipped('kazakhstan-observed.csv'), input);
const obs = { observed, scored: [] };
const r = await runObserved(observedInput(input, obs), identity, { runs, seed: 1, workers: 2 }, obs);
console.log(r.summary.conditioning?.effectiveSampleSize, r.summary.conditioning?.warnings);
console.log(r.summary.targets.map((t) => [t.id, t.prior?.probability, t.probability]));

// What moved against an earlier forecast (as `rollout run --previous`): here the one made
// without the observations stands in for last month's summary.json.
const lastMonth = await runMonteCarlo(input, identity, { runs, seed: 1, workers: 2 });
const revision = reviseForecast(parsePreviousForecast(JSON.stringify(lastMonth.summary), 'last-month/summary.json'), r.summary);
console.log(revision.differs, revision.targets.map((t) => [t.id, t.change.value, t.beyondNoise]));
