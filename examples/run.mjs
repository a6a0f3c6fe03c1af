import { fileURLToPath } from 'node:url';
import { runScenario, loadScenario, runMonteCarlo } from 'rollout-sim';

// The Kazakhstan scenarios ship with the package; use your own files the same way.
const scenario = (name) => fileURLToPath(import.meta.resolve(`rollout-sim/scenarios/${name}.yaml`));
const runs = Number(process.argv[2] ?? 2000); // `node run.mjs 100` for a quick try

// One call: load, run, (optionally) write the report.
const r = await runScenario(scenario('kazakhstan-baseline'), { runs, seed: 1, out: 'output/mine' });
for (const t of r.summary.targets) console.log(t.id, t.probability, t.ci95);

// Or step by step, changing the input in code first.
const { input, identity } = loadScenario(scenario('kazakhstan-baseline'));
input.regions[0].crews.fibre += 5;
const r2 = await runMonteCarlo(input, identity, { runs, seed: 1, workers: 2 });
console.log('with 5 more crews in', input.regions[0].name, r2.summary.targets.map((t) => [t.id, t.probability]));
