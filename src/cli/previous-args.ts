import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { parsePreviousForecast, type PreviousForecast, type ReadingRevision, type Revision } from '../montecarlo/index.js';
import { portablePath, ScenarioError } from '../scenario/index.js';
import { UsageError } from './errors.js';
import { dateShift, noiseVerdict, orderWarning, revisionSentences } from '../report/html-revision.js';
import { targetValue, valueNoun } from '../report/format.js';
import { counted, pct, shownPoints, signedPoints } from './terminal.js';


/** What another command's output directory holds instead of a summary.json (the one file that tells it). */
const OTHER_DIRECTORIES: [file: string, what: string][] = [
  ['comparison.json', 'the output of `rollout compare` (comparison.json)'],
  ['sensitivity.json', 'the output of `rollout sensitivity` (sensitivity.json)'],
  ['goal.json', 'the output of `rollout goal` (goal.json)'],
  ['allocation.json', 'the output of `rollout allocate` (allocation.json)'],
  ['partial.json', 'the output of one shard (partial.json): merge the shards (`rollout merge`) and give the merged directory'],
];

/** Why the previous file could not be read, in words (not the system's error code). */
function readFailure(e: NodeJS.ErrnoException): string {
  if (e.code === 'ENOENT') return 'no such file';
  if (e.code === 'EISDIR') return 'a directory (a folder named summary.json inside the one given)';
  if (e.code === 'EACCES') return 'a file you may not read';
  return e.message;
}

/** The summary.json `--previous` names: the file itself, or the one in a run's output directory. */
export function previousFile(path: string): string {
  if (existsSync(path) && statSync(path).isDirectory()) {
    const f = join(path, 'summary.json');
    if (!existsSync(f)) {
      const other = OTHER_DIRECTORIES.find(([file]) => existsSync(join(path, file)));
      throw new ScenarioError([{ file: path, path: '', expected: 'an earlier run\'s output directory (with its summary.json) or its summary.json', found: `a directory with no summary.json${other ? `: ${other[1]}` : ''}` }]);
    }
    return f;
  }
  return path;
}

/**
 * `--previous PATH`: the earlier forecast this run is compared with, read and checked
 * before anything runs (exit 2 naming the file and field); null when not given.
 */
export function readPrevious(a: { previous?: string; shard?: unknown; replay?: number }): { file: string; forecast: PreviousForecast } | null {
  if (a.previous === undefined) return null;
  if (a.shard !== undefined) throw new UsageError('--previous cannot be combined with --shard: compare the merged result (rollout merge) instead');
  if (a.replay !== undefined) throw new UsageError('--previous applies to a whole run, not to --replay of one replication');
  const file = previousFile(a.previous);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ScenarioError([{ file, path: '', expected: 'an earlier run\'s summary.json (or its output directory)', found: readFailure(e as NodeJS.ErrnoException) }]);
  }
  return { file, forecast: { ...parsePreviousForecast(text, file), file: shownFile(file) } };
}

/**
 * The previous file as outputs name it: no machine path (portablePath); a summary.json
 * that portablePath names alone keeps its folder's name, the month it was made for
 * ('2026-09/summary.json') — unless that folder is the home directory, whose name is the
 * user's (issue 13: a shared result names no person), or the root, which has none.
 *
 * @example shownFile('/home/ana/summary.json', '/tmp', '/home/ana')   // 'summary.json'
 */
export function shownFile(file: string, cwd: string = process.cwd(), home: string = homedir()): string {
  const portable = portablePath(file, cwd);
  const folder = dirname(resolve(cwd, file));
  if (portable !== 'summary.json' || basename(folder) === '' || folder === resolve(home)) return portable;
  return `${basename(folder)}/summary.json`;
}

/** A target's or a reading's chance then and now, the change against the noise, and its median value at the deadline then and now. */
function moved(r: Revision, c: ReadingRevision): string {
  // A count target's value is a number of settlements, never a percent.
  const v = (x: number) => targetValue(c.metric, x, pct);
  return `${pct(c.before.probability)} -> ${pct(c.after.probability)}  (${shownPoints(c.before.probability, c.after.probability)} points, 95 % CI ${signedPoints(c.change.ci95[0])} to ${signedPoints(c.change.ci95[1])}: ${noiseVerdict(r, c)}); median ${valueNoun(c.metric)} at the deadline ${v(c.before.valueAtDeadlineP50)} -> ${v(c.after.valueAtDeadlineP50)}`;
}

/** The lines `rollout run --previous` prints after the answer; `file`, the earlier summary.json as the terminal shows it. */
export function revisionLines(r: Revision, file: string = r.previous.file): string[] {
  const p = r.previous;
  const lines = ['', `Since the previous forecast (${file}: ${p.scenario.name}, ${counted(p.runs, 'replication')}, seed ${p.seed}${p.observations > 0 ? `, conditioned on ${counted(p.observations, 'observation')}${p.effectiveSampleSize !== null ? `, effective sample size ${p.effectiveSampleSize.toFixed(1)}` : ''}` : ''}):`];
  // Before the numbers: read in the wrong order, each of them misleads.
  const order = orderWarning(r);
  if (order !== null) lines.push(`  WARNING: ${order}`);
  for (const t of r.targets) {
    lines.push(`  ${t.id}: ${moved(r, t)}; median date reached ${t.before.dateReachedP50 ?? 'not within the horizon'} -> ${t.after.dateReachedP50 ?? 'not within the horizon'} (${dateShift(t)})`);
    for (const a of t.readings) lines.push(`    read as ${a.id}: ${moved(r, a)}`);
  }
  if (r.joint) lines.push(`  all targets together: ${pct(r.joint.before.value)} -> ${pct(r.joint.after.value)}  (${shownPoints(r.joint.before.value, r.joint.after.value)} points, ${noiseVerdict(r, r.joint)})`);
  for (const x of r.redefined) lines.push(`  not compared: ${x.id} is defined differently now (${x.what})`);
  // Targets, and readings as target.reading.
  if (r.added.length > 0) lines.push(`  new since then: ${r.added.join(', ')}`);
  if (r.dropped.length > 0) lines.push(`  no longer there: ${r.dropped.join(', ')}`);
  lines.push(...revisionSentences(r).map((x) => `  ${x}`));
  return lines;
}
