import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, rollout, tempDir } from './helpers.js';
import { rolloutInProcess } from './minister-helpers.js';

const crews = fixture('known/crews-deadline.yaml');

describe('rollout goal', () => {
  it('writes goal.json with the contract’s names, goal.html and the chart, and prints the answer', async () => {
    const out = join(tempDir(), 'goal');
    const r = await rolloutInProcess(['goal', crews, '--target', 'all-by-april', '--probability', '0.8', '--lever', 'fibre-crews', '--range', '0.1:2', '--runs', '20', '--workers', '0', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/is 0\.65 \(7 fibre crews in all; the scenario has 10\)/);
    const g = JSON.parse(readFileSync(join(out, 'goal.json'), 'utf8'));
    expect(Object.keys(g).slice(0, 6)).toEqual(['target', 'probability', 'lever', 'value', 'achieved', 'below']);
    expect(g).toMatchObject({ target: 'all-by-april', probability: 0.8, lever: 'fibre-crews', value: 0.65, achieved: { probability: 1 }, below: { value: 0.55, probability: 0 }, found: true });
    expect(g.achieved.ci95).toHaveLength(2);
    expect(readFileSync(join(out, 'goal.html'), 'utf8')).toContain('What would it take?');
    expect(readdirSync(join(out, 'charts'))).toEqual(['goal-search.svg', 'goal-search.vl.json']);
  }, 60_000);

  it('--observed: every chance weighted by what was seen, said in the answer, goal.json and the terminal', async () => {
    const out = join(tempDir(), 'observed');
    const seen = join(tempDir(), 'seen.csv');
    writeFileSync(seen, 'date,region,metric,value\n2026-03-31,,fibre-count,46\n2026-06-30,,fibre-count,90\n2026-09-30,,fibre-count,142\n');
    const r = await rolloutInProcess(['goal', fixture('observe/small.yaml'), '--target', 'fibre-2026', '-p', '0.6', '--lever', 'fibre-crews', '--range', '0.5:3', '--runs', '40', '--workers', '0', '--out', out, '--observed', seen]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Given what was observed \(3 observations in .*seen\.csv\)/);
    expect(r.stdout).toMatch(/on 40 runs \(\d+ effective\)/);
    const g = JSON.parse(readFileSync(join(out, 'goal.json'), 'utf8'));
    expect(g.conditioning.observations.map((o: { value: number }) => o.value)).toEqual([46, 90, 142]);
    // The lever acts before the observations: some values keep few futures, said in the answer...
    expect(r.stdout).toMatch(/WARNING \(ess-collapse\): At \d+ values? of fibre-crews/);
    // ...and on stderr when the answer is not printed (--json), as run's warnings are.
    const j = await rolloutInProcess(['goal', fixture('observe/small.yaml'), '--target', 'fibre-2026', '-p', '0.6', '--lever', 'fibre-crews', '--range', '0.5:3', '--runs', '40', '--workers', '0', '--out', join(tempDir(), 'observed-json'), '--observed', seen, '--json']);
    expect(j.status).toBe(0);
    expect(JSON.parse(j.stdout).conditioning.warnings[0].kind).toBe('ess-collapse');
    expect(j.stderr).toMatch(/^!+\nWARNING \(ess-collapse\): At \d+ values? of fibre-crews/);
  }, 60_000);

  it('a range with no solution: says so, exit status 0, the best value reached', async () => {
    const r = await rolloutInProcess(['goal', crews, '--target', 'all', '-p', '0.8', '--lever', 'fibre-crews', '--range', '0.1:0.6', '--runs', '10', '--workers', '0', '--out', join(tempDir(), 'none'), '--json']);
    expect(r.status).toBe(0);
    const g = JSON.parse(r.stdout);
    expect(g).toMatchObject({ found: false, value: null, setting: null, achieved: { value: 0.55 }, below: null });
    expect(g.sentence).toMatch(/^No value of fibre-crews in 0\.1–0\.6 meets every target with 80\.0 % probability; the best reached is 0\.0 %/);
  }, 60_000);

  it('goal.html’s command that asks the same question again keeps --step, which decides the candidates as much as --range', async () => {
    const out = join(tempDir(), 'step');
    const args = ['--target', 'all-by-april', '-p', '0.5', '--lever', 'path:regions.only.crews.fibre', '--range', '1:20', '--step', '4', '--runs', '10', '--workers', '0'];
    const r = await rolloutInProcess(['goal', crews, ...args, '--out', out, '-q']);
    expect(r.status).toBe(0);
    const g = JSON.parse(readFileSync(join(out, 'goal.json'), 'utf8'));
    // Candidates 1, 5, 9, 13, 17, 20: the least meeting the goal is 9, not the 7 of whole steps.
    expect([g.value, g.below.value, g.leverDetail.step, g.leverDetail.candidates]).toEqual([9, 5, 4, 6]);
    const again = /same answer \(<code>rollout goal (.*?)<\/code>/.exec(readFileSync(join(out, 'goal.html'), 'utf8'))![1].split(' ');
    const out2 = join(tempDir(), 'again');
    const r2 = await rolloutInProcess(['goal', ...again, '--workers', '0', '--out', out2, '-q']);
    expect(r2.status).toBe(0);
    expect(readFileSync(join(out2, 'goal.json'), 'utf8')).toBe(readFileSync(join(out, 'goal.json'), 'utf8'));
    // A lever rounded to whole crews has no step to repeat.
    const crewsOut = join(tempDir(), 'crews');
    await rolloutInProcess(['goal', crews, '--target', 'all-by-april', '-p', '0.5', '--lever', 'fibre-crews', '--runs', '10', '--workers', '0', '--out', crewsOut, '-q']);
    expect(JSON.parse(readFileSync(join(crewsOut, 'goal.json'), 'utf8')).leverDetail.step).toBeNull();
    expect(readFileSync(join(crewsOut, 'goal.html'), 'utf8')).not.toContain('--step');
  }, 60_000);

  it('--help of goal and allocate names -o once (their own --out redeclared the alias: "-o, -o, --out")', () => {
    for (const cmd of ['goal', 'allocate']) {
      const r = rollout([cmd, '--help']);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^ {2}-o, --out {2,}Output directory/m);
      expect(r.stdout).not.toContain('-o, -o');
    }
  });

  it('bad questions are usage errors (exit 2) that write nothing', async () => {
    const parent = tempDir();
    const badObs = join(tempDir(), 'bad-observed.csv');
    writeFileSync(badObs, 'date,region,metric,value\n2026-03-01,,villages-happy,3\n');
    const cases: [string[], RegExp][] = [
      [['--target', 'nope', '-p', '0.8', '--lever', 'fibre-crews'], /no target 'nope'/],
      [['--target', 'all', '-p', '80', '--lever', 'fibre-crews'], /--probability must be a number between 0 and 1 \(e\.g\. 0\.8\), got '80'\n/],
      // The ends themselves, with why (an audit found them refused without a reason).
      [['--target', 'all', '-p', '1', '--lever', 'fibre-crews'], /--probability must be a number between 0 and 1 \(e\.g\. 0\.8\), got '1': strictly between: any value meets a chance of 0 [^]*a chance of 1 cannot be shown on a finite number of futures/],
      [['--target', 'all', '-p', '0', '--lever', 'fibre-crews'], /got '0': strictly between/],
      [['--target', 'all', '-p', '0.8', '--lever', 'crews'], /unknown lever 'crews'/],
      [['--target', 'all', '-p', '0.8', '--lever', 'fibre-crews', '--range', '3'], /--range must be low:high/],
      [['--target', 'all', '-p', '0.8', '--lever', 'budget'], /no programme of this scenario has limited money/],
      [['--target', 'all', '-p', '0.8', '--lever', 'path:fibre.kmPerDay.buried'], /needs a range/],
      [['--target', 'all', '-p', '0.8'], /Missing required argument: lever/],
      // Ignored before: the candidates of a lever rounded to whole crews do not depend on a step.
      [['--target', 'all', '-p', '0.8', '--lever', 'fibre-crews', '--step', '0.5'], /--step does not apply to fibre-crews/],
      // The observations are read and checked before anything is written, as run --observed reads them.
      [['--target', 'all', '-p', '0.8', '--lever', 'fibre-crews', '--observed', join(parent, 'missing.csv')], /missing\.csv/],
      [['--target', 'all', '-p', '0.8', '--lever', 'fibre-crews', '--observed', badObs], /bad-observed\.csv.*metric/],
    ];
    for (const [args, message] of cases) {
      const out = join(parent, 'x');
      const r = await rolloutInProcess(['goal', crews, ...args, '--runs', '10', '--workers', '0', '--out', out]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
    expect(readdirSync(parent)).toEqual([]);
  }, 60_000);
});
