import { dirname, resolve } from 'node:path';
import { mastsAlong, type ModelInput } from '../model/input.js';
import { throwIfAny, type ScenarioProblem } from './problems.js';
import { formatPath, getAt, type Path } from './paths.js';
import { validateScenario, type Locator } from './schema.js';
import { displayRelative, loadChain } from './extends.js';
import { mergeInto, Provenance } from './merge.js';
import { droppedProblems } from './dropped.js';
import type { SourceFile } from './yaml-source.js';
import type { ScenarioFile } from './file-types.js';
import { crewProblems, denominatorProblems, semanticProblems, technologyProblems } from './checks.js';
import { readSettlements } from './settlements.js';
import { readingProblems, serviceProblems } from './service-checks.js';
import { dayAfter, readStatus, type StatusResult } from './status.js';
import { applyStatusStock, gainedByList, programmeSoFar, type StockNote } from './status-stock.js';
import { statusDateProblems } from './status-deadlines.js';
import { listedCountProblems } from './status-regions.js';
import { longestLineFactor } from './line-factor.js';
import { toModelInput } from './normalise.js';
import { financingProblems, programmePays } from './financing.js';
import { canonicalJson, sha256Hex } from './canonical.js';
import { portablePath } from './portable-path.js';
import { findSourceCatalogue, type SourceCatalogue } from './source-catalogue.js';

/**
 * loadScenario: the single entry point from a file name to a ModelInput the model can
 * trust. Steps: follow `extends` (each file read, parsed and schema-checked on its own)
 * -> merge -> check the merged whole against the schema (completeness) -> cross-checks
 * -> read the settlements CSV -> fill defaults -> fingerprint. Any user mistake at any
 * step ends in one ScenarioError listing every problem found at that step.
 */

export interface LoadedScenario {
  /** Fully resolved: defaults filled, every number a DistributionSpec. */
  input: ModelInput;
  /** file = the path as given, made portable (relative to the current directory, or the file name outside it); sha256 = hex sha256 of canonicalJson(input) (includes listed settlements). */
  identity: { name: string; file: string; sha256: string };
  /** The merged scenario after `extends`, in the file's own shape, without `extends` and `$schema` (what `rollout show` prints). */
  resolved: unknown;
  /** Every value the scenario files annotate with a comment — its source, or 'estimate' — with the value in force. */
  sources: ScenarioSource[];
  /** The SOURCES.md beside the scenario (or a file it extends) that its notes cite; undefined when there is none. */
  catalogue?: SourceCatalogue;
  /**
   * Every file it was read from, as absolute paths: the file, the files it extends, its
   * status and its settlements CSV (an output directory must never hold one of them).
   */
  reads: string[];
  /** The absolute paths of the CSVs the scenario names (`status`, `settlementsFile`), as resolved against the file that names each. */
  csv: { status?: string; settlementsFile?: string };
}

/** One annotated value: where it is, what it is after `extends`, and what the file says about it. */
export interface ScenarioSource {
  path: string;
  value: string;
  note: string;
  file: string;
}

/** The value at a notes path ('regions.akmola.crews') in the merged scenario, as compact text. */
function valueAt(resolved: unknown, path: string): string | undefined {
  let node: unknown = resolved;
  for (const seg of path.split('.')) {
    if (Array.isArray(node)) node = node.find((x) => x && typeof x === 'object' && (x as { id?: unknown }).id === seg) ?? node[Number(seg)];
    else if (node && typeof node === 'object') node = (node as Record<string, unknown>)[seg];
    else return undefined;
  }
  if (node === undefined) return undefined;
  const text = typeof node === 'string' ? node : JSON.stringify(node);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/** Whether a file's own data holds `path` (a notes path: list items by id, else index). */
function holds(data: unknown, path: string): boolean {
  let node: unknown = data;
  for (const seg of path.split('.')) {
    if (Array.isArray(node)) node = node.find((x) => x && typeof x === 'object' && String((x as { id?: unknown }).id) === seg) ?? node[Number(seg)];
    else if (node && typeof node === 'object' && Object.prototype.hasOwnProperty.call(node, seg)) node = (node as Record<string, unknown>)[seg];
    else return false;
    if (node === undefined) return false;
  }
  return true;
}

/** The note of a value that a file further down the chain changed without a note of its own. */
export const UNANNOTATED_CHANGE = 'no note: changed here without a source';

/**
 * Notes of the chain, only for values still in force. A path's note is the one written by
 * the last file (nearest the leaf) that sets the value: a parent's note is dropped when a
 * child changes the value without a note of its own (the parent's note was about the
 * parent's value), and the value is listed as changed without a source.
 */
function collectSources(files: SourceFile[], resolved: unknown): ScenarioSource[] {
  const paths = new Set<string>();
  for (const f of files) for (const path of f.notes.keys()) paths.add(path);
  const out: ScenarioSource[] = [];
  for (const path of paths) {
    const value = valueAt(resolved, path);
    if (value === undefined) continue;
    const setter = [...files].reverse().find((f) => holds(f.data, path));
    if (!setter) continue;
    const note = setter.notes.get(path);
    out.push({ path, value, note: note ?? UNANNOTATED_CHANGE, file: portablePath(setter.abs) });
  }
  return out;
}

/**
 * The notes of the regions' starting counts a status of counts set: each is the status
 * row's `source` (or, without one, marked as changed without a source), in the status file,
 * instead of the scenario's note on the value it replaced.
 */
function withStockNotes(sources: ScenarioSource[], stock: readonly (StockNote & { file: string })[]): ScenarioSource[] {
  const set = new Map(stock.map((n) => [n.path, n]));
  const out = sources.filter((x) => !set.has(x.path));
  for (const n of stock) out.push({ path: n.path, value: String(n.value), note: n.source ?? UNANNOTATED_CHANGE, file: n.file });
  return out;
}

export function loadScenario(file: string): LoadedScenario {
  const chain = loadChain(file);
  if (!chain.ok) throwIfAny(chain.problems);
  const files = (chain as { files: SourceFile[] }).files;

  const prov = new Provenance<SourceFile>();
  prov.set([], { file: files[0], path: [] });
  let merged: unknown = JSON.parse(JSON.stringify(files[0].data));
  for (const f of files.slice(1)) merged = mergeInto(merged, f.data, f, prov);
  const obj = merged as Record<string, unknown>;
  delete obj.extends;
  delete obj.$schema;

  const leaf = files[files.length - 1];
  const where: Locator = (path: Path, at?: 'key' | 'value') => {
    const o = prov.lookup(path);
    if (!o) return { file: leaf.display, path: formatPath(path) };
    return { file: o.file.display, path: formatPath(o.path), ...o.file.locate(o.path, at) };
  };

  // A `drop` the merge could not apply is named first: otherwise it would read as an incomplete item.
  throwIfAny(droppedProblems(merged, where, (item) => {
    // The file that wrote its `drop` key, and the item around it there.
    const o = prov.lookup([...item, 'drop']);
    return o ? getAt(o.file.data, o.path.slice(0, -1)) : undefined;
  }));
  // Each file was valid on its own; the merged whole must also be complete.
  if (files.length > 1) throwIfAny(validateScenario(merged, where));

  const s = merged as ScenarioFile;
  const problems: ScenarioProblem[] = [];

  /**
   * The problems of a CSV the scenario names in `field`: one that cannot be opened at all
   * (missing, a directory, binary) is the scenario's mistake, named at that field's line with
   * the folder the path is resolved against; the others are the CSV's own, at its rows.
   */
  const namedAt = (field: 'status' | 'settlementsFile', given: string, from: string, csvDisplay: string, found: ScenarioProblem[]): ScenarioProblem[] =>
    found.map((p) => (p.file === csvDisplay && p.line === undefined && p.path === '' && p.found !== 'only the header'
      ? { ...where([field]), expected: `${p.expected} ('${given}' is resolved against ${dirname(from) || '.'})`, found: `${p.found} (${csvDisplay})` }
      : p));

  // A status (where the programme stands at a date): read first, as a list of settlements replaces generation.
  let status: StatusResult | undefined;
  const reads = files.map((f) => f.abs);
  const csv: LoadedScenario['csv'] = {};
  /** The values a status set (the regions' starting counts of a status of counts, a programme's max left), with their sources. */
  let stockNotes: (StockNote & { file: string })[] = [];
  if (s.status !== undefined) {
    const origin = prov.lookup(['status'])?.file ?? leaf;
    const csvDisplay = displayRelative(origin.display, s.status);
    const csvPath = resolve(dirname(origin.abs), s.status), csvFile = portablePath(csvPath);
    reads.push(csvPath);
    csv.status = csvPath;
    const motorways = new Map((s.motorways ?? []).map((mw) => [mw.id, { region: mw.region, masts: mastsAlong(mw) }]));
    status = readStatus(csvPath, csvDisplay, s.regions.map((r) => r.id), programmePays(s), motorways, (s.fallback ?? []).map((f) => ({ use: f.use, after: f.after })), longestLineFactor(s, where));
    if (status.ok) problems.push(...statusDateProblems(s, status.status.date, csvDisplay, where));
    if (!status.ok) problems.push(...namedAt('status', s.status, origin.display, csvDisplay, status.problems));
    else if (status.settlements && s.settlementsFile !== undefined) {
      problems.push({ ...where(['status']), expected: 'either a settlements list (settlementsFile) or a status that lists every settlement, not both', found: `both (${s.settlementsFile} and ${s.status})` });
    } else if (status.status.counts) {
      // A status of counts: its stock (the 'done' rows) becomes the regions' starting counts.
      const lines = status.stageLines ?? [];
      const applied = applyStatusStock(s, status.stock ?? [], status.status.counts.map((c, k) => ({ region: c.region, stage: c.stage, ...(c.service !== undefined ? { service: c.service } : {}), count: c.count, line: lines[k] })), csvDisplay, status.columns);
      problems.push(...applied.problems);
      stockNotes = applied.notes.map((n) => ({ ...n, file: csvFile }));
      if (applied.gained.length > 0) status.status.gained = applied.gained;
    } else if (status.settlements) {
      // A status listing every settlement: each region has as many as it lists, which must be the count the scenario gives it.
      problems.push(...listedCountProblems(s, status.settlements, csvDisplay, where));
      // What it says was built since the start counts against a programme's max, as with counts.
      stockNotes = programmeSoFar(s, gainedByList(s, status.settlements)).map((n) => ({ ...n, file: csvFile }));
    }
  }
  const statusList = status?.ok ? status.settlements : undefined;
  problems.push(...semanticProblems(s, where, s.settlementsFile !== undefined || statusList !== undefined));

  let settlements: ModelInput['settlements'] = statusList;
  if (s.settlementsFile !== undefined) {
    const origin = prov.lookup(['settlementsFile'])?.file ?? leaf;
    const csvDisplay = displayRelative(origin.display, s.settlementsFile);
    const csvPath = resolve(dirname(origin.abs), s.settlementsFile);
    reads.push(csvPath);
    csv.settlementsFile = csvPath;
    const read = readSettlements(csvPath, csvDisplay, s.regions.map((r) => r.id));
    if (read.ok) settlements = read.settlements;
    else problems.push(...namedAt('settlementsFile', s.settlementsFile, origin.display, csvDisplay, read.problems));
  }
  problems.push(...technologyProblems(s, where, settlements));
  problems.push(...crewProblems(s, where, settlements));
  problems.push(...denominatorProblems(s, where, settlements));
  problems.push(...readingProblems(s, where, settlements), ...serviceProblems(s, where, settlements), ...financingProblems(s, where, settlements));
  throwIfAny(problems);

  const input = toModelInput(s, settlements, where, problems);
  if (status?.ok) {
    // The run starts the day after the state's date, with its work in progress.
    input.start = dayAfter(status.status.date);
    // The regions' crews are the scenario's at its own start: the capacity runs from then (see StatusInput).
    input.status = s.start < input.start ? { ...status.status, scenarioStart: s.start } : status.status;
  }
  throwIfAny(problems);

  return {
    input,
    // The file as an output may name it (no absolute path of this machine: ./portable-path.ts).
    identity: { name: input.name, file: portablePath(file), sha256: sha256Hex(canonicalJson(input)) },
    resolved: merged,
    sources: withStockNotes(collectSources(files, merged), stockNotes),
    catalogue: findSourceCatalogue([...files].reverse().map((f) => f.abs)),
    reads,
    csv,
  };
}
