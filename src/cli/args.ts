// Narrow imports: main.ts loads this module for every command, even --help.
import { availableCores } from '../montecarlo/cores.js';
import { parseShard } from '../montecarlo/shard-spec.js';
import { UsageError } from './errors.js';

/**
 * Strict readers for the command line's numbers. yargs' own `type: 'number'` reads
 * `0x10` as 16, `1e12` as a trillion and `9007199254740993` as ...992 without a word, so
 * every numeric option is declared as text and read here: decimal digits only, range-
 * checked, a UsageError (exit 2, before any work) naming the option otherwise.
 *
 * @example
 *   wholeArg('runs', 1, MAX_RUNS)('5000')   // 5000
 *   wholeArg('runs', 1, MAX_RUNS)('1e12')   // throws UsageError: --runs must be a whole number ...
 */

/** The most replications one command may run: beyond this a run takes days, not a decision. */
export const MAX_RUNS = 10_000_000;
/** --max-runs when --precision is given without it (--help says so). */
export const MAX_RUNS_DEFAULT = 100_000;
/** The fewest replications each analysis command accepts (checkRuns; --help says so): a paired difference needs two, a search or a swing ten. */
export const MIN_RUNS = { compare: 2, sensitivity: 10, goal: 10, allocate: 10 } as const;

/** Worker threads beyond this many per usable core only add overhead. */
export const WORKERS_PER_CORE = 4;

/** The most worker threads: WORKERS_PER_CORE per core this process may use (at least 4). */
export function maxWorkers(): number {
  return Math.max(4, WORKERS_PER_CORE * availableCores());
}

/** yargs hands an array when an option is given twice: that is a mistake, not a choice. */
function single(name: string, v: unknown): string {
  if (Array.isArray(v)) throw new UsageError(`--${name} was given ${v.length} times; give it once`);
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') throw new UsageError(`--${name} needs a value`);
  return v.trim();
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** A whole number from `min` to `max`, in plain decimal digits. */
export function parseWhole(name: string, raw: unknown, min: number, max: number): number {
  const text = single(name, raw);
  const what = `--${name} must be a whole number from ${fmt(min)} to ${fmt(max)}`;
  if (!/^\d+$/.test(text)) throw new UsageError(`${what}, in plain digits; got '${text}'`);
  // BigInt: a number beyond 2^53 must be refused, not rounded to its neighbour.
  const big = BigInt(text);
  if (big < BigInt(min) || big > BigInt(max)) throw new UsageError(`${what}, got ${text}`);
  return Number(big);
}

/** A yargs `coerce` for a whole number in [min, max] (max evaluated when parsing). */
export const wholeArg = (name: string, min: number, max: number | (() => number)) => (raw: unknown): number | undefined =>
  raw === undefined ? undefined : parseWhole(name, raw, min, typeof max === 'function' ? max() : max);

/** The seed: any whole number a double holds exactly (0 to 2^53 - 1), so seed S is really S. */
export const seedArg = wholeArg('seed', 0, Number.MAX_SAFE_INTEGER);

/** A decimal number strictly between `lo` and `hi` (no hex, no Infinity); `why` says why not the ends, when that is not plain. */
export const openRangeArg = (name: string, lo: number, hi: number, example: string, why?: string) => (raw: unknown): number | undefined => {
  if (raw === undefined) return undefined;
  const text = single(name, raw);
  const v = /^(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) : NaN;
  if (!(v > lo && v < hi)) throw new UsageError(`--${name} must be a number between ${lo} and ${hi} (e.g. ${example}), got '${text}'${why && (v === lo || v === hi) ? `: ${why}` : ''}`);
  return v;
};

/**
 * Why goal seek's --probability is strictly between 0 and 1 (goalSearch): a chance of at
 * least 0 is met by the bottom of any range, and a chance of 1 no finite number of futures
 * can show — every value would stay too close to call up to --max-runs, and the answer
 * would be the least value none of the futures run misses, moving with how many there were.
 */
export const PROBABILITY_ENDS = "strictly between: any value meets a chance of 0 (the answer would be the bottom of the range), and a chance of 1 cannot be shown on a finite number of futures (every value would run to --max-runs, and the answer would be the least that none of them misses, moving with their number)";

/**
 * A yargs `coerce` for a text option (a file, a directory, an id): given once, with a
 * value — a UsageError naming the option otherwise (yargs would hand an array to the
 * command, or an empty name to a file check). `--out ""` is let through: planOutput says
 * why an empty output path is refused.
 *
 * @example
 *   textArg('observed', 'an observations CSV file')(['a.csv', 'b.csv'])   // throws: --observed was given 2 times; give it once
 */
export const textArg = (name: string, what: string, allowEmpty = false) => (raw: unknown): string | undefined => {
  if (raw === undefined) return undefined;
  if (Array.isArray(raw)) throw new UsageError(`--${name} was given ${raw.length} times; give it once`);
  if (typeof raw !== 'string' && typeof raw !== 'number') throw new UsageError(`--${name} needs a value: ${what}`);
  const text = String(raw);
  if (!allowEmpty && text.trim() === '') throw new UsageError(`--${name} needs a value: ${what}`);
  return text;
};

/**
 * A yargs `coerce` for a date: YYYY-MM-DD, a real day, given once. Spaces around it are
 * dropped, as around a number (a date pasted from a spreadsheet: ' 2026-06-30'); whether the
 * scenario runs on that day is for the command to say, which knows its start and horizon.
 *
 * @example dateArg('state-at')(' 2026-06-30')   // '2026-06-30'
 * @example dateArg('state-at')('2026-6-30')     // throws: --state-at must be a date YYYY-MM-DD ...
 */
export const dateArg = (name: string) => (raw: unknown): string | undefined => {
  if (raw === undefined) return undefined;
  const text = single(name, raw);
  if (text === '') throw new UsageError(`--${name} needs a value: a date, YYYY-MM-DD`);
  // The calendar's own reader is not loaded for every command (see the imports above): a day that round-trips is real.
  const real = /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
  if (!real) throw new UsageError(`--${name} must be a date YYYY-MM-DD (e.g. 2026-06-30), got '${text}'`);
  return text;
};

/** A yargs `coerce` for a list of whole numbers from `min` to `max` (an option with `array: true`). */
export const wholeListArg = (name: string, min: number, max: number) => (raw: unknown): number[] | undefined => {
  if (raw === undefined) return undefined;
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) throw new UsageError(`--${name} needs at least one whole number from ${fmt(min)} to ${fmt(max)}`);
  return list.map((v) => parseWhole(name, v, min, max));
};

/** 'k/n' with 1 <= k <= n. */
export function parseShardArg(raw: unknown): { index: number; count: number } | undefined {
  if (raw === undefined) return undefined;
  const text = single('shard', raw);
  const shard = parseShard(text);
  if (!shard || shard.count > MAX_RUNS) throw new UsageError(`--shard must be k/n with 1 <= k <= n (e.g. 2/4), got '${text}'`);
  return shard;
}
