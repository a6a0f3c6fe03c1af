import { describe, it, expect } from 'vitest';
import { parsePreviousForecast, reviseForecast, type Summary } from '../../src/montecarlo/index.js';
import { independentProportionInterval } from '../../src/montecarlo/proportion-difference.js';
import { ScenarioError } from '../../src/scenario/index.js';
import { summaryJson } from '../../src/report/index.js';
import { revisionJson } from '../../src/report/revision-json.js';
import { noiseVerdict, orderWarning, revisionSentences } from '../../src/report/html-revision.js';
import { revisionLines } from '../../src/cli/previous-args.js';

/** A summary.json as a run writes it, with two targets. */
function summary(p2026: number, p2027: number, o: { runs?: number; sha?: string; reached?: string | null } = {}): Summary {
  const target = (id: string, deadline: string, probability: number) => ({
    id, label: id, metric: 'fibre-share' as const, threshold: 0.9, deadline, probability, ci95: [Math.max(0, probability - 0.03), Math.min(1, probability + 0.03)] as [number, number],
    valueAtDeadline: { p10: 0.5, p50: 0.6, p90: 0.7 }, dateReached: { p50: o.reached === undefined ? '2027-03-01' : o.reached, p80: null, p90: null },
  });
  return {
    scenario: { name: 'kz', file: 'kz.yaml', sha256: o.sha ?? 'a'.repeat(64) }, seed: 1, runs: o.runs ?? 1000, version: '0.1.0',
    targets: [target('fibre-2026', '2026-12-31', p2026), target('fibre-2027', '2027-12-31', p2027)],
    joint: { probability: Math.min(p2026, p2027), ci95: [0, 1] },
  };
}
/** An observation as summary.json states it (national fibre count, sd 9). */
const seen = (date: string, value: number) => ({ date, region: null, metric: 'fibre-count' as const, value, sd: 9 });
const parse = (s: Summary) => parsePreviousForecast(summaryJson(s), 'output/2026-09/summary.json');

describe('a forecast against the previous one (run --previous)', () => {
  it('the same answer: no change, within the noise, and nothing differs', () => {
    const s = summary(0.34, 0.2);
    const r = reviseForecast(parse(s), s);
    expect(r.differs).toEqual([]);
    for (const t of r.targets) {
      expect(t.change.value).toBe(0);
      expect(t.beyondNoise).toBe(false);
      expect(t.dateShiftDays).toBe(0);
    }
    expect(r.joint!.change.value).toBe(0);
  });

  it('two runs made the same way: a reproduction, said as such — not a change that fell within the noise; one that moved all the same is not noise either', () => {
    // 0.1234565 is 0.123456 in summary.json: the file read back is still the same answer.
    const s = summary(0.1234565, 0.2);
    const same = reviseForecast(parse(s), s);
    expect(same.targets[0].change.value).toBe(0);
    expect(same.sameSeed).toBe(true);
    expect(revisionSentences(same)).toEqual(['The two were made the same way (same scenario, observations, seed, replications and tool version) and give the same answer: this run reproduces the previous one. Nothing moved, and no simulation noise lies between them (the same seed draws the same futures); the intervals say only how far two independent runs could differ.']);
    expect(noiseVerdict(same, same.targets[0])).toBe('reproduced');
    const moved = reviseForecast(parse(s), summary(0.15, 0.2));
    expect(noiseVerdict(moved, moved.targets[1])).toBe('within simulation noise');
    expect(revisionSentences(moved)[0]).toMatch(/^The two were made the same way .*, yet the answer moved: not simulation noise/);
  });

  it('a changed scenario with the same seed: a change within the intervals may still be real (shared draws); a previous forecast whose conditioning collapsed is said to be one', () => {
    const r = reviseForecast(parse(summary(0.34, 0.2)), summary(0.36, 0.2, { sha: 'b'.repeat(64) }));
    expect(r.targets[0].beyondNoise).toBe(false);
    expect(revisionSentences(r)).toEqual([
      `What differs in how the two were made: the scenario 'kz' changed (resolved sha256 ${'a'.repeat(12)}… → ${'b'.repeat(12)}…).`,
      'Both runs used seed 1: their futures share random draws, so the noise between them is usually smaller than the intervals (which treat them as independent) — a change within the noise may still be real.',
    ]);
    const collapsed = { ...JSON.parse(summaryJson(summary(0.9, 0.9))), conditioning: { observations: [seen('2026-09-30', 160)], effectiveSampleSize: 79.6, warnings: [] } };
    const c = reviseForecast(parsePreviousForecast(JSON.stringify(collapsed), 'o1/summary.json'), { ...summary(0.3, 0.9), seed: 2 });
    expect(c.previous.effectiveSampleSize).toBe(79.6);
    expect(revisionSentences(c).at(-1)).toBe('The previous forecast\'s conditioning had collapsed (effective sample size 79.6 of 1,000 replications): it warned not to trust its conditioned numbers yet, and a change from them is no firmer; its side of each interval counts only the equivalent of 80 futures.');
    // One effective future is the least a conditioned run keeps; 0, or more than its runs, is no run's.
    const one = reviseForecast(parsePreviousForecast(JSON.stringify({ ...collapsed, conditioning: { ...collapsed.conditioning, effectiveSampleSize: 1.2 } }), 'o1/summary.json'), summary(0.3, 0.9));
    expect(revisionSentences(one).at(-1)).toMatch(/counts only the equivalent of 1 future\.$/);
    for (const ess of [0, 0.5, 1001]) {
      expect(() => parsePreviousForecast(JSON.stringify({ ...collapsed, conditioning: { ...collapsed.conditioning, effectiveSampleSize: ess } }), 'o1/summary.json'))
        .toThrow(`o1/summary.json: conditioning.effectiveSampleSize: expected an effective sample size from 1 to the runs, found ${ess}`);
    }
    expect(JSON.parse(revisionJson(c)).previous.effectiveSampleSize).toBe(79.6);
  });

  it('the change\'s interval is Newcombe\'s for two independent runs of their sizes, and says when it is beyond the noise', () => {
    const before = summary(0.34, 0.2, { runs: 1000 }), after = summary(0.213, 0.19, { runs: 2000, sha: 'b'.repeat(64), reached: '2027-05-20' });
    const r = reviseForecast(parse(before), after);
    const t = r.targets[0];
    expect(t.change.value).toBeCloseTo(-0.127, 9);
    expect(t.change.ci95).toEqual(independentProportionInterval(0.213 * 2000, 2000, 340, 1000));
    expect(t.beyondNoise).toBe(true);
    expect(r.targets[1].beyondNoise).toBe(false); // 20 % against 19 %: within the noise at these sizes
    expect(t.dateShiftDays).toBe(80); // 1 Mar → 20 May 2027
    expect(r.differs).toEqual([
      `the scenario 'kz' changed (resolved sha256 ${'a'.repeat(12)}… → ${'b'.repeat(12)}…)`,
      'replications: 1000 → 2000',
    ]);
  });

  it('a conditioned previous run counts at its effective sample size', () => {
    const before = summary(0.5, 0.5, { runs: 1000 });
    const conditioned = { ...JSON.parse(summaryJson(before)), conditioning: { method: 'importance-weighting', observations: [seen('2026-06-30', 90), seen('2026-09-30', 142)], effectiveSampleSize: 40, warnings: [] } };
    const prev = parsePreviousForecast(JSON.stringify(conditioned), 'prev.json');
    expect(prev.effectiveRuns).toBe(40);
    expect(prev.observations).toBe(2);
    const now = summary(0.6, 0.5);
    const r = reviseForecast(prev, now);
    expect(r.targets[0].change.ci95).toEqual(independentProportionInterval(600, 1000, 20, 40));
    expect(r.targets[0].beyondNoise).toBe(false); // +10 points, but on 40 effective futures
    expect(r.differs).toEqual(['observations conditioned on: 2 → 0 (no longer: fibre-count (national) on 2026-06-30 = 90 (sd 9), fibre-count (national) on 2026-09-30 = 142 (sd 9))']);
  });

  it('the same number of observations is not the same observations: a revised count is named, and the two are not "made the same way"', () => {
    const conditioned = (values: [string, number][]): Summary => ({
      ...summary(0.5, 0.5),
      conditioning: { method: 'importance-weighting', errorModel: 'gaussian', description: '', observations: values.map(([d, v]) => ({ ...seen(d, v), sdFrom: 'default' as const, prior: { p10: 0, p50: 0, p90: 0, min: 0, max: 0 }, conditioned: { p10: 0, p50: 0, p90: 0 }, tailProbability: 0.5, conflict: false })), effectiveSampleSize: 400, replicationsWeighted: 900, warnings: [] },
    } as Summary);
    const before = conditioned([['2026-06-30', 90], ['2026-09-30', 160]]);
    expect(reviseForecast(parse(before), before).differs).toEqual([]);
    const r = reviseForecast(parse(before), conditioned([['2026-06-30', 90], ['2026-09-30', 120]]));
    expect(r.differs).toEqual(['observations conditioned on: 2 → 2 (revised: fibre-count (national) on 2026-09-30: 160 (sd 9) → 120 (sd 9))']);
    const more = reviseForecast(parse(before), conditioned([['2026-06-30', 90], ['2026-09-30', 160], ['2026-10-31', 170]]));
    expect(more.differs).toEqual(['observations conditioned on: 2 → 3 (new: fibre-count (national) on 2026-10-31 = 170 (sd 9))']);
  });

  it('the two swapped — last month\'s scenario run with this month\'s output as --previous — is said first: the "previous" forecast starts later, from a later status', () => {
    // A run's start is the first day of its deliveries (the day after its status).
    const from = (start: string, s: Summary): Summary => ({ ...s, deliveries: [
      { kind: 'fibre', year: Number(start.slice(0, 4)), from: start, to: `${start.slice(0, 4)}-12-31`, p10: 1, p50: 2, p90: 3, mean: 2 },
      { kind: 'fibre', year: Number(start.slice(0, 4)) + 1, from: `${Number(start.slice(0, 4)) + 1}-01-01`, to: `${Number(start.slice(0, 4)) + 1}-12-31`, p10: 1, p50: 2, p90: 3, mean: 2 },
    ] });
    const september = from('2026-09-01', summary(0.3, 0.2)), october = from('2026-10-01', summary(0.25, 0.2, { sha: 'b'.repeat(64) }));
    const right = reviseForecast(parse(september), october);
    expect(right.starts).toEqual({ previous: '2026-09-01', now: '2026-10-01', previousIsLater: false });
    expect(orderWarning(right)).toBeNull();
    const swapped = reviseForecast(parse(october), september);
    expect(swapped.starts).toEqual({ previous: '2026-10-01', now: '2026-09-01', previousIsLater: true });
    expect(orderWarning(swapped)).toBe("The previous forecast is the later one (it starts on 2026-10-01, this run on 2026-09-01): it was made from a later status than this run, so this is not what moved since it. Were the two swapped? --previous names last month's output and the scenario is this month's; read as given, every change has its sign reversed.");
    // On the terminal before the numbers, in revision.json and in the report.
    expect(revisionLines(swapped)[2]).toBe(`  WARNING: ${orderWarning(swapped)}`);
    expect(revisionLines(right).join('\n')).not.toMatch(/WARNING/);
    expect(JSON.parse(revisionJson(swapped)).starts).toEqual({ previous: '2026-10-01', now: '2026-09-01', previousIsLater: true });
    // Without deliveries (an older summary.json), an observation the previous run set aside as
    // covered by its status, which this run is conditioned on, tells the same.
    const setAside = { ...JSON.parse(summaryJson(summary(0.25, 0.2))), conditioning: { observations: [], effectiveSampleSize: 1000, warnings: [], setAside: [{ date: '2026-09-30', region: null, metric: 'fibre-count', value: 2780 }] } };
    const conditioned = { ...summary(0.3, 0.2), conditioning: { observations: [{ ...seen('2026-09-30', 2780) }], effectiveSampleSize: 900 } } as unknown as Summary;
    expect(reviseForecast(parsePreviousForecast(JSON.stringify(setAside), 'output/2026-10/summary.json'), conditioned).starts).toEqual({ previous: null, now: null, previousIsLater: true });
    expect(() => parsePreviousForecast(JSON.stringify({ ...JSON.parse(summaryJson(summary(0.3, 0.2))), deliveries: [{ from: 'soon' }] }), 'p.json')).toThrow('p.json: deliveries[0].from: expected a date YYYY-MM-DD, found "soon"');
  });

  it('an observation the previous run was conditioned on that this run sets aside (its status covers it) is said to be set aside, not gone from the file', () => {
    const before = { ...JSON.parse(summaryJson(summary(0.3, 0.2))), conditioning: { observations: [seen('2026-09-30', 2780)], effectiveSampleSize: 900, warnings: [] } };
    const now = { ...summary(0.3, 0.2), conditioning: { observations: [{ ...seen('2026-10-31', 2900) }], effectiveSampleSize: 800, setAside: [{ date: '2026-09-30', region: null, metric: 'fibre-count', value: 2780 }] } } as unknown as Summary;
    expect(reviseForecast(parsePreviousForecast(JSON.stringify(before), 'p.json'), now).differs).toEqual([
      "observations conditioned on: 1 → 1 (new: fibre-count (national) on 2026-10-31 = 2900 (sd 9); set aside now (dated before this run's start, which its status already covers): fibre-count (national) on 2026-09-30 = 2780 (sd 9))",
    ]);
  });

  it('a target is the same target as summary.json states it: its regions (not written there) and a threshold written to 6 digits do not redefine it', () => {
    const s = summary(0.34, 0.2);
    s.targets[0] = { ...s.targets[0], regions: ['north'] };
    s.targets[1] = { ...s.targets[1], threshold: 1 / 3 };
    const r = reviseForecast(parse(s), s);
    expect(r.redefined).toEqual([]);
    expect(r.targets.map((t) => t.id)).toEqual(['fibre-2026', 'fibre-2027']);
    expect(r.joint).not.toBeNull();
    // A threshold that differs within the 6 digits is still a different threshold.
    const moved = summary(0.34, 0.2);
    moved.targets[1] = { ...moved.targets[1], threshold: 0.3334 };
    expect(reviseForecast(parse(s), moved).redefined).toEqual([{ id: 'fibre-2027', what: 'threshold 0.333333 → 0.3334' }]);
  });

  it('each reading of a target is compared too (its regions, which summary.json states for a reading, are part of its definition); redefined, new and dropped readings are named as target.reading', () => {
    const withReadings = (pSat: number, pVillages: number, o: { regions?: string[]; extra?: boolean } = {}): Summary => {
      const s = summary(0.34, 0.2);
      const reading = (id: string, probability: number, more: object) => ({ id, label: id, metric: 'fibre-share' as const, threshold: 0.9, deadline: '2026-12-31', probability, ci95: [probability - 0.03, probability + 0.03] as [number, number], valueAtDeadline: { p10: 0.8, p50: 0.9, p90: 0.95 }, ...more });
      s.targets[0] = { ...s.targets[0], alternatives: [
        reading('fibre-or-satellite', pSat, { metric: 'share', services: ['backbone-fibre', 'satellite'] }),
        reading('villages', pVillages, { denominator: 6096, ...(o.regions ? { regions: o.regions } : {}) }),
        ...(o.extra ? [reading('north-only', 0.5, { regions: ['north'] })] : []),
      ] };
      return s;
    };
    const before = withReadings(0.62, 0.4, { regions: ['north', 'south'] });
    const same = reviseForecast(parse(before), before);
    expect(same.targets[0].readings.map((a) => [a.id, a.change.value])).toEqual([['fibre-or-satellite', 0], ['villages', 0]]);
    expect(same.redefined).toEqual([]);
    const r = reviseForecast(parse(before), withReadings(0.7, 0.4, { regions: ['north'], extra: true }));
    const sat = r.targets[0].readings[0];
    expect(sat.change.value).toBeCloseTo(0.08, 9);
    expect(sat.change.ci95).toEqual(independentProportionInterval(700, 1000, 620, 1000));
    expect(sat.beyondNoise).toBe(true);
    expect(r.redefined).toEqual([{ id: 'fibre-2026.villages', what: 'regions north, south → north' }]);
    expect(r.added).toEqual(['fibre-2026.north-only']);
    expect(r.joint).not.toBeNull(); // readings are not part of "all targets together"
    const dropped = reviseForecast(parse(before), summary(0.34, 0.2));
    expect(dropped.dropped).toEqual(['fibre-2026.fibre-or-satellite', 'fibre-2026.villages']);
    expect(JSON.parse(revisionJson(r)).targets[0].readings[0]).toMatchObject({ id: 'fibre-or-satellite', before: { probability: 0.62 }, after: { probability: 0.7 }, beyondNoise: true });
  });

  it('a redefined target is named, not compared; new and dropped targets are listed; "all together" then is not compared', () => {
    const before = summary(0.34, 0.2);
    const after = summary(0.3, 0.2);
    after.targets[1] = { ...after.targets[1], threshold: 1 };
    after.targets.push({ ...after.targets[0], id: 'coverage-2027' });
    const prev = parse(before);
    prev.targets.push({ ...prev.targets[0], id: 'old-one' });
    const r = reviseForecast(prev, after);
    expect(r.targets.map((t) => t.id)).toEqual(['fibre-2026']);
    expect(r.redefined).toEqual([{ id: 'fibre-2027', what: 'threshold 0.9 → 1' }]);
    expect(r.added).toEqual(['coverage-2027']);
    expect(r.dropped).toEqual(['old-one']);
    expect(r.joint).toBeNull();
    const json = JSON.parse(revisionJson(r));
    expect(Object.keys(json)).toEqual(['previous', 'differs', 'sameSeed', 'targets', 'joint', 'redefined', 'added', 'dropped', 'starts']);
    expect(json.previous.file).toBe('output/2026-09/summary.json');
  });

  it('a previous summary.json that names its scenario by a machine path (written before issue 13) passes no machine path on', () => {
    const s = JSON.parse(summaryJson(summary(0.34, 0.2)));
    s.scenario.file = '/home/ana/plans/kz.yaml';
    const r = reviseForecast(parsePreviousForecast(JSON.stringify(s), 'prev.json'), summary(0.34, 0.2));
    expect(JSON.parse(revisionJson(r)).previous.scenario.file).toBe('kz.yaml');
  });

  it('a summary.json saved with a byte-order mark (an editor on Windows) reads as without it', () => {
    const s = summary(0.34, 0.2);
    expect(parsePreviousForecast(`\ufeff${summaryJson(s)}`, 'prev.json')).toEqual(parsePreviousForecast(summaryJson(s), 'prev.json'));
  });

  it('a file that is not a previous summary.json: every problem, with the file and the field', () => {
    const bad = (text: string) => { try { parsePreviousForecast(text, 'prev.json'); } catch (e) { expect(e).toBeInstanceOf(ScenarioError); return (e as Error).message; } return 'accepted'; };
    expect(bad('{ "seed": ')).toMatch(/^prev\.json: expected the summary\.json of an earlier `rollout run` \(JSON\), found text that is not JSON/);
    expect(bad('[1, 2]')).toMatch(/prev\.json: expected the summary\.json of an earlier `rollout run` \(a JSON object\), found \[1,2\]/);
    const s = JSON.parse(summaryJson(summary(0.3, 0.2)));
    s.targets[1].probability = 1.4;
    delete s.targets[0].deadline;
    s.runs = 0;
    const msg = bad(JSON.stringify(s));
    expect(msg).toContain('prev.json: runs: expected a whole number of replications, at least 1, found 0');
    expect(msg).toContain('prev.json: targets[0].deadline: expected a date YYYY-MM-DD, found nothing');
    expect(msg).toContain('prev.json: targets[1].probability: expected a probability between 0 and 1, found 1.4');
  });

  it('another of rollout\'s outputs given by mistake: one line saying which it is and what was expected', () => {
    const bad = (doc: object) => { try { parsePreviousForecast(JSON.stringify(doc), 'x.json'); } catch (e) { return (e as Error).message; } return 'accepted'; };
    const expected = 'x.json: expected the summary.json of an earlier `rollout run`, found';
    expect(bad({ reference: 'a', seed: 1, runs: 10, version: '0.1.0', options: [], targets: [], joint: {} })).toBe(`${expected} the comparison.json of \`rollout compare\` (policy options side by side, not one forecast)`);
    expect(bad({ target: 'all', probability: 0.8, lever: 'fibre-crews', value: 1, achieved: 0.8, scenario: {}, seed: 1, version: '0.1.0' })).toBe(`${expected} the goal.json of \`rollout goal\``);
    expect(bad({ scenario: {}, seed: 1, runs: 10, version: '0.1.0', base: [], swings: [] })).toBe(`${expected} the sensitivity.json of \`rollout sensitivity\``);
    expect(bad({ target: 'a', resource: { kind: 'crews' }, search: {}, runs: 10 })).toBe(`${expected} the allocation.json of \`rollout allocate\``);
    expect(bad({ kind: 'rollout-partial', version: '0.1.0', scenario: {}, seed: 1, runs: 10 })).toMatch(/found the partial\.json of one shard .*rollout merge/);
    expect(bad({ previous: {}, differs: [], targets: [], joint: null })).toMatch(/found the revision\.json of a run with --previous/);
    expect(bad({ scenario: {}, seed: 1, runs: 10, method: 'PRIM', targets: [] })).toMatch(/found the discovery\.json of a run/);
    expect(bad({ tool: 'rollout', version: '0.1.0', startedAt: 'x', command: 'rollout run' })).toMatch(/found the run-info\.json of a run/);
    // A summary.json, even a broken one, is still checked field by field.
    expect(bad({ ...JSON.parse(summaryJson(summary(0.3, 0.2))), runs: 0 })).toBe('x.json: runs: expected a whole number of replications, at least 1, found 0');
  });
});
