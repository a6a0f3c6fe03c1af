import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fixture, ROOT, rollout, rolloutIn, tempDir } from './helpers.js';

const scenario = fixture('known/exponential-crews.yaml');

describe('rollout run', () => {
  it('writes every file the contract promises and prints the answer', () => {
    const out = join(tempDir(), 'result');
    const r = rollout(['run', scenario, '--runs', '200', '--out', out, '--workers', '2']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Half of the jobs done/);
    expect(r.stdout).toMatch(/probability \d+\.\d %/);
    expect(r.stdout).toContain(join(out, 'report.html'));
    for (const f of ['summary.json', 'run-info.json', 'runs.csv', 'timeseries.csv', 'report.html']) expect(existsSync(join(out, f))).toBe(true);
    const charts = readdirSync(join(out, 'charts'));
    expect(charts.filter((f) => f.endsWith('.vl.json')).length).toBeGreaterThanOrEqual(3);
    expect(charts.filter((f) => f.endsWith('.svg')).length).toBe(charts.filter((f) => f.endsWith('.vl.json')).length);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(Object.keys(summary)).toEqual(['scenario', 'seed', 'runs', 'version', 'targets', 'joint', 'cost', 'jointCostSchedule', 'deliveries', 'regions']);
    expect(summary.regions[0]).toMatchObject({ id: 'only', settlements: 20 });
    expect(summary.regions[0].atDeadlines[0]).toHaveProperty('probabilityFibre90');
    expect(summary.runs).toBe(200);
    expect(readFileSync(join(out, 'runs.csv'), 'utf8').trim().split('\n')).toHaveLength(201);
    const info = JSON.parse(readFileSync(join(out, 'run-info.json'), 'utf8'));
    expect(info.workers).toBe(2);
    expect(JSON.stringify(summary)).not.toMatch(/\d{4}-\d\d-\d\dT/); // no timestamps in the answer
  }, 60_000);

  it('gives a byte-identical summary.json and runs.csv with 1, 2 and 3 workers', async () => {
    const dir = tempDir();
    const files: Buffer[][] = [];
    for (const w of [1, 2, 3]) {
      const out = join(dir, `w${w}`);
      const r = await rolloutIn(['run', scenario, '--runs', '150', '--seed', '42', '--workers', String(w), '--out', out, '-q']);
      expect(r.status).toBe(0);
      files.push([readFileSync(join(out, 'summary.json')), readFileSync(join(out, 'runs.csv'))]);
    }
    expect(files[1][0].equals(files[0][0])).toBe(true);
    expect(files[2][0].equals(files[0][0])).toBe(true);
    expect(files[1][1].equals(files[0][1])).toBe(true);
    expect(files[2][1].equals(files[0][1])).toBe(true);
  }, 60_000);

  it("counts agree with their nouns: '1 replication', a shard's 'replication 1 of 2' ('1 replications' before)", async () => {
    const one = await rolloutIn(['run', scenario, '--runs', '1', '--workers', '0', '--out', join(tempDir(), 'one')]);
    expect(one.status).toBe(0);
    expect(one.stdout).toMatch(/^exponential-crews: 1 replication, seed 1, [\d.]+ s on this thread$/m);
    const shard = await rolloutIn(['run', scenario, '--runs', '2', '--shard', '2/2', '--workers', '0', '--out', join(tempDir(), 'shard')]);
    expect(shard.status).toBe(0);
    expect(shard.stdout).toMatch(/^exponential-crews: shard 2\/2, replication 1 of 2, seed 1$/m);
  }, 60_000);

  it('--json prints summary.json to stdout and nothing else', async () => {
    const out = join(tempDir(), 'j');
    const r = await rolloutIn(['run', scenario, '--runs', '50', '--out', out, '--json']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(out, 'summary.json'), 'utf8'));
  }, 60_000);

  it('exits 2 and writes nothing for an invalid scenario', async () => {
    const dir = tempDir();
    const out = join(dir, 'never');
    const r = await rolloutIn(['run', fixture('bad-scenarios/wrong-type.yaml'), '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/wrong-type\.yaml:\d+:\d+: regions\[0\]\.crews\.fibre: expected/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('exits 2 for bad usage', async () => {
    expect((await rolloutIn(['run', scenario, '--runs', '0'])).status).toBe(2);
    expect((await rolloutIn(['run', scenario, '--runs', 'many'])).status).toBe(2);
    expect((await rolloutIn(['frobnicate'])).status).toBe(2);
    expect((await rolloutIn(['run', 'no/such/file.yaml'])).status).toBe(2);
    expect((await rolloutIn([])).status).toBe(2);
  });

  it('names a failing replication and its seed, and --replay reproduces it', async () => {
    const dir = tempDir();
    const out = join(dir, 'fail');
    const fault = { env: { ROLLOUT_TEST_FAULT: 'fail:17' } }; // the test-only fault hook (src/montecarlo/faults.ts)
    const r = rollout(['run', scenario, '--runs', '40', '--seed', '9', '--out', out], fault);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/replication 17 \(seed 9\) failed/);
    expect(r.stderr).toMatch(/--seed 9 --replay 17/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
    const replay = rollout(['run', scenario, '--seed', '9', '--replay', '17'], fault);
    expect(replay.status).toBe(1);
    expect(replay.stderr).toMatch(/injected failure in replication 17/);
  }, 60_000);

  it('--debug prints the stack trace in the TypeScript source (the bundle\'s source maps), from this thread and from a worker', () => {
    const fault = { env: { ROLLOUT_TEST_FAULT: 'fail:3' } };
    for (const workers of ['0', '2']) {
      const r = rollout(['run', scenario, '--runs', '6', '--workers', workers, '--out', join(tempDir(), 'x'), '--debug'], fault);
      expect(r.status).toBe(1);
      expect(r.stderr, `--workers ${workers}`).toMatch(/at injectFault \(.*src\/montecarlo\/faults\.ts:\d+:\d+\)/);
      expect(r.stderr).not.toMatch(/dist\/bundle\/chunk-/);
    }
    // Without --debug: no stack at all.
    const plain = rollout(['run', scenario, '--runs', '6', '--workers', '0', '--out', join(tempDir(), 'x')], fault);
    expect(plain.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);

  it('--replay --trace prints one replication event by event', async () => {
    const r = await rolloutIn(['run', scenario, '--seed', '9', '--replay', '3', '--trace']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/2026-01-\d\d day \d+\.\d{3} work done job \d+/);
    expect(r.stdout).toMatch(/replication 3 of exponential-crews \(seed 9\)/);
  });
});

describe('rollout validate and show', () => {
  it('validates good files and names every problem in bad ones', async () => {
    const ok = await rolloutIn(['validate', scenario, fixture('scenarios/fixed-schedule.yaml')]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^ok {2}.*exponential-crews\.yaml/m);
    const bad = await rolloutIn(['validate', scenario, fixture('bad-scenarios/wrong-type.yaml')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/wrong-type\.yaml:\d+/);
  });

  it("answers a CSV given as the scenario with one line saying what it is, in validate and run alike (exit 2)", async () => {
    const status = join(ROOT, 'scenarios', 'kazakhstan-status-2025-12-31.csv');
    for (const args of [['validate', status], ['run', status, '--runs', '10']]) {
      const r = await rolloutIn(args);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/kazakhstan-status-2025-12-31\.csv: expected a scenario file \(YAML or JSON\), found a status CSV .*'status:'/);
    }
  });

  it('shows the resolved scenario as JSON', async () => {
    const r = await rolloutIn(['show', scenario]);
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.name).toBe('exponential-crews');
    expect(s.regions[0].crews.fibre).toBe(4);
  });

  it('shows the CSVs a scenario names relative to the current directory, so the JSON saved here loads as the scenario does', async () => {
    const file = join(ROOT, 'scenarios', 'kazakhstan-from-status.yaml');
    const r = await rolloutIn(['show', file]);
    expect(r.status).toBe(0);
    const status = JSON.parse(r.stdout).status as string;
    // Written relative to the scenario's folder; printed relative to here.
    expect(resolve(process.cwd(), status)).toBe(join(ROOT, 'scenarios', 'kazakhstan-status-2025-12-31.csv'));
  });

  it('has --help with an example on every command', () => {
    for (const cmd of ['run', 'validate', 'show', 'bench']) {
      const r = rollout([cmd, '--help']);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/Examples:/);
    }
  });

  it('run --help says where --shard writes and what --json prints with it, and that --replay writes only with --out', () => {
    // --out's default (output/<scenario name>/) is not where a shard or a replay writes (found by an audit).
    const help = rollout(['run', '--help']).stdout.replace(/\s+/g, ' ');
    expect(help).toContain('default folder output/<scenario name>-shard-k-of-n/; no summary.json, so --json prints nothing');
    expect(help).toContain('Writes nothing unless --out DIR is given: then DIR/replication-i-settlements.csv');
    // As the help says: a shard with --json and no --out prints nothing and writes its default folder.
    const cwd = tempDir();
    const r = rollout(['run', scenario, '--runs', '4', '--shard', '1/2', '--json', '--workers', '0'], { cwd });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(readdirSync(join(cwd, 'output'))).toEqual(['exponential-crews-shard-1-of-2']);
  });

  it('run --help says a state is always a status and its counts only of generated settlements; goal --help that P is strictly between 0 and 1', () => {
    // It said "either is a scenario's status" of two files, where a run from a status per settlement writes no counts file (found by an audit).
    const help = rollout(['run', '--help']).stdout.replace(/\s+/g, ' ');
    expect(help).not.toContain('either is');
    expect(help).toContain("to DIR/state-DATE.csv, a scenario's `status`; for generated settlements also the same counted per region and stage, DIR/state-DATE-counts.csv, a status of counts (not when the scenario lists its settlements: a settlementsFile or a status per settlement)");
    expect(rollout(['goal', '--help']).stdout.replace(/\s+/g, ' ')).toContain('The chance to reach, strictly between 0 and 1, e.g. 0.8 (any value meets 0; no finite run can show 1)');
  });

  it('--state-at: a date with spaces around it is read as the date; another form or a day outside the run is refused, saying why', async () => {
    const small = fixture('observe/small.yaml');
    const out = join(tempDir(), 'st');
    // ' 2026-06-30' (pasted) was "Unknown argument" or "must be a date from ..." in an audit.
    const r = await rolloutIn(['run', small, '--runs', '5', '--replay', '1', '--state-at', ' 2026-06-30', '--out', out, '-q']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.rollout-result.json', 'replication-1-settlements.csv', 'state-2026-06-30-counts.csv', 'state-2026-06-30.csv']);
    for (const [date, message] of [
      ['2026-6-30', /--state-at must be a date YYYY-MM-DD \(e\.g\. 2026-06-30\), got '2026-6-30'/],
      ['2026-02-30', /--state-at must be a date YYYY-MM-DD \(e\.g\. 2026-06-30\), got '2026-02-30'/],
      // A status may be dated the day before the start; a state of the run may not, and the message says why.
      ['2025-12-31', /--state-at must be a date from 2026-01-01 \(the run's start\) to 2027-12-31 \(its horizon\), got '2025-12-31': the end of the day before the start is before anything the run simulates — the state then is the scenario's own start/],
      ['2028-01-01', /--state-at must be a date from 2026-01-01 \(the run's start\) to 2027-12-31 \(its horizon\), got '2028-01-01'\n/],
    ] as const) {
      const o = join(tempDir(), 'x');
      const bad = await rolloutIn(['run', small, '--runs', '5', '--replay', '1', '--state-at', date, '--out', o]);
      expect(bad.status, date).toBe(2);
      expect(bad.stderr, date).toMatch(message);
      expect(existsSync(o), date).toBe(false);
    }
  }, 60_000);

  it('--help of each analysis command gives the fewest --runs it accepts and where it writes by default', () => {
    const want: [string, number, RegExp][] = [
      ['compare', 2, /default output\/compare-<name>-vs-<name>/],
      ['sensitivity', 10, /default output\/<scenario name>-sensitivity\//],
      // The folder names goal and allocate really use: a path lever's name without 'path:', the crews or the programme (found by an audit).
      ['goal', 10, /default output\/<scenario name>-goal-<lever>\/, a path: lever without its path: prefix/],
      ['allocate', 10, /default output\/<scenario name>-allocate-<crews>-<technology>-crews\/ or output\/<scenario name>-allocate-<programme>-money\//],
    ];
    for (const [cmd, min, out] of want) {
      const r = rollout([cmd, '--help']); // --help exits the process: not in this one
      expect(r.status, cmd).toBe(0);
      expect(r.stdout, cmd).toContain(`Monte Carlo replications (${min} to 10,000,000)`);
      expect(r.stdout.replace(/\s+/g, ' '), cmd).toMatch(out);
    }
  });
});

describe('a worker thread that dies', () => {
  it('fails the run naming the replications it held and their seed, and leaves nothing', async () => {
    const dir = tempDir();
    const out = join(dir, 'crash');
    const r = rollout(['run', scenario, '--runs', '60', '--seed', '4', '--workers', '2', '--out', out], { env: { ROLLOUT_TEST_FAULT: 'crash:33' } });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/worker thread exited with code 70 while running replications \d+-\d+/);
    expect(r.stderr).toMatch(/seed 4/);
    expect(r.stderr).toMatch(/--seed 4 --replay \d+/);
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);
});

describe('an impossible target', () => {
  it('ends at the horizon and says which stage the unfinished settlements are stuck in', async () => {
    const out = join(tempDir(), 'imp');
    const r = await rolloutIn(['run', fixture('known/no-money.yaml'), '--runs', '20', '--out', out, '--workers', '1']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/probability 0\.0 %/);
    expect(r.stdout).toMatch(/Not connected by 2027-12-31: 10\.0 settlements on average \(stuck at: budget 10\.0\)/);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.targets[0].dateReached).toEqual({ p50: null, p80: null, p90: null });
    const csv = readFileSync(join(out, 'runs.csv'), 'utf8').trim().split('\n');
    const col = csv[0].split(',').indexOf('unfinished_settlements');
    expect(csv.slice(1).every((line) => line.split(',')[col] === '10')).toBe(true);
    // And which settlements, and why, for one replication:
    expect(r.stdout).toMatch(/--replay 0 --out/);
    const rp = await rolloutIn(['run', fixture('known/no-money.yaml'), '--replay', '0', '--out', out]);
    expect(rp.status).toBe(0);
    const rows = readFileSync(join(out, 'replication-0-settlements.csv'), 'utf8').trim().split('\n');
    expect(rows).toHaveLength(13);
    expect(rows.filter((l) => l.includes(',budget,')).length).toBe(10);
  }, 60_000);

  it("--replay of a run from a status: a settlement the status has connected shows the date the status gives, not the run's start", async () => {
    const out = join(tempDir(), 'wip');
    const rp = await rolloutIn(['run', fixture('status/work-in-progress.yaml'), '--replay', '0', '--out', out]);
    expect(rp.status).toBe(0);
    const [head, ...rows] = readFileSync(join(out, 'replication-0-settlements.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
    const on = (id: string) => rows.find((r) => r[0] === id)![head.indexOf('connected_on')];
    expect([on('c'), on('d')]).toEqual(['2026-03-20', '2026-03-10']); // as in work-in-progress.csv (the run starts on 1 April)
  }, 60_000);
});
