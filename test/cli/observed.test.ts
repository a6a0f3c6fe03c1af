import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, rollout, rolloutIn, tempDir } from './helpers.js';
import { cli } from '../../src/cli/main.js';
import { rolloutInProcess } from './minister-helpers.js';

const small = fixture('observe/small.yaml');

/** Runs the command line in this process; returns its status and what it wrote to stderr. */
async function inProcess(args: string[]): Promise<{ status: number; err: string }> {
  let err = '';
  const status = await cli(args, new AbortController().signal, { err: (t) => (err += t) });
  return { status, err };
}

describe('rollout run --observed / --score', () => {
  it('conditions the baseline on the shipped observations out of the box', () => {
    const out = join(tempDir(), 'kz');
    const r = rollout(['run', 'scenarios/kazakhstan-baseline.yaml', '--observed', 'scenarios/kazakhstan-observed.csv', '--runs', '20', '--workers', '1', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Conditioned on 2 observations \(importance weighting, Gaussian observation error\): effective sample size [\d.]+ of 20 replications/);
    expect(r.stdout).toMatch(/fibre-2026: prior [\d.]+ % -> conditioned [\d.]+ %/);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(Object.keys(summary)).toEqual(['scenario', 'seed', 'runs', 'version', 'targets', 'joint', 'cost', 'jointCostSchedule', 'conditioning', 'deliveries', 'regions']);
    expect(Object.keys(summary.conditioning)).toEqual(['method', 'errorModel', 'description', 'observations', 'effectiveSampleSize', 'replicationsWeighted', 'warnings']);
    expect(summary.conditioning.method).toBe('importance-weighting');
    expect(summary.targets[0].prior).toHaveProperty('probability');
    expect(summary.targets[0].prior).toHaveProperty('ci95');
    expect(summary.conditioning.observations[0]).toMatchObject({ date: '2025-10-21', region: null, metric: 'fibre-count', value: 2606, prior: { min: 2606, max: 2606 } });
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('What the observations changed');
    expect(html).toContain('Chance before');
    expect(r.stdout).toMatch(/^kazakhstan-baseline: 20 replications, .*; conditioned on observations \(see below\)$/m);
    expect(html).toContain('(weighted by the observations)');
    expect(html).toContain('each future weighted by how well it matches the observations');
    expect(existsSync(join(out, 'charts', 'conditioning-factors.vl.json'))).toBe(true);
    // What the counts say of the contract's draws: the terminal, the report's table and its chart.
    expect(r.stdout).toMatch(/What they say of the delivery capacity \(median before -> after; P10–P90 after\):\n {4}Fibre capacity: tender \(days\): [\d.]+ -> [\d.]+ \([\d.]+–[\d.]+\)/);
    expect(r.stdout).toMatch(/^ {4}Fibre capacity: crews under contract: /m);
    expect(html).toContain('National factors and delivery capacity before and after');
    expect(existsSync(join(out, 'charts', 'conditioning-capacity.vl.json'))).toBe(true);
    // Each region's part: national counts that the start already fixes say nothing of any region.
    expect(r.stdout).toMatch(/What they say of the regions: no region's part of a factor moved its median beyond what chance moves it with [\d.]+ effective futures/);
    expect(html).toContain("Each region's part of a factor before and after (34 rows; no median moved beyond what chance moves it)");
    expect(html).toContain('Pavlodar: productivity (its regional part)');
    expect(existsSync(join(out, 'charts', 'conditioning-regions.vl.json'))).toBe(false); // no part moved: nothing to draw
  }, 120_000);

  it('runs the shipped status example with the shipped observations out of the box: the 2025 rows are before its start, set aside and said so', async () => {
    const out = join(tempDir(), 'from-status');
    const r = await rolloutInProcess(['run', 'scenarios/kazakhstan-from-status.yaml', '--observed', 'scenarios/kazakhstan-observed.csv', '--score', 'scenarios/kazakhstan-observed.csv', '--runs', '6', '--workers', '0', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Not conditioned: no observation of the --observed file falls within the run/);
    expect(r.stdout).toMatch(/Left out of the --observed file: 2 observations dated before the run's start \(2026-01-01/);
    expect(r.stdout).toContain('fibre-count (national) on 2025-12-31 = 2,606 (scenarios/kazakhstan-observed.csv:10)');
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    const c = summary.conditioning;
    expect(c.observations).toEqual([]);
    expect(c.effectiveSampleSize).toBe(6);
    expect(c.warnings).toEqual([]);
    expect(c.setAside.map((o: { date: string }) => o.date)).toEqual(['2025-10-21', '2025-12-31']);
    for (const t of summary.targets) expect(t.prior.probability).toBe(t.probability); // nothing to condition on: the prior
    const scores = JSON.parse(readFileSync(join(out, 'scores.json'), 'utf8'));
    expect(scores.observations).toEqual([]);
    expect(scores.setAside).toHaveLength(2);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/Left out of the observations file: 2 observations dated before the run's start/);
    // Nothing weighed the futures: neither the headline nor the report's notes may say they were.
    expect(r.stdout).toMatch(/^kazakhstan-from-status: 6 replications, .*; no observation to condition on \(see below\)$/m);
    expect(r.stdout).not.toContain('conditioned on observations');
    expect(html).not.toContain('weighted by the observations');
    expect(html).not.toContain('weighted by how well it matches');
    expect(html).not.toContain('at the effective sample size');
    expect(existsSync(join(out, 'charts', 'conditioning-factors.vl.json'))).toBe(false); // prior and 'posterior' would be the same bars
  }, 120_000);

  it('warns loudly on stderr, in summary.json and in the report, even with --json', () => {
    const dir = tempDir();
    const obs = join(dir, 'impossible.csv');
    writeFileSync(obs, 'date,region,metric,value\n2026-03-31,,fibre-count,10\n');
    const out = join(dir, 'out');
    const r = rollout(['run', small, '--observed', obs, '--runs', '30', '--workers', '0', '--out', out, '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).conditioning.warnings[0].kind).toBe('prior-data-conflict');
    expect(r.stderr).toMatch(/WARNING \(prior-data-conflict\): Prior–data conflict: fibre-count \(national\) on 2026-03-31 was observed as 10, below every one of the 30 simulated futures/);
    expect(r.stderr).toMatch(/re-calibrate/);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/<section class="warning" id="warnings" role="alert">[\s\S]*Prior–data conflict/);
    // weights.csv: one row per replication; the likeliest replication weighs the most.
    const weights = readFileSync(join(out, 'weights.csv'), 'utf8').trim().split('\n');
    expect(weights[0]).toBe('replication,fibre-count_national_2026-03-31,log_likelihood,weight');
    expect(weights).toHaveLength(31);
    const rows = weights.slice(1).map((l) => l.split(',').map(Number));
    const best = rows.reduce((a, b) => (b[2] > a[2] ? b : a));
    expect(best[3]).toBe(Math.max(...rows.map((r) => r[3])));
    expect(best[1]).toBe(Math.min(...rows.map((r) => r[1]))); // the future closest to 10 villages
  }, 60_000);

  it('--score writes scores.json: PIT, CRPS and the P5–P95 band of each observation', async () => {
    const dir = tempDir();
    const obs = join(dir, 'seen.csv');
    writeFileSync(obs, 'date,region,metric,value\n2026-06-30,,fibre-count,90\n2026-12-31,north,fibre-share,0.99\n2026-03-31,,fibre-count,10\n');
    const out = join(dir, 'out');
    const r = await inProcess(['run', small, '--score', obs, '--runs', '40', '--workers', '0', '--out', out, '--quiet']);
    expect(r).toEqual({ status: 0, err: '' });
    const s = JSON.parse(readFileSync(join(out, 'scores.json'), 'utf8'));
    expect(s.forecast).toBe('prior');
    expect(s.observations.map((o: { metric: string }) => o.metric)).toEqual(['fibre-count', 'fibre-share', 'fibre-count']);
    expect(s.observations[2]).toMatchObject({ value: 10, pit: 0, outside: 'below' });
    expect(s.observations[2].crps).toBeGreaterThan(25); // every future has at least 35 + a few
    expect(s.summary.outsideP5P95).toBe(s.observations.filter((o: { outside: unknown }) => o.outside !== null).length);
    expect(s.summary.belowP5).toBeGreaterThanOrEqual(1);
    // A scored run is not conditioned: summary.json has no conditioning section.
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).conditioning).toBeUndefined();
  }, 60_000);

  it('exits 2 and writes nothing for a bad observations file, naming the file, line and field', async () => {
    const dir = tempDir();
    const obs = join(dir, 'bad.csv');
    writeFileSync(obs, 'date,region,metric,value\n2026-06-30,nowhere,fibre-count,12\n');
    const out = join(dir, 'never');
    const r = await inProcess(['run', small, '--observed', obs, '--runs', '10', '--workers', '0', '--out', out]);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/bad\.csv:2:2: row 2, column region: expected a region id of the scenario/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(['bad.csv']);
  });

  it('refuses --shard, --precision and --replay with observations (exit 2)', async () => {
    for (const extra of [['--shard', '1/2'], ['--precision', '0.05'], ['--replay', '1']]) {
      const r = await inProcess(['run', small, '--observed', 'scenarios/kazakhstan-observed.csv', ...extra]);
      expect(r.status).toBe(2);
      expect(r.err).toMatch(/--observed (cannot be combined with|applies to a whole run)/);
    }
  });

  it('compare --observed conditions every option on the same file: the text, comparison.json and the report say so', async () => {
    const dir = tempDir();
    const obs = join(dir, 'seen.csv');
    writeFileSync(obs, 'date,region,metric,value\n2026-03-31,,fibre-count,46\n2026-06-30,,fibre-count,90\n2026-09-30,,fibre-count,142\n');
    const option = join(dir, 'later-crews.yaml');
    writeFileSync(option, `extends: ${JSON.stringify(small)}\nname: later-crews\ncrewChanges:\n  - { date: 2026-10-01, technology: fibre, add: 2 }\n`);
    const out = join(dir, 'cmp');
    const r = await rolloutIn(['compare', small, option, '--observed', obs, '--runs', '40', '--workers', '0', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Conditioned on .*seen\.csv: each option's futures weighted by how likely they make what was observed/m);
    expect(r.stdout).toMatch(/^ {2}later-crews +3 observations within its run, effective sample size [\d.]+ of 40( {2}<-- 1 warning .*)?$/m);
    const json = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8'));
    expect(json.conditioning.options.map((o: { weighsLikeReference: boolean }) => o.weighsLikeReference)).toEqual([true, true]);
    expect(json.targets[0].differences[0]).toHaveProperty('effectiveRuns');
    expect(readFileSync(join(out, 'comparison.html'), 'utf8')).toContain('Conditioned on what was observed');
    // A bad file: exit 2, naming it, and nothing written.
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'date,region,metric,value\n2026-06-30,nowhere,fibre-count,12\n');
    const never = join(dir, 'never');
    const b = await inProcess(['compare', small, option, '--observed', bad, '--runs', '10', '--out', never]);
    expect(b.status).toBe(2);
    expect(b.err).toMatch(/bad\.csv:2:2: row 2, column region: expected a region id of the scenario/);
    expect(existsSync(never)).toBe(false);
  }, 120_000);

  it('compare --observed: a row that fits one option and not another is refused naming the option it does not fit', async () => {
    const dir = tempDir();
    // The same villages, the north renamed 'nord': a row for 'north' fits the reference only.
    const renamed = join(dir, 'renamed.yaml');
    writeFileSync(renamed, readFileSync(small, 'utf8').replace('name: observe-small', 'name: renamed').replace('id: north, name: North', 'id: nord, name: Nord'));
    const obs = join(dir, 'north.csv');
    writeFileSync(obs, 'date,region,metric,value\n2026-06-30,north,fibre-count,50\n');
    const never = join(dir, 'never');
    const r = await inProcess(['compare', small, renamed, '--observed', obs, '--runs', '10', '--out', never]);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/north\.csv:2:2: row 2, column region, read against option 'renamed' \(.*renamed\.yaml\): expected a region id of the scenario/);
    expect(existsSync(never)).toBe(false);
  });

  it('compare --observed with an option from a status: the observations it sets aside are named, and its weighting is put down to them, not to a change of the past', async () => {
    const out = join(tempDir(), 'cmp-status');
    const r = await rolloutInProcess(['compare', 'scenarios/kazakhstan-baseline.yaml', 'scenarios/kazakhstan-from-status.yaml', '--observed', 'scenarios/kazakhstan-observed.csv', '--runs', '4', '--workers', '0', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ {2}kazakhstan-baseline +2 observations within its run, effective sample size [\d.]+ of 4$/m);
    expect(r.stdout).toMatch(/^ {2}kazakhstan-from-status +0 observations within its run \(2 set aside: dated before its start\), effective sample size [\d.]+ of 4 {2}<-- conditioned on other observations than the reference \([\d.e+-]+ % of the weight moved\)$/m);
    expect(r.stdout).toContain('the observations dated before its start are set aside');
    // Each chance with the chance before the observations beside it, as comparison.json and the report give it.
    expect(r.stdout).toMatch(/^ {4}kazakhstan-baseline +[\d.]+ % \([\d.]+ % – [\d.]+ %; [\d.]+ % before the observations\) {3}\(reference\)$/m);
    expect(r.stdout).not.toContain('changes what happened before an observation'); // not what sets it apart
    const json = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8'));
    expect(json.conditioning.options[0]).not.toHaveProperty('setAside');
    expect(json.conditioning.options.map((o: { weightMoved: number }) => o.weightMoved >= 0)).toEqual([true, true]);
    expect(json.conditioning.options[1].setAside.map((o: { date: string }) => o.date)).toEqual(['2025-10-21', '2025-12-31']);
    const html = readFileSync(join(out, 'comparison.html'), 'utf8');
    expect(html).toContain('0 observations within its run (2 set aside: dated before its start)');
    expect(html).toContain('<b>conditioned on other observations than the reference</b>');
    expect(html).not.toContain('changes what happened before an observation');
  }, 120_000);
});
