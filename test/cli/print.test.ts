import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario } from '../../src/scenario/index.js';
import { runMonteCarlo } from '../../src/montecarlo/index.js';
import { printAnswer } from '../../src/cli/print.js';
import { fixture } from '../scenario/helpers.js';

/** What `rollout run` prints, captured from printAnswer. */
async function printed(file: string): Promise<string> {
  const s = loadScenario(fixture(file));
  const r = await runMonteCarlo(s.input, s.identity, { runs: 10, seed: 1, workers: 0 });
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((x) => { out += String(x); return true; });
  try { printAnswer(r, { outDir: 'out', seconds: 1, workers: 0 }); } finally { spy.mockRestore(); }
  return out;
}

describe('the answer on the terminal', () => {
  it('says where the run ran: this thread for --workers 0, else how many workers', async () => {
    expect((await printed('known/exponential-crews.yaml')).split('\n')[0]).toMatch(/^exponential-crews: 10 replications, seed 1, 1\.0 s on this thread$/);
  }, 60_000);

  it('says, in a run from a status, that the money compared with is the run years\' plus what each future carries in', async () => {
    // counts-money.yaml: 20 units appropriated for 2025, before the run; none for 2026.
    const out = await printed('status/counts-money.yaml');
    expect(out).toContain("every target met within the programme's money (0 appropriated for the run's years, plus what each future carries in from before its start)");
  }, 60_000);

  it('and so does the report\'s money section', async () => {
    const { costSection } = await import('../../src/report/html-cost.js');
    const s = loadScenario(fixture('status/counts-money.yaml'));
    const r = await runMonteCarlo(s.input, s.identity, { runs: 10, seed: 1, workers: 0 });
    // 20 appropriated for 2025, 10 committed by the line counted at work. The money is said whole,
    // in its headline: '0 units' alone (the carried-in money in a sub-clause) read as an overrun.
    const html = costSection(r);
    expect(html).toContain('The programme’s money: <b>0 units appropriated for 2026, plus a median 10 units carried in from before the start</b> (P10 10 units, P90 10 units; 10 units in all in a typical future)');
    expect(html).toContain('Available by then, with the money carried in (units)');
    expect(html).toMatch(/<td>2026<\/td>.*<td class="num">0<\/td><td class="num">10<\/td><\/tr>/);
  }, 60_000);

  it("gives a count target's values as settlements, not percents, on the terminal and in the report", async () => {
    const out = await printed('known/count-target.yaml');
    const line = out.split('\n').find((l) => l.includes('at the deadline'))!;
    expect(line).toMatch(/median count at the deadline \d+ \(P10 \d+, P90 \d+\)$/);
    const s = loadScenario(fixture('known/count-target.yaml'));
    const r = await runMonteCarlo(s.input, s.identity, { runs: 10, seed: 1, workers: 0 });
    const { answerSection } = await import('../../src/report/html-answer.js');
    const v = r.summary.targets[0].valueAtDeadline;
    expect(v.p90).toBeGreaterThan(1); // a count: as a percent it would read in the hundreds
    expect(answerSection(r)).toContain(`${v.p10} · <b>${v.p50}</b> · ${v.p90}</td>`);
    // The national fan chart draws no diamond for it, and says so rather than promising one.
    const { fanChartSpec } = await import('../../src/report/charts/fan-chart.js');
    const fan = JSON.stringify(fanChartSpec(r));
    expect(fan).toContain('No target is drawn here');
    expect(fan).not.toContain('Diamonds: the targets');
    // And the note under the table says what that value is.
    expect(answerSection(r)).toContain('Value at the deadline: what the target measures, reached by the deadline in a poor (P10), typical (P50) and good (P90) future — a number of settlements for a count target.');
  }, 60_000);

  it('names the money alone in a run from the start', async () => {
    const out = await printed('known/cost-overrun.yaml');
    expect(out).toMatch(/every target met within the programme's money \([\d,]+\): /);
  }, 60_000);
});

describe('the replay command printed after a run', () => {
  it('names the scenario as the user gave it (the result keeps its portable name), quoted for the shell', async () => {
    const { rollout, scenarioFile, tempDir } = await import('../adversarial/helpers.js');
    // Outside the current directory: the portable name is the bare file name, which does not exist from here.
    const dir = tempDir('rollout my plans ');
    const file = scenarioFile((y) => y.replace('horizon: 2026-12-31', 'horizon: 2026-01-31'), 'b.yaml', dir); // some settlements left unconnected
    const out = join(dir, 'out');
    const r = await rollout(['run', file, '--runs', '5', '--workers', '0', '--out', out]);
    expect(r.status).toBe(0);
    const q = (p: string) => `'${p}'`;
    expect(r.stdout).toContain(`which ones and why, in one replication: rollout run ${q(file)} --seed 1 --replay 0 --out ${q(out)}`);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).scenario.file).toBe('b.yaml');
  }, 60_000);
});
