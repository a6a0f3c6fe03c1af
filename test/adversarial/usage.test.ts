import { describe, it, expect, vi } from 'vitest';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rollout, scenarioFile, SMALL, tempDir } from './helpers.js';

/**
 * Usage mistakes and bad input: exit status 2 before any work, a message naming what is
 * wrong, nothing written. (Today's yargs `.fail()` stored the message and let the command
 * run: `run S --sed 9` ran with seed 1, wrote its output, then said "Unknown argument".)
 */

const cases: { name: string; args: (out: string) => string[]; message: RegExp }[] = [
  { name: 'a mistyped option (--sed)', args: (o) => ['run', SMALL, '--sed', '9', '--out', o], message: /Unknown argument: sed/ },
  { name: 'a mistyped --out (--output)', args: (o) => ['run', SMALL, '--output', o], message: /Unknown argument: output/ },
  { name: 'run with no scenario', args: () => ['run'], message: /name a scenario file: rollout run <scenario>[\s\S]*rollout run --help/ },
  { name: '--runs 0', args: (o) => ['run', SMALL, '--runs', '0', '--out', o], message: /--runs must be a whole number from 1 to 10,000,000/ },
  { name: '--runs 1e12 (a trillion)', args: (o) => ['run', SMALL, '--runs', '1e12', '--out', o], message: /--runs must be .* got '1e12'/ },
  { name: '--runs 10000001 (over the cap)', args: (o) => ['run', SMALL, '--runs', '10000001', '--out', o], message: /--runs must be .* got 10000001/ },
  { name: '--runs 0x10 (hex)', args: (o) => ['run', SMALL, '--runs', '0x10', '--out', o], message: /--runs must be .* got '0x10'/ },
  { name: '--runs 1.5', args: (o) => ['run', SMALL, '--runs', '1.5', '--out', o], message: /--runs must be a whole number/ },
  { name: '--runs many', args: (o) => ['run', SMALL, '--runs', 'many', '--out', o], message: /--runs must be a whole number/ },
  { name: '--runs given twice', args: (o) => ['run', SMALL, '--runs', '5', '--runs', '6', '--out', o], message: /--runs was given 2 times/ },
  { name: '--seed 9007199254740993 (not exactly representable)', args: (o) => ['run', SMALL, '--seed', '9007199254740993', '--out', o], message: /--seed must be a whole number from 0 to 9,007,199,254,740,991, got 9007199254740993/ },
  { name: '--seed -1', args: (o) => ['run', SMALL, '--seed', '-1', '--out', o], message: /--seed must be a whole number/ },
  { name: '--workers 1000000', args: (o) => ['run', SMALL, '--workers', '1000000', '--out', o], message: /--workers must be a whole number from 0 to \d+, got 1000000/ },
  { name: '--precision 0.7', args: (o) => ['run', SMALL, '--precision', '0.7', '--out', o], message: /--precision must be a number between 0 and 0.5/ },
  { name: '--precision 0', args: (o) => ['run', SMALL, '--precision', '0', '--out', o], message: /--precision must be a number between 0 and 0.5/ },
  { name: '--precision Infinity', args: (o) => ['run', SMALL, '--precision', 'Infinity', '--out', o], message: /--precision must be a number/ },
  { name: '--max-runs below --runs', args: (o) => ['run', SMALL, '--precision', '0.1', '--runs', '500', '--max-runs', '100', '--out', o], message: /--max-runs \(100\) must be at least --runs \(500\)/ },
  { name: '--shard 3/2', args: (o) => ['run', SMALL, '--shard', '3/2', '--out', o], message: /--shard must be k\/n with 1 <= k <= n/ },
  { name: '--shard 0/2', args: (o) => ['run', SMALL, '--shard', '0/2', '--out', o], message: /--shard must be k\/n/ },
  { name: '--shard with more shards than runs', args: (o) => ['run', SMALL, '--runs', '3', '--shard', '1/4', '--out', o], message: /more shards than replications/ },
  { name: '--replay beyond --runs', args: (o) => ['run', SMALL, '--runs', '10', '--replay', '10', '--out', o], message: /--replay must be a replication of the run, below --runs \(10\)/ },
  { name: 'compare with --runs 1', args: (o) => ['compare', SMALL, SMALL, '--runs', '1', '--out', o], message: /--runs must be a whole number >= 2/ },
  { name: 'sensitivity with --runs 5', args: (o) => ['sensitivity', SMALL, '--runs', '5', '--out', o], message: /--runs must be a whole number >= 10/ },
  // An option given twice, or a text option without its value: named, never a crash or an empty file name.
  { name: '--out given twice', args: (o) => ['run', SMALL, '--runs', '5', '--out', o, '--out', `${o}2`], message: /--out was given 2 times; give it once/ },
  { name: 'sensitivity --out given twice', args: (o) => ['sensitivity', SMALL, '--runs', '10', '--out', o, '--out', `${o}2`], message: /--out was given 2 times/ },
  { name: 'goal --lever given twice', args: (o) => ['goal', SMALL, '--target', 'half', '-p', '0.5', '--lever', 'budget', '--lever', 'offices', '--runs', '10', '--out', o], message: /--lever was given 2 times/ },
  { name: 'allocate --programme given twice', args: (o) => ['allocate', SMALL, '--target', 'half', '--money', '5', '--programme', 'a', '--programme', 'b', '--out', o], message: /--programme was given 2 times/ },
  { name: '--observed given twice', args: (o) => ['run', SMALL, '--observed', 'f.csv', '--observed', 'f.csv', '--out', o], message: /--observed was given 2 times/ },
  { name: '--score with no value', args: (o) => ['run', SMALL, '--out', o, '--score'], message: /Not enough arguments following: score/ },
  { name: '--observed= (an empty value)', args: (o) => ['run', SMALL, '--out', o, '--observed='], message: /--observed needs a value: an observations CSV file/ },
  { name: 'bench --scenario given twice', args: () => ['bench', '--scenario', 'a.yaml', '--scenario', 'b.yaml'], message: /--scenario was given 2 times/ },
  { name: 'bench --runs abc', args: () => ['bench', '--runs', 'abc'], message: /--runs must be a whole number from 1 to 10,000,000, in plain digits; got 'abc'/ },
  { name: 'bench --runs -5', args: () => ['bench', '--runs', '-5'], message: /--runs must be a whole number .* got '-5'/ },
  { name: 'bench --toy-runs 0x10', args: () => ['bench', '--toy-runs', '0x10'], message: /--toy-runs must be a whole number .* got '0x10'/ },
  { name: 'bench --memory-runs 1000 lots', args: () => ['bench', '--memory-runs', '1000', 'lots'], message: /--memory-runs must be a whole number .* got 'lots'/ },
  // An option --help gives as "With --replay" or "With --precision": refused without it, not silently unused (found by an audit).
  { name: '--trace without --replay (it ran the whole run and wrote it)', args: (o) => ['run', SMALL, '--runs', '5', '--trace', '--out', o], message: /--trace goes with --replay i/ },
  { name: '--max-runs without --precision (it was ignored)', args: (o) => ['run', SMALL, '--runs', '5', '--max-runs', '50', '--out', o], message: /--max-runs goes with --precision/ },
  { name: '--precision without --max-runs below --runs (its default, 100,000)', args: (o) => ['run', SMALL, '--precision', '0.1', '--runs', '100001', '--out', o], message: /--max-runs \(default 100000\) must be at least --runs \(100001\)/ },
  // --replay runs one replication on this thread: a --shard or --precision beside it was silently unused (found by an audit).
  { name: '--replay with --shard', args: (o) => ['run', SMALL, '--runs', '4', '--replay', '0', '--shard', '1/2', '--out', o], message: /--replay runs one replication: it cannot be combined with --shard/ },
  // A shard cannot weigh or rank its futures against the others (README, "Many machines: shards").
  { name: '--observed with --shard', args: (o) => ['run', SMALL, '--runs', '4', '--shard', '1/2', '--observed', 'seen.csv', '--out', o], message: /--observed cannot be combined with --shard: conditioning and scoring need every replication of the run/ },
  { name: '--score with --shard', args: (o) => ['run', SMALL, '--runs', '4', '--shard', '1/2', '--score', 'seen.csv', '--out', o], message: /--score cannot be combined with --shard/ },
  // --replay runs on this thread and draws no chart: --workers and --png beside it were silently unused.
  { name: '--replay with --workers', args: (o) => ['run', SMALL, '--runs', '4', '--replay', '0', '--workers', '2', '--out', o], message: /--replay runs one replication on this thread: it cannot be combined with --workers/ },
  { name: '--replay with --png', args: (o) => ['run', SMALL, '--runs', '4', '--replay', '0', '--png', '--out', o], message: /--replay draws no chart .*: it cannot be combined with --png/ },
  { name: '--replay with --precision', args: (o) => ['run', SMALL, '--replay', '0', '--precision', '0.1', '--out', o], message: /--replay runs one replication: it cannot be combined with --precision/ },
  // A wrong --against was found only after every timing (minutes at the defaults), then failed with exit 1 (found by an audit).
  { name: 'bench --against a folder that is not a built checkout', args: (o) => ['bench', '--runs', '1', '--toy-runs', '1', '--memory-runs', '1', '--against', o], message: /--against must be a built checkout of rollout \(npm run build there\): .*dist\/montecarlo\/index\.js is not there/ },
  { name: '--replay with --trace and --json', args: (o) => ['run', SMALL, '--runs', '5', '--replay', '0', '--trace', '--json', '--out', o], message: /--trace prints every event: it cannot be combined with --json/ },
];

describe('usage mistakes stop before any work, exit 2, nothing written', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const dir = tempDir();
      const out = join(dir, 'out');
      const r = await rollout(c.args(out));
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(c.message);
      expect(r.stdout).toBe(''); // no answer printed: nothing ran
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(dir)).toEqual([]);
    }, 30_000);
  }
});

/** Bad input files: exit 2 naming the file and the field, nothing written. */
const badInputs: { name: string; edit: (y: string) => string; csv?: string; message: RegExp }[] = [
  {
    name: "a settlements CSV with '0x10' people (hex is not a number there)",
    edit: (y) => y.replace(/regions:[\s\S]*?settlementDefaults:/, 'settlementsFile: s.csv\nregions:\n  - { id: only, name: Only, crews: { fibre: 4 } }\nsettlementDefaults:'),
    csv: 'id,region,population,connected,backboneKm\na,only,0x10,false,3\n',
    message: /s\.csv:2:3: row 2, column population: expected a whole number >= 0 written in decimal digits, found '0x10'/,
  },
  {
    name: 'a design time that can be negative (an untruncated normal)',
    edit: (y) => y.replace('kmPerDay: 1', 'kmPerDay: 1\n  design: { dist: normal, mean: 30, sd: 20 }'),
    message: /fibre\.design: expected a distribution whose values are all >= 0 \(days, km, money and people cannot be negative\); truncate it with a min of 0 or more, found normal ranging from −∞ to \+∞/,
  },
  {
    name: 'km/day that can be 0 (a PERT from 0)',
    edit: (y) => y.replace('kmPerDay: 1', 'kmPerDay: { dist: pert, min: 0, mode: 2, max: 4 }'),
    message: /fibre\.kmPerDay\.min: expected a distribution whose values are all > 0 \(a rate that divides\), found pert ranging from 0 to 4/,
  },
  {
    name: 'a cost that can be negative (an empirical list with a negative value)',
    edit: (y) => y.replace('kmPerDay: 1', 'kmPerDay: 1\n  costPerKm: { dist: empirical, values: [3, -1, 4] }'),
    message: /fibre\.costPerKm\.values: expected a distribution whose values are all >= 0 .*found empirical ranging from -1 to 4/,
  },
  {
    name: 'a target over a region with no settlement (an empty denominator is not "met")',
    edit: (y) => y.replace('  - id: only', '  - { id: empty, name: Empty, settlements: 0, connected: 0 }\n  - id: only').replace('    deadline: 2026-01-25', '    deadline: 2026-01-25\n    regions: [empty]'),
    message: /targets\[0\]\.regions: expected regions with at least one settlement \(target 'half' is a share of their settlements\), found no settlement in empty/,
  },
];

describe('bad input is refused at validation, exit 2, nothing written', () => {
  for (const c of badInputs) {
    it(c.name, async () => {
      const dir = tempDir();
      const file = scenarioFile(c.edit, 'scenario.yaml', dir);
      if (c.csv) writeFileSync(join(dir, 's.csv'), c.csv);
      const out = join(dir, 'out');
      const r = await rollout(['run', file, '--out', out, '--workers', '0']);
      expect(r.stderr).toMatch(c.message);
      expect(r.status).toBe(2);
      expect(existsSync(out)).toBe(false);
    }, 30_000);
  }
});

describe('a numeric option without its value', () => {
  it('is a usage error, not the default', async () => {
    const r = await rollout(['run', SMALL, '--runs']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Not enough arguments following: runs/);
    expect(r.stdout).toBe('');
  }, 30_000);
});

describe('bench checks its scenario before timing anything', () => {
  it('a scenario that is not there: exit 2 naming it, and no benchmark started', async () => {
    let progress = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { progress += String(chunk); return true; });
    try {
      const r = await rollout(['bench', '--scenario', 'sc/missing.yaml', '--runs', '1', '--toy-runs', '1', '--memory-runs', '1']);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/sc\/missing\.yaml: expected a scenario file .*found no such file/);
    } finally {
      spy.mockRestore();
    }
    expect(progress).toBe(''); // not even the engine workload ran
  }, 30_000);

  it('--against a checkout that cannot read the scenario (an older format): exit 2 with its first problems, before any timing', async () => {
    // A built checkout whose scenario reader refuses the file, as 6c1d291 refuses today's baseline (it failed after minutes of timings).
    const other = tempDir();
    for (const m of ['montecarlo', 'scenario']) mkdirSync(join(other, 'dist', m), { recursive: true });
    writeFileSync(join(other, 'dist', 'montecarlo', 'index.js'), "exports.VERSION = '0.0.1';\n");
    const problems = Array.from({ length: 5 }, (_, k) => `s.yaml:${k + 1}:1: key${k}: expected a known key, found unknown key 'key${k}'`).join('\n');
    writeFileSync(join(other, 'dist', 'scenario', 'index.js'), `exports.loadScenario = () => { throw new Error(${JSON.stringify(problems)}); };\n`);
    let progress = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { progress += String(chunk); return true; });
    try {
      const r = await rollout(['bench', '--scenario', SMALL, '--runs', '1', '--toy-runs', '1', '--memory-runs', '1', '--against', other]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`--against ${other} cannot read ${SMALL}:\n  s.yaml:1:1: key0`);
      expect(r.stderr).toContain('key2');
      expect(r.stderr).not.toContain('key3'); // the first three problems, then a count
      expect(r.stderr).toContain('(and 2 more lines)');
      expect(r.stderr).toMatch(/Give --scenario a file both checkouts read/);
    } finally {
      spy.mockRestore();
    }
    expect(progress).toBe('');
  }, 30_000);

  it('--against a checkout whose build cannot be loaded (its packages not installed): exit 2 saying so, before any timing', async () => {
    const other = tempDir();
    for (const m of ['montecarlo', 'scenario']) mkdirSync(join(other, 'dist', m), { recursive: true });
    // Its code imports a package its checkout does not have (no npm ci there).
    writeFileSync(join(other, 'dist', 'montecarlo', 'index.js'), "require('a-package-not-installed-anywhere');\n");
    writeFileSync(join(other, 'dist', 'scenario', 'index.js'), 'exports.loadScenario = () => ({ input: {} });\n');
    let progress = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { progress += String(chunk); return true; });
    try {
      const r = await rollout(['bench', '--scenario', SMALL, '--runs', '1', '--toy-runs', '1', '--memory-runs', '1', '--against', other]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`--against ${other}: its build cannot be loaded (npm ci and npm run build there): `);
      expect(r.stderr).toContain('a-package-not-installed-anywhere');
    } finally {
      spy.mockRestore();
    }
    expect(progress).toBe('');
  }, 30_000);
});

describe('--replay honours --quiet and --json', () => {
  it('--quiet prints nothing', async () => {
    const r = await rollout(['run', SMALL, '--runs', '5', '--replay', '2', '--quiet']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
  }, 30_000);

  it('--json prints only JSON: the replication, its targets, what is not connected and the files written', async () => {
    const out = join(tempDir(), 'rep');
    const r = await rollout(['run', SMALL, '--runs', '5', '--replay', '2', '--json', '--out', out]);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ scenario: 'exponential-crews', seed: 1, replication: 2, notConnected: { settlements: 0 } });
    expect(j.events).toBeGreaterThan(0);
    expect(j.targets).toEqual([expect.objectContaining({ id: 'half', deadline: '2026-01-25', met: expect.any(Boolean), shareAtDeadline: expect.any(Number) })]);
    // Named in the output directory: what is printed for a program carries no machine path.
    expect(j.files).toEqual({ settlements: 'replication-2-settlements.csv' });
    expect(existsSync(join(out, j.files.settlements))).toBe(true);
  }, 30_000);
});
