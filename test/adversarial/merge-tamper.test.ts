import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { decodeCounts, encodeCounts } from '../../src/montecarlo/sparse.js';
import { canonicalJson } from '../../src/scenario/canonical.js';
import { copyDir, rollout, ROOT, SMALL, tempDir } from './helpers.js';

/**
 * `merge` verifies what it merges. Today edited counts, a wrong `runs`, negative counts,
 * an edited scenario under its old sha256, a foreign version or an extra row in runs.csv
 * all merged with exit 0 into plausible numbers.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let parts: string;

beforeAll(async () => {
  parts = tempDir();
  for (const k of [1, 2]) {
    const r = await rollout(['run', SMALL, '--runs', '40', '--seed', '3', '--shard', `${k}/2`, '--workers', '0', '--out', join(parts, `p${k}`), '-q']);
    expect(r.status).toBe(0);
  }
}, 60_000);

/** Copies the two shards, lets `tamper` change shard 2, merges, returns the outcome. */
async function mergeTampered(tamper: (dir: string) => void) {
  const dir = tempDir();
  copyDir(join(parts, 'p1'), join(dir, 'p1'));
  copyDir(join(parts, 'p2'), join(dir, 'p2'));
  tamper(join(dir, 'p2'));
  const out = join(dir, 'merged');
  const r = await rollout(['merge', join(dir, 'p1'), join(dir, 'p2'), '--out', out, '-q']);
  return { ...r, written: existsSync(out) };
}

const editPartial = (edit: (j: Json) => void) => (dir: string) => {
  const file = join(dir, 'partial.json');
  const j = JSON.parse(readFileSync(file, 'utf8')) as Json;
  edit(j);
  writeFileSync(file, JSON.stringify(j));
};
/**
 * Changes partial.json and writes it with a checksum of the new text, as `rollout run
 * --shard` would have written it: a shard that is consistent but does not belong.
 */
const editRewritten = (edit: (j: Json) => void) => (dir: string) => {
  const file = join(dir, 'partial.json');
  const { checksum: _, ...j } = JSON.parse(readFileSync(file, 'utf8')) as Json;
  edit(j);
  const body = JSON.stringify(j);
  writeFileSync(file, `${body.slice(0, -1)},"checksum":"${createHash('sha256').update(body).digest('hex')}"}\n`);
};
/** Changes one aggregate array through its sparse encoding. */
const editCounts = (key: string, edit: (a: Float64Array) => void) => editPartial((j) => {
  const a = decodeCounts(j.aggregate[key]) as Float64Array;
  edit(a);
  j.aggregate[key] = encodeCounts(a);
});
const editCsv = (edit: (lines: string[]) => string[]) => (dir: string) => {
  const file = join(dir, 'runs.csv');
  writeFileSync(file, edit(readFileSync(file, 'utf8').trimEnd().split('\n')).join('\n') + '\n');
};
const firstNonZero = (a: Float64Array) => a.findIndex((v) => v > 0);

const cases: { name: string; tamper: (dir: string) => void; message: RegExp }[] = [
  { name: 'a target met in one more replication', tamper: editCounts('met', (a) => { a[0] += 1; }), message: /target 'half' is met in \d+ replications by the aggregate but in \d+ by the per-replication record/ },
  { name: 'a histogram count moved to another bin', tamper: editCounts('seriesChanges', (a) => { const i = firstNonZero(a); a[i] -= 1; a[i + 1] += 1; }), message: /the sum .* does not match its histogram|counts \d+ replications, not 20/ },
  { name: 'a histogram count added', tamper: editCounts('reached', (a) => { a[firstNonZero(a)] += 5; }), message: /dates reached do not count each of the 20 replications once/ },
  { name: 'a negative count', tamper: editPartial((j) => { j.aggregate.events = -5; }), message: /aggregate\.events is -5, not a whole number >= 0/ },
  { name: 'a fractional count', tamper: editPartial((j) => { j.aggregate.unfinished = 0.5; }), message: /aggregate\.unfinished is 0\.5/ },
  { name: 'a wrong total of runs', tamper: editPartial((j) => { j.runs = 50; }), message: /shard 2\/2 of 50 runs replications 25-49, but it says 20-39/ },
  { name: 'an aggregate that counts the wrong number of replications', tamper: editPartial((j) => { j.aggregate.runs = 25; }), message: /its aggregate counts 25 replications, but the shard has 20/ },
  { name: 'an edited scenario under its old sha256', tamper: editPartial((j) => { j.input.regions[0].crews.fibre = 40; }), message: /the embedded scenario's sha256 is [0-9a-f]{12}\.\.\., not the [0-9a-f]{12}\.\.\. it is recorded under/ },
  { name: 'a foreign tool version', tamper: editPartial((j) => { j.version = '9.9.9'; }), message: /written by rollout "9\.9\.9", but this is rollout \S+: run every shard and the merge with the same version/ },
  // Same version, other code (a checkout between releases): its numbers may differ.
  { name: 'another build of the same version', tamper: editRewritten((j) => { j.build = '0123456789abcdef'; }), message: /written by another build of rollout \S+ \(its code's fingerprint "0123456789abcdef", this one's [0-9a-f]{16}\): the numbers of two builds may differ, so run every shard and the merge with the same build/ },
  { name: 'a damaged encoding', tamper: editPartial((j) => { j.aggregate.seriesChanges.data = 'not base64!'; }), message: /aggregate\.seriesChanges: its data is not base64/ },
  { name: 'an extra row in runs.csv', tamper: editCsv((l) => [...l, l[l.length - 1]!]), message: /runs\.csv: it has 21 rows, but the shard ran 20 replications \(20-39\)/ },
  { name: 'a missing row in runs.csv', tamper: editCsv((l) => l.slice(0, -1)), message: /runs\.csv: it has 19 rows/ },
  { name: 'a row of runs.csv repeated in place of another', tamper: editCsv((l) => { l[3] = l[2]!; return l; }), message: /row 4 is replication 21, expected 22/ },
  { name: 'a target flipped in runs.csv', tamper: editCsv((l) => { const c = l[1]!.split(','); c[1] = c[1] === '1' ? '0' : '1'; l[1] = c.join(','); return l; }), message: /row 2: target 'half' met is [01], but partial\.json records [01]/ },
  { name: 'runs.csv of another scenario (another header)', tamper: editCsv((l) => { l[0] = l[0]!.replace('half_met', 'other_met'); return l; }), message: /its header is not the scenario's runs\.csv header/ },
  { name: 'a region\'s fibre ceiling counted twice', tamper: editCounts('fibreCeiling', (a) => { a[firstNonZero(a)] += 1; }), message: /region '[^']+': its fibre ceilings do not count each of the 20 replications once/ },
  { name: 'other source notes than the other shard\'s', tamper: editRewritten((j) => { j.annotations.sources.push({ path: 'x', value: '1', note: 'published, honestly', file: 'x.yaml' }); }), message: /the scenario's notes or its SOURCES\.md differ from .*p1.*'s; all shards must come from the same run/ },
  { name: 'notes that are not text', tamper: editPartial((j) => { j.annotations.sources[0] = { path: 1 }; }), message: /annotations: every note needs a path, value, note and file \(text\)/ },
  { name: 'not JSON at all', tamper: (d) => writeFileSync(join(d, 'partial.json'), 'garbage'), message: /found text that is not JSON/ },
  // Edits that leave the file consistent in itself, each of which changed the merged result
  // (the report's events per run, summary.json's scenario file, the drivers chart, no
  // discovery.json at all): the checksum partial.json ends with catches them.
  { name: 'the events counted (nothing else to check them against)', tamper: editPartial((j) => { j.aggregate.events += 1000; }), message: /partial\.json: its text does not match its checksum/ },
  { name: 'the scenario\'s file', tamper: editPartial((j) => { j.scenario.file = 'another.yaml'; }), message: /partial\.json: its text does not match its checksum/ },
  { name: 'the drivers\' sample removed', tamper: editPartial((j) => { delete j.drivers; }), message: /partial\.json: its text does not match its checksum/ },
  { name: 'a negative money total (no histogram to check it)', tamper: editCounts('spendMilli', (a) => { a[0] = -7; }), message: /partial\.json: its text does not match its checksum/ },
  { name: 'a checksum of the edited text (written as rollout writes it) still meets the checks of the file in itself', tamper: editRewritten((j) => { j.aggregate.events = -5; }), message: /aggregate\.events is -5, not a whole number >= 0/ },
  // A consistent shard (its scenario's sha256 and its checksum recomputed) whose name is a
  // path: the merge's default output, output/<name>/, would be a folder outside output/.
  { name: 'a scenario named by a path', tamper: editRewritten((j) => { j.scenario.name = j.input.name = '../../escaped'; j.scenario.sha256 = createHash('sha256').update(canonicalJson(j.input)).digest('hex'); }), message: /partial\.json: its scenario's name "\.\.\/\.\.\/escaped" is not the name of the scenario it embeds .* or not a scenario's name/ },
  { name: 'a scenario name other than the embedded scenario\'s', tamper: editRewritten((j) => { j.scenario.name = 'other'; }), message: /partial\.json: its scenario's name "other" is not the name of the scenario it embeds/ },
  { name: 'the checksum removed', tamper: editPartial((j) => { delete j.checksum; }), message: /partial\.json: does not end with its checksum .* run the shard again/ },
  { name: 'the sha256 of runs.csv replaced', tamper: editPartial((j) => { j.runsCsvSha256 = '0'.repeat(64); }), message: /partial\.json: its text does not match its checksum/ },
  // runs.csv: each of these merged into a runs.csv unlike a single run's (two rows glued into one, CR line ends, an edited date).
  { name: 'runs.csv without its last line end', tamper: (d) => { const f = join(d, 'runs.csv'); writeFileSync(f, readFileSync(f, 'utf8').slice(0, -1)); }, message: /runs\.csv: its last line has no line end/ },
  { name: 'runs.csv with CR line ends after its header', tamper: (d) => { const f = join(d, 'runs.csv'); const t = readFileSync(f, 'utf8'); const nl = t.indexOf('\n') + 1; writeFileSync(f, t.slice(0, nl) + t.slice(nl).replace(/\n/g, '\r\n')); }, message: /runs\.csv: it has CR line ends/ },
  { name: 'a date reached edited in runs.csv', tamper: editCsv((l) => { const c = l[1]!.split(','); c[2] = c[2] === '' ? '2026-01-01' : ''; l[1] = c.join(','); return l; }), message: /runs\.csv: its sha256 is [0-9a-f]{12}\.\.\., not the [0-9a-f]{12}\.\.\. partial\.json records/ },
  // A directory where a file should be: named, never a raw EISDIR.
  { name: 'a directory in place of partial.json', tamper: (d) => { rmSync(join(d, 'partial.json')); mkdirSync(join(d, 'partial.json')); }, message: /partial\.json: a directory, not a file; expected a directory written by 'rollout run --shard k\/n'/ },
  { name: 'a directory in place of runs.csv', tamper: (d) => { rmSync(join(d, 'runs.csv')); mkdirSync(join(d, 'runs.csv')); }, message: /runs\.csv: a directory, not a file; every shard directory holds the runs\.csv/ },
];

describe('merge refuses tampered or inconsistent shards: exit 2, naming the file and what is wrong', () => {
  it('an untouched pair merges', async () => {
    const r = await mergeTampered(() => {});
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 30_000);

  it('shards of a scenario whose targets carry readings merge (the readings\' columns sit between the targets\' own)', async () => {
    const dir = tempDir();
    const readings = join(ROOT, 'test', 'fixtures', 'services', 'readings.yaml');
    for (const k of [1, 2]) {
      const r = await rollout(['run', readings, '--runs', '20', '--seed', '3', '--shard', `${k}/2`, '--workers', '0', '--out', join(dir, `p${k}`), '-q']);
      expect(r.status).toBe(0);
    }
    const r = await rollout(['merge', join(dir, 'p1'), join(dir, 'p2'), '--out', join(dir, 'merged'), '-q']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 60_000);

  for (const c of cases) {
    it(c.name, async () => {
      const r = await mergeTampered(c.tamper);
      expect(r.stderr).toMatch(c.message);
      expect(r.stderr).toMatch(/p2[/\\](partial\.json|runs\.csv)/);
      expect(r.status).toBe(2);
      expect(r.written).toBe(false);
    }, 30_000);
  }

  it('shard files are compact: a sparse encoding of the mostly-zero histograms', () => {
    // 20 replications of a 20-settlement scenario: a few kB, not the dense arrays' size.
    expect(statSync(join(parts, 'p1', 'partial.json')).size).toBeLessThan(20_000);
  });
});
