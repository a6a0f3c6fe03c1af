import { isWeighted } from '../montecarlo/observed-result.js';
import type { RunResult } from '../montecarlo/index.js';
import { join } from 'node:path';
import { observedLines } from './observed-args.js';
import { recordLines } from './record-lines.js';
import { clean, counted, pct, shownPath } from './terminal.js';
import { targetValue, valueNoun } from '../report/format.js';


/**
 * A path as one word of a shell command to copy: as it is when it holds only characters
 * no shell reads specially, else in single quotes.
 *
 * @example shellWord('my plans/b.yaml')   // "'my plans/b.yaml'"
 */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The answer a planner reads on the terminal after a run. `scenario` is the scenario's
 * path as the user gave it (the command to copy must name a file that exists from where
 * they are); without it (merge), the scenario's portable name in the result. `workers`: the
 * threads that simulated; `shards` instead for a merge, which simulates nothing.
 */
export function printAnswer(r: RunResult, o: { outDir: string; seconds: number; scenario?: string } & ({ workers: number } | { shards: number })): void {
  const s = r.summary;
  const dir = shownPath(o.outDir); // where the files are, as the user can open them from here
  const lines: string[] = [];
  const how = 'shards' in o ? `merged from ${o.shards} shard${o.shards === 1 ? '' : 's'} in ${o.seconds.toFixed(1)} s` : `${o.seconds.toFixed(1)} s on ${o.workers === 0 ? 'this thread' : `${o.workers} worker${o.workers === 1 ? '' : 's'}`}`;
  lines.push(`${s.scenario.name}: ${counted(s.runs, 'replication')}, seed ${s.seed}, ${how}${isWeighted(s) ? '; conditioned on observations (see below)' : s.conditioning ? '; no observation to condition on (see below)' : ''}`);
  if (r.precision) {
    lines.push(r.precision.reached
      ? `Stopped at ${counted(s.runs, 'replication')}: every target's 95 % half-width is at most ${r.precision.halfWidth}.`
      : `Stopped at the maximum of ${counted(r.precision.maxRuns, 'replication')} before every half-width reached ${r.precision.halfWidth}.`);
  }
  lines.push('');
  for (const t of s.targets) {
    lines.push(`  ${t.label}`);
    const v = (x: number) => targetValue(t.metric, x, pct);
    lines.push(`    by ${t.deadline}: probability ${pct(t.probability)} (95 % CI ${pct(t.ci95[0])} – ${pct(t.ci95[1])}); median ${valueNoun(t.metric)} at the deadline ${v(t.valueAtDeadline.p50)} (P10 ${v(t.valueAtDeadline.p10)}, P90 ${v(t.valueAtDeadline.p90)})`);
    lines.push(`    date reached: P50 ${t.dateReached.p50 ?? 'not within the horizon'}, P80 ${t.dateReached.p80 ?? 'not within the horizon'}, P90 ${t.dateReached.p90 ?? 'not within the horizon'}`);
  }
  if (s.targets.length === 0) lines.push('  (this scenario has no targets: see the report for coverage over time)');
  else lines.push(`  All targets together: probability ${pct(s.joint.probability)} (95 % CI ${pct(s.joint.ci95[0])} – ${pct(s.joint.ci95[1])})`);
  const c = s.cost, j = s.jointCostSchedule;
  if (c && c.p90 > 0) {
    const money = (x: number) => Math.round(x).toLocaleString('en-US');
    lines.push(`  Money committed by ${r.input.horizon}: P50 ${money(c.p50)} ${c.currency} (P10 ${money(c.p10)}, P80 ${money(c.p80)}, P90 ${money(c.p90)})`);
    // A run from a status also has, in each future, the money its programmes carry in from before its start.
    const carried = r.cost?.money.carriedIn ? ' appropriated for the run\'s years, plus what each future carries in from before its start' : '';
    // Without targets the joint level is the chance of the cost alone staying within the money.
    const what = s.targets.length > 0 ? 'every target met within the programme\'s money' : 'the cost within the programme\'s money (no targets)';
    if (j && j.probability !== null && j.ci95 && j.budget !== null) lines.push(`    ${what} (${money(j.budget)}${carried}): ${pct(j.probability)} (95 % CI ${pct(j.ci95[0])} – ${pct(j.ci95[1])})`);
  }
  // In a conditioned run discovery weighs each future by the observations, as every other figure.
  const weighted = r.drivers?.effectiveRuns !== undefined ? ' (futures weighted by the observations)' : '';
  for (const d of r.drivers?.discovery ?? []) if (d.found) lines.push(`  What goes wrong together${weighted}: ${d.sentence}`);
  lines.push(...recordLines(r));
  if (r.unfinished.meanPerRun > 0) {
    const by = r.unfinished.byStage.map((b) => `${b.stage} ${b.meanPerRun >= 0.05 ? b.meanPerRun.toFixed(1) : '<0.1'}`).join(', ');
    lines.push(`  Not connected by ${r.input.horizon}: ${r.unfinished.meanPerRun.toFixed(1)} settlements on average (stuck at: ${by})`);
    lines.push(`    which ones and why, in one replication: rollout run ${shellWord(o.scenario ?? s.scenario.file)} --seed ${s.seed} --replay 0 --out ${shellWord(dir)}`);
  }
  lines.push(...observedLines(r, dir));
  lines.push('');
  lines.push(`Report:  ${join(dir, 'report.html')}`);
  lines.push(`Charts:  ${join(dir, 'charts')}/`);
  lines.push(`Summary: ${join(dir, 'summary.json')}`);
  process.stdout.write(clean(lines.join('\n')) + '\n');
}
