import { compileModel, type ModelInput } from '../model/index.js';
import { Aggregate, stateFromJson, stateToJson, type AggregateState } from './aggregate.js';
import type { ScenarioIdentity } from './result.js';
import { ConvergenceTracker } from './convergence.js';
import { summarize } from './summarize.js';
import type { RunResult } from './result.js';
import { VERSION } from './version.js';

/** Replications [from, to) of shard k (1-based) of n, for a run of `runs`. */
export function shardRange(runs: number, k: number, n: number): [number, number] {
  return [Math.floor(((k - 1) * runs) / n), Math.floor((k * runs) / n)];
}

/** Parses 'k/n' (1 <= k <= n). Returns null when malformed. */
export function parseShard(text: string): { index: number; count: number } | null {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return null;
  const index = +m[1], count = +m[2];
  return index >= 1 && count >= 1 && index <= count ? { index, count } : null;
}

/**
 * A shard's partial result (partial.json): the aggregate of its replications, their
 * targets met (for the convergence trace), and everything needed to finish the run
 * elsewhere — the resolved scenario, its identity, seed, total runs, tool version.
 */
export interface PartialResult {
  kind: 'rollout-partial';
  version: string;
  scenario: ScenarioIdentity;
  input: ModelInput;
  seed: number;
  runs: number;
  shard: { index: number; count: number; from: number; to: number };
  aggregate: AggregateState;
  /** Per replication of the shard, per target: 1 if met. */
  met: Uint8Array;
}

export function partialToJson(p: PartialResult): string {
  return JSON.stringify({ ...p, aggregate: stateToJson(p.aggregate), met: Buffer.from(p.met).toString('base64') }) + '\n';
}

/** A problem with the partial results given to merge (a user mistake: exit status 2). */
export class MergeError extends Error {}

export function partialFromJson(text: string, where: string): PartialResult {
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new MergeError(`${where}: expected a partial result written by 'rollout run --shard', found text that is not JSON`);
  }
  if (j.kind !== 'rollout-partial') throw new MergeError(`${where}: expected a partial result written by 'rollout run --shard' (kind 'rollout-partial'), found kind ${JSON.stringify(j.kind)}`);
  const met = Buffer.from(String(j.met), 'base64');
  return { ...(j as unknown as PartialResult), aggregate: stateFromJson(j.aggregate as Record<string, unknown>), met: new Uint8Array(met) };
}

/**
 * Combines the partial results of every shard of one run into the result a single machine
 * would have produced: the shards must be of the same scenario (sha256), seed, total runs
 * and tool version, and cover every replication exactly once.
 */
export function mergePartials(parts: { partial: PartialResult; where: string }[]): RunResult {
  if (parts.length === 0) throw new MergeError('merge needs at least one partial result');
  const first = parts[0];
  for (const { partial: p, where } of parts.slice(1)) {
    const f = first.partial;
    const same = (what: string, a: unknown, b: unknown) => {
      if (a !== b) throw new MergeError(`${where}: ${what} is ${JSON.stringify(b)}, but ${first.where} has ${JSON.stringify(a)}; all shards must come from the same run`);
    };
    same('the scenario sha256', f.scenario.sha256, p.scenario.sha256);
    same('the seed', f.seed, p.seed);
    same('the total number of runs', f.runs, p.runs);
    same('the shard count', f.shard.count, p.shard.count);
    same('the tool version', f.version, p.version);
  }
  const sorted = [...parts].sort((a, b) => a.partial.shard.from - b.partial.shard.from);
  let next = 0;
  for (const { partial: p, where } of sorted) {
    if (p.shard.from !== next) {
      throw new MergeError(p.shard.from > next
        ? `replications ${next}-${p.shard.from - 1} are missing (no shard covers them); ${where} starts at ${p.shard.from}`
        : `${where} repeats replications ${p.shard.from}-${next - 1} (shard ${p.shard.index}/${p.shard.count} given twice?)`);
    }
    next = p.shard.to;
  }
  const f = first.partial;
  if (next !== f.runs) throw new MergeError(`replications ${next}-${f.runs - 1} are missing: the shards cover only ${next} of ${f.runs}`);

  const m = compileModel(f.input);
  const agg = new Aggregate(sorted[0].partial.aggregate.layout);
  const tracker = new ConvergenceTracker(m);
  for (const { partial: p } of sorted) {
    agg.merge(p.aggregate);
    tracker.feedMet(p.met, p.shard.to - p.shard.from);
  }
  const result = summarize(m, agg, { identity: f.scenario, seed: f.seed, version: VERSION });
  result.convergence = tracker.points();
  return result;
}
