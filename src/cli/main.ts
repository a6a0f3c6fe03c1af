import yargs, { type Argv } from 'yargs';
import { ScenarioError, formatProblems } from '../scenario/problems.js';
import { VERSION } from '../montecarlo/version.js';
import { discardAllStaged } from './output-dir.js';
import { EXIT, UsageError } from './errors.js';
import { clean, safeJson } from './terminal.js';
import { usageMessage } from './usage-message.js';
import { CLOSED_EXIT, onClosedOutput, StdoutClosed } from './stdout.js';
import { dateArg, MAX_RUNS, MAX_RUNS_DEFAULT, MIN_RUNS, maxWorkers, openRangeArg, parseShardArg, PROBABILITY_ENDS, seedArg, textArg, wholeArg, wholeListArg } from './args.js';

const COMMANDS = ['run', 'compare', 'sensitivity', 'goal', 'allocate', 'merge', 'validate', 'show', 'bench'];

// Start-up: each command's module (and through it the scenario parser, the worker pool and
// the chart libraries) is imported inside its handler, so `--help`, `--version`, `validate`
// and `show` never load vega, vega-lite or resvg. test/cli/startup.test.ts checks it.

/** --out: once, with a value (an empty one is refused by planOutput, which says why). */
const OUT = textArg('out', 'the output directory', true);

/**
 * Options shared by commands that run replications: `--json` prints `result`, the command's
 * answer file; `minRuns` is the fewest replications it accepts (checkRuns) and `out` its
 * default output directory, as --help shows them.
 */
function runOptions<T>(y: Argv<T>, { result = 'summary.json', minRuns = 1, out = 'output/<scenario name>/' } = {}) {
  return y
    .option('runs', { requiresArg: true, alias: 'n', default: '1000', defaultDescription: '1000', coerce: wholeArg('runs', 1, MAX_RUNS), describe: `Monte Carlo replications (${minRuns} to ${MAX_RUNS.toLocaleString('en-US')})` })
    .option('seed', { requiresArg: true, alias: 's', default: '1', defaultDescription: '1', coerce: seedArg, describe: 'Run seed (a whole number up to 2^53 - 1); replication i uses (seed, i)' })
    .option('workers', { requiresArg: true, alias: 'w', coerce: wholeArg('workers', 0, maxWorkers), describe: 'Worker threads (default: the cores this process may use, CPU quotas included; 0 = this thread)' })
    .option('out', { alias: 'o', type: 'string', requiresArg: true, coerce: OUT, describe: `Output directory (default ${out}); an existing one must be a rollout result` })
    .option('force', { type: 'boolean', default: false, describe: 'Write into an existing directory that is not a rollout result (its other files are kept)' })
    .option('json', { type: 'boolean', default: false, describe: `Print ${result} to stdout and nothing else` })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print nothing on success' })
    .option('png', { type: 'boolean', default: false, describe: 'Also write a PNG of every chart' })
    .option('check', { type: 'boolean', default: false, describe: 'Check invariants while running (slower)' });
}

export interface CliIO {
  /** Where errors go (stderr by default). */
  err?: (text: string) => void;
}

/**
 * Runs the `rollout` command line and returns its exit status: 0 success, 2 bad usage or
 * an invalid scenario (nothing written), 1 any other failure, 130/143 interrupted.
 */
export async function cli(argv: string[], signal: AbortSignal, io: CliIO = {}): Promise<number> {
  // Messages quote scenario text (labels, ids, file names): no terminal escapes get through.
  const write = io.err ?? ((t: string) => process.stderr.write(t));
  const err = (t: string) => write(clean(t));
  const debug = argv.includes('--debug');
  const command = COMMANDS.includes(argv[0]) ? argv[0] : undefined;
  const parser = yargs(argv)
    .scriptName('rollout')
    // English throughout, whatever LANG says: every message of rollout's own is English, and
    // yargs' words ("Commands:", "Options:") in the user's language beside them made a mixed
    // help text. (The bundle could not have found yargs' translations anyway.)
    .locale('en')
    // Numbers stay text until ./args.ts reads them strictly (yargs would read 0x10 as 16).
    .parserConfiguration({ 'parse-numbers': false })
    .usage('$0 <command> [options]\n\nMonte Carlo simulation of a national broadband rollout: the probability of hitting the programme\'s targets.')
    .command('run <scenario>', 'Run a scenario and write summary.json, runs.csv, timeseries.csv, charts and report.html', (y) =>
      runOptions(y.positional('scenario', { type: 'string', describe: 'Scenario file (YAML or JSON)', demandOption: true }))
        .option('precision', { requiresArg: true, coerce: openRangeArg('precision', 0, 0.5, '0.01'), describe: 'Add replications until every target\'s 95 % half-width is at most this (e.g. 0.01); --runs is then the minimum' })
        .option('max-runs', { requiresArg: true, defaultDescription: String(MAX_RUNS_DEFAULT), coerce: wholeArg('max-runs', 1, MAX_RUNS), describe: 'With --precision: the most replications to run' })
        .option('shard', { type: 'string', coerce: parseShardArg, describe: 'Run only shard k of n (e.g. 2/4) and write a partial result for rollout merge (default folder output/<scenario name>-shard-k-of-n/; no summary.json, so --json prints nothing)' })
        .option('replay', { requiresArg: true, coerce: wholeArg('replay', 0, MAX_RUNS - 1), describe: 'Run only replication i (below --runs) on this thread and print its outcome (reproduce a failure); with --json as JSON, with --quiet nothing. Writes nothing unless --out DIR is given: then DIR/replication-i-settlements.csv (no charts: not with --png, --workers above 0, --shard or --precision)' })
        .option('trace', { type: 'boolean', default: false, describe: 'With --replay: print every event (not with --json or --quiet)' })
        .option('observed', { type: 'string', requiresArg: true, coerce: textArg('observed', 'an observations CSV file (date,region,metric,value[,sd])'), describe: 'Condition the run on what was seen: a CSV date,region,metric,value[,sd] (importance weighting; see README)' })
        .option('score', { type: 'string', requiresArg: true, coerce: textArg('score', 'an observations CSV file (date,region,metric,value[,sd])'), describe: 'Score the forecast against what was seen (same CSV format): writes scores.json (PIT, CRPS)' })
        .option('previous', { type: 'string', requiresArg: true, coerce: textArg('previous', 'an earlier run\'s output directory or its summary.json'), describe: 'Compare with an earlier forecast (its output directory or summary.json): what moved, beyond noise or not; writes revision.json' })
        .option('state-at', { type: 'string', requiresArg: true, coerce: dateArg('state-at'), describe: "With --replay and --out: write every settlement's state at the end of DATE (from the scenario's start to its horizon) to DIR/state-DATE.csv, a scenario's `status`; for generated settlements also the same counted per region and stage, DIR/state-DATE-counts.csv, a status of counts (not when the scenario lists its settlements: a settlementsFile or a status per settlement)" })
        .example('$0 run scenarios/kazakhstan-baseline.yaml', 'the baseline with 1,000 replications on all cores')
        .example('$0 run scenarios/kazakhstan-baseline.yaml --runs 10000 --seed 7 --out output/b7', 'a decision-grade run')
        .example('$0 run scenarios/kazakhstan-baseline.yaml --precision 0.01', 'run until every probability is known to ±1 point')
        .example('$0 run scenarios/kazakhstan-baseline.yaml --replay 12 --trace', 'replay replication 12 event by event')
        .example('$0 run scenarios/kazakhstan-baseline.yaml --out ~/reports/2026-q4 --force', 'write into a folder of yours that is not a rollout result (its other files are kept)')
        .example('$0 run scenarios/kazakhstan-baseline.yaml --observed scenarios/kazakhstan-observed.csv', 'update the forecast on the published counts')
        .example('$0 run scenarios/kazakhstan-baseline.yaml --score scenarios/kazakhstan-observed.csv', 'back-test: how the forecast scores against them')
        .example('$0 run from-2026-10.yaml --previous output/2026-09 --out output/2026-10', 'this month\'s forecast against last month\'s')
        .example('$0 run scenarios/kazakhstan-baseline.yaml --replay 12 --state-at 2026-06-30 --out state', 'where replication 12 stands at the end of 30 June 2026 (state/state-2026-06-30.csv, and counted: state-2026-06-30-counts.csv)'),
    async (a) => {
      const { runCommand } = await import('./run-command.js');
      await runCommand({
        scenario: a.scenario as string, runs: a.runs!, seed: a.seed!, workers: a.workers, out: a.out, force: a.force, json: a.json, quiet: a.quiet,
        check: a.check, png: a.png, replay: a.replay, trace: a.trace, stateAt: a['state-at'] as string | undefined,
        precision: a.precision, maxRuns: a['max-runs'] as number | undefined, shard: a.shard as { index: number; count: number } | undefined, observed: a.observed, score: a.score, previous: a.previous,
      }, signal);
    })
    .command('compare <scenarios..>', 'Run policy options with common random numbers; report each one\'s probabilities and its paired difference against the first', (y) =>
      runOptions(y.positional('scenarios', { type: 'string', array: true, describe: 'Scenario files; the first is the reference', demandOption: true }), { result: 'comparison.json', minRuns: MIN_RUNS.compare, out: 'output/compare-<name>-vs-<name>…/, the options\' names' })
        .example('$0 compare scenarios/kazakhstan-baseline.yaml scenarios/option-permit-reform.yaml', 'what permit reform changes')
        .option('observed', { type: 'string', requiresArg: true, coerce: textArg('observed', 'an observations CSV file (date,region,metric,value[,sd])'), describe: 'Compare the options on the futures weighted by what was seen (each option conditioned on the same CSV; see README)' })
        .example('$0 compare scenarios/kazakhstan-baseline.yaml scenarios/option-*.yaml --runs 5000', 'every shipped option against the baseline')
        .example('$0 compare scenarios/kazakhstan-baseline.yaml scenarios/option-permit-reform.yaml --observed scenarios/kazakhstan-observed.csv', 'the same, given what has been built'),
    async (a) => {
      const { compareCommand } = await import('./analysis-commands.js');
      await compareCommand({ scenarios: a.scenarios as string[], runs: a.runs!, seed: a.seed!, workers: a.workers, out: a.out, force: a.force, json: a.json, quiet: a.quiet, png: a.png, check: a.check, observed: a.observed }, signal);
    })
    .command('sensitivity <scenario>', 'Which inputs move each target most: one-at-a-time swings (tornado) and rank correlations', (y) =>
      runOptions(y.positional('scenario', { type: 'string', describe: 'Scenario file', demandOption: true }), { result: 'sensitivity.json', minRuns: MIN_RUNS.sensitivity, out: 'output/<scenario name>-sensitivity/' })
        .default('runs', '300', '300')
        .example('$0 sensitivity scenarios/kazakhstan-baseline.yaml', 'tornado charts for every target')
        .option('observed', { type: 'string', requiresArg: true, coerce: textArg('observed', 'an observations CSV file (date,region,metric,value[,sd])'), describe: 'Condition every run on what was seen, as run --observed does; the national inputs the observations inform and the factors\' regional and yearly parts swing between their P10 and P90 given them (see README)' })
        .example('$0 sensitivity scenarios/kazakhstan-baseline.yaml --runs 1000 --png', 'more precise swings, PNGs for slides')
        .example('$0 sensitivity scenarios/kazakhstan-baseline.yaml --observed scenarios/kazakhstan-observed.csv', 'what still matters, given what was seen'),
    async (a) => {
      const { sensitivityCommand } = await import('./analysis-commands.js');
      await sensitivityCommand({ scenario: a.scenario as string, runs: a.runs as unknown as number, seed: a.seed!, workers: a.workers, out: a.out, force: a.force, json: a.json, quiet: a.quiet, png: a.png, check: a.check, observed: a.observed }, signal);
    })
    .command('goal <scenario>', 'The least crews, money or permit capacity that meets a target with at least a given probability (common random numbers)', (y) =>
      runOptions(y.positional('scenario', { type: 'string', describe: 'Scenario file', demandOption: true }), { result: 'goal.json', minRuns: MIN_RUNS.goal, out: 'output/<scenario name>-goal-<lever>/, a path: lever without its path: prefix' })
        .option('target', { type: 'string', requiresArg: true, demandOption: true, coerce: textArg('target', "a target id of the scenario, or 'all'"), describe: "Target id from the scenario, or 'all' for every target together" })
        .option('probability', { alias: 'p', requiresArg: true, demandOption: true, coerce: openRangeArg('probability', 0, 1, '0.8', PROBABILITY_ENDS), describe: 'The chance to reach, strictly between 0 and 1, e.g. 0.8 (any value meets 0; no finite run can show 1)' })
        .option('lever', { type: 'string', requiresArg: true, demandOption: true, coerce: textArg('lever', 'fibre-crews, budget, offices or path:<a number in the scenario>'), describe: 'fibre-crews (× every region\'s fibre crews, whole crews), budget (× every appropriation), offices (× the approval offices\' capacities: fibre right-of-way, mast site and permit; not a design office) or path:<a number in the scenario>' })
        .option('range', { type: 'string', requiresArg: true, coerce: textArg('range', 'low:high, e.g. 0.5:3'), describe: 'Values to search, low:high (defaults: fibre-crews 0.5:3, budget 0.5:2, offices 0.5:4; needed for path:)' })
        .option('step', { requiresArg: true, coerce: openRangeArg('step', 0, Infinity, '0.01'), describe: 'Grid step for budget and path levers (default 0.01 for budget; 1 or a hundredth of the range for path)' })
        .option('max-runs', { requiresArg: true, coerce: wholeArg('max-runs', 1, MAX_RUNS), describe: 'Most replications per value where the decision is close (default 4 × --runs)' })
        .option('json', { type: 'boolean', default: false, describe: 'Print goal.json to stdout and nothing else' })
        .option('observed', { type: 'string', requiresArg: true, coerce: textArg('observed', 'an observations CSV file (date,region,metric,value[,sd])'), describe: 'Weigh every value\'s futures by what was seen, as run --observed does (same CSV; see README)' })
        .example('$0 goal scenarios/kazakhstan-baseline.yaml --target fibre-2026 --probability 0.5 --lever budget --range 1:2', 'how much more money for an even chance of 90 % fibre by 2026?')
        .example('$0 goal scenarios/kazakhstan-baseline.yaml --target coverage-2027 --probability 0.8 --lever path:capacity.fibre.contracted.max --range 58:400', 'how large a fibre contract makes 100 % coverage by 2027 likely (80 %)?')
        .example('$0 goal scenarios/kazakhstan-baseline.yaml --target coverage-2027 -p 0.9 --lever path:fibre.approvalOffice.capacity --range 20:200', 'what right-of-way office capacity per region?')
        .example('$0 goal from-2026-10.yaml --target coverage-2027 -p 0.8 --lever fibre-crews --observed observed.csv', 'the same question, given what has been built'),
    async (a) => {
      const { goalCommand } = await import('./goal-command.js');
      await goalCommand({
        scenario: a.scenario as string, target: a.target!, probability: a.probability!, lever: a.lever!, range: a.range, step: a.step, maxRuns: a['max-runs'] as number | undefined, check: a.check,
        runs: a.runs!, seed: a.seed!, workers: a.workers, out: a.out, force: a.force, json: a.json, quiet: a.quiet, png: a.png, observed: a.observed,
      }, signal);
    })
    .command('allocate <scenario>', 'Where N extra crews (or extra money) raise a target\'s chance most: greedy allocation with common random numbers, against an even split', (y) =>
      runOptions(y.positional('scenario', { type: 'string', describe: 'Scenario file', demandOption: true }), { result: 'allocation.json', minRuns: MIN_RUNS.allocate, out: 'output/<scenario name>-allocate-<crews>-<technology>-crews/ or output/<scenario name>-allocate-<programme>-money/' })
        .default('runs', '500', '500')
        .option('target', { type: 'string', requiresArg: true, demandOption: true, coerce: textArg('target', "a target id of the scenario, or 'all'"), describe: "Target id from the scenario, or 'all' for every target together" })
        .option('crews', { requiresArg: true, coerce: wholeArg('crews', 1, 1_000_000), describe: 'Crews to add, whole, handed out to the regions' })
        .option('technology', { type: 'string', requiresArg: true, defaultDescription: 'fibre', coerce: textArg('technology', 'fibre, mast, satellite or household'), describe: 'With --crews: fibre, mast, satellite or household crews' })
        .option('step', { requiresArg: true, defaultDescription: '1', coerce: wholeArg('step', 1, 1_000_000), describe: 'With --crews: crews handed out at a time (faster, coarser)' })
        .option('money', { requiresArg: true, coerce: openRangeArg('money', 0, Infinity, '30000'), describe: 'Money to add (scenario currency), handed out to the budget years' })
        .option('programme', { type: 'string', requiresArg: true, defaultDescription: 'its only programme, else fibre', coerce: textArg('programme', "a budget line (fibre, mast, satellite) or a financing programme's id"), describe: 'With --money: the programme that gets it (a budget line: fibre, mast, satellite; or a financing programme\'s id); needed when the scenario has several and none is fibre' })
        .option('units', { requiresArg: true, defaultDescription: '10', coerce: wholeArg('units', 1, 10_000), describe: 'With --money: equal parts the money is cut into' })
        .option('search', { type: 'string', requiresArg: true, default: 'greedy', coerce: textArg('search', 'greedy or exhaustive'), describe: 'greedy (unit by unit) or exhaustive (every split; small problems only)' })
        .option('validation', { requiresArg: true, coerce: wholeArg('validation', 1, MAX_RUNS), describe: 'Fresh replications the answer is measured on, beside an even split (default: as many as --runs)' })
        .option('observed', { type: 'string', requiresArg: true, coerce: textArg('observed', 'an observations CSV file (date,region,metric,value[,sd])'), describe: 'Weigh every split\'s futures by what was seen, as run --observed does (same CSV; see README)' })
        .option('json', { type: 'boolean', default: false, describe: 'Print allocation.json to stdout and nothing else' })
        .example('$0 allocate scenarios/kazakhstan-baseline.yaml --target fibre-2026 --crews 20', 'where should 20 more fibre crews go?')
        .example('$0 allocate scenarios/kazakhstan-baseline.yaml --target fibre-2026 --crews 40 --step 4 --runs 300', 'a quicker, coarser answer: crews in fours')
        .example('$0 allocate scenarios/kazakhstan-baseline.yaml --target coverage-2027 --money 30000 --programme kazakhtelecom --units 6', 'which budget years should 30,000 M KZT more of a programme go to?'),
    async (a) => {
      const { allocateCommand } = await import('./allocate-command.js');
      await allocateCommand({
        scenario: a.scenario as string, target: a.target!, crews: a.crews, technology: a.technology, step: a.step, money: a.money, programme: a.programme, units: a.units, search: a.search!, validation: a.validation, check: a.check,
        runs: a.runs as unknown as number, seed: a.seed!, workers: a.workers, out: a.out, force: a.force, json: a.json, quiet: a.quiet, png: a.png, observed: a.observed,
      }, signal);
    })
    .command('merge <dirs..>', 'Combine the partial results of `run --shard k/n` into the full result (identical to a single run)', (y) =>
      y.positional('dirs', { type: 'string', array: true, describe: 'Directories written by run --shard', demandOption: true })
        .option('out', { alias: 'o', type: 'string', requiresArg: true, coerce: OUT, describe: 'Output directory (default output/<scenario name>/); an existing one must be a rollout result' })
        .option('force', { type: 'boolean', default: false, describe: 'Write into an existing directory that is not a rollout result (its other files are kept)' })
        .option('json', { type: 'boolean', default: false, describe: 'Print summary.json to stdout and nothing else' })
        .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print nothing on success' })
        .option('png', { type: 'boolean', default: false, describe: 'Also write a PNG of every chart' })
        .example('$0 merge parts/1 parts/2 parts/3 parts/4 --out output/baseline-10k', 'after four `run --shard k/4` jobs'),
    async (a) => {
      const { mergeCommand } = await import('./merge-command.js');
      await mergeCommand({ dirs: a.dirs as string[], out: a.out, force: a.force, json: a.json, quiet: a.quiet, png: a.png }, signal);
    })
    .command('validate <scenarios..>', 'Check scenario files without running them', (y) =>
      y.positional('scenarios', { type: 'string', array: true, describe: 'Scenario files', demandOption: true })
        .example('$0 validate scenarios/*.yaml', 'check every shipped scenario'),
    async (a) => {
      const { loadScenario } = await import('../scenario/load.js');
      const problems = [];
      for (const f of a.scenarios as string[]) {
        try {
          const s = loadScenario(f);
          process.stdout.write(clean(`ok  ${f} (${s.identity.name}, sha256 ${s.identity.sha256.slice(0, 12)})`) + '\n');
        } catch (e) {
          if (!(e instanceof ScenarioError)) throw e;
          problems.push(...e.problems);
        }
      }
      if (problems.length > 0) throw new ScenarioError(problems);
    })
    .command('show <scenario>', 'Print the resolved scenario (after extends and overrides) as JSON, as one scenario file: the values it states, not the defaults (scenarios/README.md lists them) nor what its CSVs say (status, settlementsFile: named relative to the current directory)', (y) =>
      y.positional('scenario', { type: 'string', describe: 'Scenario file', demandOption: true })
        .example('$0 show scenarios/kazakhstan-baseline.yaml', 'see every value the chain of extends leaves, in one file')
        .example('$0 show scenarios/kazakhstan-from-status.yaml > resolved.json', 'a file that validates and runs from here as the scenario does'),
    async (a) => {
      const { loadScenario } = await import('../scenario/load.js');
      const { relative } = await import('node:path');
      const s = loadScenario(a.scenario as string);
      // Each CSV path was relative to the file that named it; printed, it is relative to here.
      const resolved = { ...(s.resolved as Record<string, unknown>) };
      for (const [field, abs] of Object.entries(s.csv)) if (abs !== undefined) resolved[field] = relative(process.cwd(), abs).split('\\').join('/') || '.';
      process.stdout.write(safeJson(JSON.stringify(resolved, null, 2)) + '\n');
    })
    .command('bench', 'Measure speed: the toy rollout against a plain-JavaScript floor, baseline replications/s on 0, 1 and all workers, CLI start-up, memory', (y) =>
      y.option('scenario', { type: 'string', requiresArg: true, default: 'scenarios/kazakhstan-baseline.yaml', coerce: textArg('scenario', 'a scenario file'), describe: 'Scenario to time' })
        .option('runs', { alias: 'n', requiresArg: true, default: '1000', defaultDescription: '1000', coerce: wholeArg('runs', 1, MAX_RUNS), describe: 'Replications per timing' })
        .option('memory-runs', { array: true, requiresArg: true, default: ['1000', '10000'], defaultDescription: '1000 10000', coerce: wholeListArg('memory-runs', 1, MAX_RUNS), describe: 'Run sizes for the memory check, each in a fresh process (e.g. 1000 100000)' })
        .option('json', { type: 'boolean', default: false, describe: 'Print only JSON' })
        .option('toy-runs', { requiresArg: true, default: '100', defaultDescription: '100', coerce: wholeArg('toy-runs', 1, MAX_RUNS), describe: 'Replications of the toy rollout (examples/toy-rollout.yaml) timed against its floor' })
        .option('against', { type: 'string', requiresArg: true, coerce: textArg('against', 'a built checkout of rollout'), describe: 'Another built checkout of rollout: time the same --scenario on it beside this one, alternating (it must read that file: checked first)' })
        .option('memory-probe', { requiresArg: true, coerce: wholeArg('memory-probe', 1, MAX_RUNS), hidden: true })
        .example('$0 bench', 'the standard benchmark (npm run bench)')
        .example('$0 bench --against ../rollout-old', 'this checkout against an older one, on the same machine at the same time')
        .example('$0 bench --memory-runs 1000 100000', 'show that memory stays flat'),
    async (a) => {
      const { benchCommand } = await import('./bench.js');
      await benchCommand({
        scenario: a.scenario!, runs: a.runs!, json: a.json, memoryRuns: a['memory-runs'] as number[], memoryProbe: a['memory-probe'] as number | undefined,
        toyRuns: a['toy-runs'] as number, against: a.against as string | undefined,
      });
    })
    .option('debug', { type: 'boolean', default: false, describe: 'Show stack traces' })
    // --png needs a native module: load it before any work, so a missing binary fails in a second, not after the run.
    .middleware(async (a) => { if (a.png) await (await import('../report/render-png.js')).loadPngRenderer(); })
    .demandCommand(1, 'Name a command: run, compare, sensitivity, goal, allocate, merge, validate, show or bench.')
    .strict()
    .recommendCommands()
    .help()
    .alias('help', 'h')
    .version(VERSION)
    .wrap(Math.min(110, process.stdout.columns || 100))
    // A usage mistake stops here, before the command runs: yargs would otherwise go on to
    // the handler after reporting it (a mistyped option must never run and write).
    .fail((msg, e) => {
      // yargs wraps what an option's coerce throws (./args.ts) in its own YError.
      if (!e || e.name === 'YError') throw new UsageError(e?.message ?? usageMessage(msg, command, knownOptions(parser)));
      throw e;
    });

  // yargs formats a command's whole help text as the command starts (cacheHelpMessage), in
  // case the handler asks for it later; ours never does (a usage error names --help), and
  // the formatting is ~15-30 ms of every command's start. Kept when help is asked for.
  if (!argv.some((a) => a === '--help' || a === '-h')) skipHelpCache(parser);
  try {
    await parser.parseAsync();
    return EXIT.ok;
  } catch (e) {
    // Stdout's reader has gone (`| head`): stop quietly, as a Unix tool does (./stdout.ts).
    if (e instanceof StdoutClosed) return CLOSED_EXIT;
    // The Monte Carlo layer's errors, loaded only when something failed.
    const { AbortedError, CompareError, MergeError, ReplicationError } = await import('../montecarlo/index.js');
    if (e instanceof ScenarioError) {
      err(`${formatProblems(e.problems)}\n`);
      return EXIT.usage;
    }
    if (e instanceof UsageError) {
      err(`rollout: ${e.message}\nRun 'rollout ${command ?? ''}${command ? ' ' : ''}--help' for usage.\n`);
      return EXIT.usage;
    }
    if (e instanceof MergeError || e instanceof CompareError) {
      err(`rollout: ${e.message}\n`);
      return EXIT.usage;
    }
    if (e instanceof AbortedError) {
      err('rollout: interrupted; no output was written.\n');
      return EXIT.interrupted;
    }
    if (e instanceof ReplicationError) {
      const at = argv.indexOf('run');
      const scenario = (at >= 0 ? argv[at + 1] : undefined) ?? '<scenario>';
      const runs = e.rep >= 1000 ? ` --runs ${e.rep + 1}` : ''; // --replay must lie within --runs (default 1,000)
      err(`rollout: ${e.message}\nReproduce it alone with:\n  rollout run ${scenario} --seed ${e.seed}${runs} --replay ${e.rep} --trace\n`);
      if (debug && e.detail) err(`${e.detail}\n`);
      return EXIT.failure;
    }
    const x = e as Error;
    err(`rollout: ${x.message}\n`);
    if (debug) err(`${x.stack}\n`);
    else err('(run again with --debug for details)\n');
    return EXIT.failure;
  }
}

/** Exit status of a process stopped by a signal: 128 + the signal's number. */
const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

/**
 * Process entry: wires Ctrl-C, SIGTERM and SIGHUP (a closed terminal or SSH session) to a
 * clean stop — nothing is written or replaced, temporary files are removed — and sets the
 * exit status. A second signal exits at once. A closed stdout (`| head`) stops the command
 * quietly, exit 141 (./stdout.ts).
 */
export async function main(argv: string[]): Promise<void> {
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    signals++;
    const code = SIGNAL_EXIT[sig] ?? EXIT.interrupted;
    if (signals === 1) {
      process.exitCode = code;
      controller.abort();
    } else {
      discardAllStaged();
      process.exit(code);
    }
  };
  const handled: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of handled) process.on(s, onSignal);
  // A closed stdout or stderr (`| head`) ends the command quietly, its temporary folders removed.
  onClosedOutput(discardAllStaged);
  const code = await cli(argv, controller.signal);
  discardAllStaged();
  process.exitCode = controller.signal.aborted ? (process.exitCode ?? EXIT.interrupted) : code;
  for (const s of handled) process.off(s, onSignal);
}

/**
 * Turns off yargs' eager help cache (see cli); true when it could. It is yargs' internal
 * API (the Angular CLI does the same, angular/angular-cli#34087): if a yargs update renames
 * it, nothing is skipped and test/cli/help-cache.test.ts fails to say so.
 */
export function skipHelpCache(parser: Argv<unknown>): boolean {
  type Usage = { cacheHelpMessage?: () => void };
  const internal = (parser as unknown as { getInternalMethods?: () => { getUsageInstance?: () => Usage } }).getInternalMethods?.();
  const usage = internal?.getUsageInstance?.();
  if (!usage || typeof usage.cacheHelpMessage !== 'function') return false;
  usage.cacheHelpMessage = () => {};
  return true;
}

/** The options yargs knows at this point (the command's own and the global ones), without the ones it adds for itself. */
function knownOptions(y: Argv<unknown>): string[] {
  const keys = (y as unknown as { getOptions?: () => { key?: Record<string, unknown> } }).getOptions?.().key ?? {};
  return Object.keys(keys).filter((k) => k !== '$0' && k.length > 1);
}
