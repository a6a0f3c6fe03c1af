import { fileURLToPath } from 'node:url';
import { loadScenario, compareScenarios, sensitivity, writeComparison } from 'rollout-sim';

const scenario = (name) => fileURLToPath(import.meta.resolve(`rollout-sim/scenarios/${name}.yaml`));
const runs = Number(process.argv[2] ?? 2000); // `node compare.mjs 100` for a quick try

const options = ['kazakhstan-baseline', 'option-permit-reform'].map((n) => loadScenario(scenario(n)));
const c = await compareScenarios(options, { runs, seed: 1, workers: 2 });
const d = c.targets[0].differences[0];   // option minus baseline, paired by replication
console.log(d.probability.value, d.probability.ci95, d.independentCi95);
await writeComparison(c, 'output/permit-reform-vs-baseline');

const s = await sensitivity(options[0], { runs: Math.min(runs, 300), seed: 1, workers: 2 });
// The inputs that move the targets most come first, ranked as `rollout sensitivity` ranks them: by
// the share reached where every setting leaves a target's chance at 0 or 1, as on the baseline.
console.log(s.swings.slice(0, 5).map((w) => [w.label, w.targets[0].low, w.targets[0].high]));
