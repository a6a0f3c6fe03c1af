import { portablePath, ScenarioError, type ScenarioProblem } from '../scenario/index.js';
import { observationName } from './condition.js';
import { sig } from './round.js';

/** What a revision reads of an earlier run's summary.json. */
export interface PreviousForecast {
  /** The file it was read from, as the user named it. */
  file: string;
  scenario: { name: string; file: string; sha256: string };
  seed: number;
  runs: number;
  version: string;
  /** The futures its probabilities rest on: the effective sample size of a conditioned run, else its runs. */
  effectiveRuns: number;
  /** Observations it was conditioned on (0: none). */
  observations: number;
  /** Those observations, as its summary.json states them (a revised count is a change even when their number is not). */
  observed: PreviousObservation[];
  targets: PreviousTarget[];
  joint: { probability: number; ci95: [number, number] };
  /**
   * The first day it simulated — the day after its status, or its scenario's start — as
   * summary.json states it (the earliest `from` of its `deliveries`); null when it states none.
   */
  start: string | null;
  /** The observations of its file it set aside (dated before its start), by observationName. */
  setAside: string[];
}

/** One observation an earlier conditioned run was weighted by: where, what and when, the value and its error sd. */
export interface PreviousObservation {
  date: string;
  region: string | null;
  metric: string;
  value: number;
  sd: number;
}

/** One reading of a target (summary.json `alternatives[]`): its definition and its answer. */
export interface PreviousReading {
  id: string;
  label: string;
  /** The definition as summary.json states it (readingDefinitionOf): a reading's regions too. */
  definition: Record<string, string>;
  metric: string;
  probability: number;
  ci95: [number, number];
  valueAtDeadlineP50: number;
}

export interface PreviousTarget extends PreviousReading {
  /** (definitionOf: metric, threshold, deadline, and services and denominator where given.) */
  definition: Record<string, string>;
  dateReachedP50: string | null;
  /** Its other readings (none when it has none). */
  readings: PreviousReading[];
}

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const show = (x: unknown) => (x === undefined ? 'nothing' : JSON.stringify(x)?.slice(0, 60) ?? String(x));
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A target's definition as summary.json states it — metric, threshold, deadline, and
 * services and denominator where given — the fields a revision compares: the same id must
 * mean the same target, or the change of probability is a change of question. A target's
 * regions are not among them: summary.json does not state them (only its readings'), so
 * last month's file cannot say whether they changed; a change of them shows as a changed
 * scenario (its sha256) in `differs`, not as a redefined target.
 */
export function definitionOf(t: { metric: string; threshold: number; deadline: string; services?: readonly string[]; denominator?: number }): Record<string, string> {
  return {
    metric: t.metric, threshold: String(sig(t.threshold)), deadline: t.deadline,
    ...(t.services && t.services.length > 0 ? { services: [...t.services].sort().join(', ') } : {}),
    ...(t.denominator !== undefined ? { denominator: String(t.denominator) } : {}),
  };
}

/**
 * A reading's definition as summary.json states it: a target's (definitionOf) and its
 * regions, which summary.json writes for a reading (fully resolved) though not for a target.
 */
export function readingDefinitionOf(r: Parameters<typeof definitionOf>[0] & { regions?: readonly string[] }): Record<string, string> {
  return { ...definitionOf(r), ...(r.regions && r.regions.length > 0 ? { regions: [...r.regions].sort().join(', ') } : {}) };
}

const EXPECTED = 'the summary.json of an earlier `rollout run`';

/**
 * rollout's other JSON outputs, each told by keys only it has. Given by mistake for a run's
 * summary.json (the comparison.json beside the forecast, a shard's partial.json), the error
 * says which file it is and what was expected, instead of a list of every field it lacks.
 */
const OTHER_OUTPUTS: { is: (d: Json) => boolean; what: string }[] = [
  { is: (d) => 'reference' in d && 'options' in d, what: 'the comparison.json of `rollout compare` (policy options side by side, not one forecast)' },
  { is: (d) => 'swings' in d, what: 'the sensitivity.json of `rollout sensitivity`' },
  { is: (d) => 'lever' in d && 'achieved' in d, what: 'the goal.json of `rollout goal`' },
  { is: (d) => 'resource' in d && 'search' in d, what: 'the allocation.json of `rollout allocate`' },
  { is: (d) => d.kind === 'rollout-partial', what: 'the partial.json of one shard (`rollout run --shard`): merge the shards (`rollout merge`) and give the merged summary.json' },
  { is: (d) => 'previous' in d && 'differs' in d, what: 'the revision.json of a run with --previous (give that run\'s summary.json)' },
  { is: (d) => 'pit' in d && 'crps' in d, what: 'the scores.json of a run with --score (give its summary.json beside it)' },
  { is: (d) => 'method' in d && !('joint' in d), what: 'the discovery.json of a run (give its summary.json beside it)' },
  { is: (d) => d.tool === 'rollout' && 'startedAt' in d, what: 'the run-info.json of a run (give its summary.json beside it)' },
  { is: (d) => d.tool === 'rollout' && Array.isArray(d.files), what: 'the marker of a rollout output directory (give the summary.json in it)' },
];

/**
 * Reads an earlier run's summary.json (`rollout run --previous`): every field a revision
 * needs, checked, or a ScenarioError (exit 2) naming the file, the field, what was expected
 * and what was found — before anything runs.
 *
 * @example
 *   parsePreviousForecast(readFileSync('output/2026-09/summary.json', 'utf8'), 'output/2026-09/summary.json').targets[0].probability   // 0.34
 */
export function parsePreviousForecast(text: string, file: string): PreviousForecast {
  const problems: ScenarioProblem[] = [];
  const bad = (path: string, expected: string, found: unknown) => problems.push({ file, path, expected, found: show(found) });
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) // a byte-order mark (an editor on Windows) is not the file's content;
  } catch (e) {
    throw new ScenarioError([{ file, path: '', expected: `${EXPECTED} (JSON)`, found: `text that is not JSON (${(e as Error).message})` }]);
  }
  if (!isObject(doc)) throw new ScenarioError([{ file, path: '', expected: `${EXPECTED} (a JSON object)`, found: show(doc) }]);
  const other = OTHER_OUTPUTS.find((o) => o.is(doc as Json));
  if (other) throw new ScenarioError([{ file, path: '', expected: EXPECTED, found: other.what }]);
  const num = (o: Json, key: string, path: string, ok: (x: number) => boolean, expected: string): number => {
    const x = o[key];
    if (typeof x !== 'number' || !ok(x)) { bad(path, expected, x); return NaN; }
    return x;
  };
  const str = (o: Json, key: string, path: string, expected = 'a string'): string => {
    const x = o[key];
    if (typeof x !== 'string') { bad(path, expected, x); return ''; }
    return x;
  };
  const probability = (o: Json, path: string) => num(o, 'probability', `${path}.probability`, (x) => x >= 0 && x <= 1, 'a probability between 0 and 1');
  const interval = (o: Json, path: string): [number, number] => {
    const x = o.ci95;
    if (!Array.isArray(x) || x.length !== 2 || !x.every((v) => typeof v === 'number' && v >= 0 && v <= 1)) { bad(`${path}.ci95`, 'an interval [low, high] within 0 and 1', x); return [0, 1]; }
    return [x[0], x[1]];
  };

  const sc = isObject(doc.scenario) ? doc.scenario : (bad('scenario', 'an object { name, file, sha256 }', doc.scenario), {});
  // Its scenario's file goes into revision.json and the report: never as a machine path, even from a summary.json written before they were kept out (issue 13).
  const scenario = { name: str(sc, 'name', 'scenario.name'), file: portablePath(str(sc, 'file', 'scenario.file')), sha256: str(sc, 'sha256', 'scenario.sha256') };
  const seed = num(doc, 'seed', 'seed', Number.isSafeInteger, 'a whole number');
  const runs = num(doc, 'runs', 'runs', (x) => Number.isSafeInteger(x) && x >= 1, 'a whole number of replications, at least 1');
  const version = str(doc, 'version', 'version');
  let effectiveRuns = runs;
  const observed: PreviousObservation[] = [], setAside: string[] = [];
  if (doc.conditioning !== undefined) {
    const c = isObject(doc.conditioning) ? doc.conditioning : (bad('conditioning', 'an object', doc.conditioning), {});
    // Kish's size of whole-number weights is at least 1 (the likeliest future always keeps a weight) and at most the runs: anything else is no run's.
    effectiveRuns = num(c, 'effectiveSampleSize', 'conditioning.effectiveSampleSize', (x) => x >= 1 && !(x > runs), 'an effective sample size from 1 to the runs');
    if (!Array.isArray(c.observations)) bad('conditioning.observations', 'a list', c.observations);
    else {
      c.observations.forEach((o: unknown, i: number) => {
        const path = `conditioning.observations[${i}]`;
        if (!isObject(o)) { bad(path, 'an object { date, region, metric, value, sd }', o); return; }
        const date = str(o, 'date', `${path}.date`, 'a date YYYY-MM-DD');
        const region = o.region === null ? null : str(o, 'region', `${path}.region`, 'a region id or null');
        observed.push({
          date, region, metric: str(o, 'metric', `${path}.metric`),
          value: num(o, 'value', `${path}.value`, Number.isFinite, 'a number'), sd: num(o, 'sd', `${path}.sd`, (x) => x >= 0, 'a number >= 0'),
        });
      });
    }
    // Written since runs from a status set observations aside; an older file has none.
    if (c.setAside !== undefined && !Array.isArray(c.setAside)) bad('conditioning.setAside', 'a list', c.setAside);
    else {
      (c.setAside as unknown[] | undefined ?? []).forEach((o, i) => {
        if (isObject(o) && typeof o.date === 'string' && typeof o.metric === 'string' && (o.region === null || typeof o.region === 'string')) setAside.push(observationName(o as { date: string; metric: string; region: string | null }));
        else bad(`conditioning.setAside[${i}]`, 'an object { date, region, metric, value }', o);
      });
    }
  }
  const start = firstDay(doc.deliveries, bad);
  /** What a target and each of its readings state: the definition (a reading's with its regions) and the answer. */
  const answer = (t: Json, path: string, isReading: boolean): PreviousReading => {
    const metric = str(t, 'metric', `${path}.metric`);
    const threshold = num(t, 'threshold', `${path}.threshold`, Number.isFinite, 'a number');
    const deadline = str(t, 'deadline', `${path}.deadline`, 'a date YYYY-MM-DD');
    if (deadline && !DATE.test(deadline)) bad(`${path}.deadline`, 'a date YYYY-MM-DD', deadline);
    const list = (key: string) => (Array.isArray(t[key]) && (t[key] as unknown[]).every((x) => typeof x === 'string') ? (t[key] as string[]) : (t[key] !== undefined ? (bad(`${path}.${key}`, 'a list of ids', t[key]), undefined) : undefined));
    const denominator = t.denominator === undefined ? undefined : num(t, 'denominator', `${path}.denominator`, (x) => x > 0, 'a number above 0');
    const v = isObject(t.valueAtDeadline) ? t.valueAtDeadline : (bad(`${path}.valueAtDeadline`, 'an object { p10, p50, p90 }', t.valueAtDeadline), {});
    const stated = { metric, threshold, deadline, services: list('services'), denominator };
    return {
      id: str(t, 'id', `${path}.id`), label: str(t, 'label', `${path}.label`),
      definition: isReading ? readingDefinitionOf({ ...stated, regions: list('regions') }) : definitionOf(stated),
      metric, probability: probability(t, path), ci95: interval(t, path),
      valueAtDeadlineP50: num(v, 'p50', `${path}.valueAtDeadline.p50`, Number.isFinite, 'a number'),
    };
  };
  const targets: PreviousTarget[] = [];
  if (!Array.isArray(doc.targets)) bad('targets', 'a list of targets', doc.targets);
  else {
    doc.targets.forEach((t: unknown, i: number) => {
      const path = `targets[${i}]`;
      if (!isObject(t)) { bad(path, 'an object', t); return; }
      const d = isObject(t.dateReached) ? t.dateReached : (bad(`${path}.dateReached`, 'an object { p50, p80, p90 }', t.dateReached), {});
      const reached = d.p50 === null || (typeof d.p50 === 'string' && DATE.test(d.p50)) ? (d.p50 as string | null) : (bad(`${path}.dateReached.p50`, 'a date YYYY-MM-DD or null', d.p50), null);
      const readings: PreviousReading[] = [];
      if (t.alternatives !== undefined && !Array.isArray(t.alternatives)) bad(`${path}.alternatives`, 'a list of readings', t.alternatives);
      else {
        (t.alternatives ?? []).forEach((a: unknown, k: number) => {
          if (isObject(a)) readings.push(answer(a, `${path}.alternatives[${k}]`, true));
          else bad(`${path}.alternatives[${k}]`, 'an object', a);
        });
      }
      targets.push({ ...answer(t, path, false), dateReachedP50: reached, readings });
    });
  }
  const j = isObject(doc.joint) ? doc.joint : (bad('joint', 'an object { probability, ci95 }', doc.joint), {});
  const joint = { probability: probability(j, 'joint'), ci95: interval(j, 'joint') };
  if (problems.length > 0) throw new ScenarioError(problems);
  return { file, scenario, seed, runs, version, effectiveRuns, observations: observed.length, observed, targets, joint, start, setAside };
}

/**
 * The first day a run simulated, from its summary.json `deliveries` (each year's `from`: the
 * first year's is the run's start); null without them. A revision needs it to tell an
 * earlier forecast from a later one: which was made first is not in the file, but which
 * starts first is — a forecast from a later status is not last month's.
 *
 * @example firstDay([{ kind: 'fibre', year: 2026, from: '2026-10-01', ... }, { year: 2027, from: '2027-01-01', ... }], bad)   // '2026-10-01'
 */
export function firstDay(deliveries: unknown, bad: (path: string, expected: string, found: unknown) => void): string | null {
  if (deliveries === undefined) return null;
  if (!Array.isArray(deliveries)) { bad('deliveries', 'a list of years', deliveries); return null; }
  let first: string | null = null;
  deliveries.forEach((d: unknown, i: number) => {
    const from = isObject(d) ? d.from : undefined;
    if (typeof from !== 'string' || !DATE.test(from)) { bad(`deliveries[${i}].from`, 'a date YYYY-MM-DD', from); return; }
    if (first === null || from < first) first = from;
  });
  return first;
}
