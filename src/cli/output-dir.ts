import {
  accessSync, chmodSync, constants, existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, rmdirSync, unlinkSync, writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { homedir, hostname } from 'node:os';
import { basename, dirname, isAbsolute, join, normalize, parse, resolve, sep } from 'node:path';
// Narrow imports: main.ts loads this module for every command, even --help.
import { VERSION } from '../montecarlo/version.js';
import { UsageError } from './errors.js';
import { makeDirs } from './make-dirs.js';
import { alive } from './process-alive.js';

/**
 * Output directories that never lose a user's files (README, "Output directories").
 *
 * - Every result rollout writes carries a marker, `.rollout-result.json`, naming the tool,
 *   its version, the command and every file it wrote.
 * - `--out DIR` is checked before any work: a path rollout must never replace (empty, the
 *   file system root, the home directory, the current directory or one of its ancestors,
 *   a folder holding an input, a git work tree, a file) is refused outright; an existing
 *   non-empty directory without the marker is refused unless `--force`.
 * - Nothing is ever written or removed through a symbolic link inside DIR (it could point
 *   at the user's files anywhere): a link, a directory where a file goes or a file where a
 *   folder goes, on the path of a file rollout will write or remove, refuses the output in
 *   planOutput (for the names known before the run) and, for every name, in commit()
 *   before the first file is moved, so a refusal leaves the previous result whole.
 * - A result is written into a hidden temporary directory beside DIR and moved into place
 *   at the end. A marked directory holding only rollout's own files is swapped whole; one
 *   holding anything else (or a `--force` directory) gets rollout's files moved in one by
 *   one, its previous rollout files that are no longer written removed, and every other
 *   file left where it was.
 * - A staged result that is discarded (a refusal inside the command, a failure, Ctrl-C)
 *   also removes the folders its staging created above DIR, when still empty: a refused
 *   command leaves no directory behind.
 * - The temporary directory's name carries its owner (pid and a tag of the host), so one
 *   left behind by SIGKILL, an out-of-memory kill or a power cut is removed by the next
 *   run writing beside it once its owner is gone (exited, or killed and not yet reaped: a
 *   zombie, ./process-alive.ts) — never one of a live run, never one of another machine
 *   sharing the disk.
 *
 * @example
 *   const plan = planOutput({ out: 'output/b7', force: false, inputs: ['scenarios/b.yaml'], command: 'run', writes: ['summary.json', 'charts/'] });
 *   await writeStaged(plan, async (tmp) => { writeFileSync(join(tmp, 'summary.json'), '{}'); }, signal);
 */

/** Prefix of temporary output directories (hidden, beside the final one). */
export const TMP_PREFIX = '.rollout-tmp-';
/** The marker of a directory rollout wrote. */
export const MARKER = '.rollout-result.json';

const live = new Set<StagedDir>();

/** Eight hex digits standing for this machine (names stay short and free of odd characters). */
const HOST_TAG = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
const OWNED = /^\.rollout-tmp-(\d+)-([0-9a-f]{8})-/;

/** What a marker says. */
interface Marker {
  tool: 'rollout';
  version: string;
  command: string;
  files: string[];
}

/** Where a result goes and how it may be put there (from planOutput). */
export interface OutputPlan {
  /** The directory as the user named it (for messages). */
  dir: string;
  abs: string;
  command: string;
  /** 'replace': the result replaces rollout's previous files; 'add': it joins them (a replay's one file). */
  mode: 'replace' | 'add';
}

export interface OutputRequest {
  /** --out as given, or the default. */
  out: string;
  force: boolean;
  /** Files and folders the command reads: the output may not be one of them or hold one. */
  inputs: string[];
  /** The command writing (recorded in the marker). */
  command: string;
  mode?: OutputPlan['mode'];
  /**
   * Paths (relative, with '/') the command will certainly write, known before it runs; a
   * folder ends with '/'. Checked against what is already in an existing DIR (see
   * obstacle()), so a symbolic link or a directory in the way is refused before any work.
   */
  writes?: readonly string[];
}

/** A state file `--state-at` writes: state-DATE.csv, or its counts, state-DATE-counts.csv. */
const STATE_FILE = /^state-\d{4}-\d{2}-\d{2}(-counts)?\.csv$/;

const within = (parent: string, child: string) => child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep);

/**
 * An absolute path with every symbolic link on the way resolved: the real path of its
 * longest existing part, then the rest as written. Two names of one folder (`link/p1`
 * where `link` points at the shards' folder, and the folder's own path) give the same.
 */
export function realish(path: string): string {
  const abs = resolve(path);
  const rest: string[] = [];
  for (let p = abs; ; p = dirname(p)) {
    try {
      return join(realpathSync(p), ...rest.reverse());
    } catch {
      if (dirname(p) === p) return abs;
      rest.push(basename(p));
    }
  }
}

/** The marker of a directory, or null when it has none (or not one rollout could have written). */
export function readMarker(dir: string): Marker | null {
  try {
    const m = JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as Partial<Marker>;
    if (m.tool !== 'rollout' || !Array.isArray(m.files) || !m.files.every(safeRelative)) return null;
    return m as Marker;
  } catch {
    return null;
  }
}

/** A relative path inside a directory (no '..', not absolute): the only kind a marker may list. */
function safeRelative(f: unknown): f is string {
  return typeof f === 'string' && f !== '' && !isAbsolute(f) && normalize(f) === f && !f.split(/[\\/]/).includes('..');
}

/** A result written before markers existed: its run-info.json names rollout. Its files are not known, so none is ever removed. */
function legacyResult(dir: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(dir, 'run-info.json'), 'utf8')) as { tool?: unknown }).tool === 'rollout';
  } catch {
    return false;
  }
}

/** Why a file-system call failed, in words (no raw EROFS / EEXIST). */
function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EROFS': return 'the file system is read-only';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EEXIST': case 'ENOTDIR': return 'a part of the path is a file, not a directory';
    case 'ENOSPC': return 'the disk is full';
    case 'ENOENT': return 'a folder cannot be created there';
    case 'ENAMETOOLONG': return 'the path is too long';
    case 'ELOOP': return 'the path loops through symbolic links';
    default: return code ? `${(e as Error).message}` : String(e);
  }
}

/**
 * Checks `--out` before any work and says how the result will be written; a UsageError
 * (exit 2) names the directory and the reason otherwise.
 */
export function planOutput(r: OutputRequest): OutputPlan {
  const refuse = (why: string) => { throw new UsageError(`--out ${JSON.stringify(r.out)}: ${why}`); };
  if (r.out.trim() === '') refuse('an empty path (an unset variable in a script?); name the directory to write');
  const abs = resolve(r.out);
  const cwd = process.cwd();
  // Each check compares the paths as written and with their symbolic links resolved: a
  // folder named through a link (to it or to a folder above it) is still that folder.
  const real = realish(abs);
  const same = (x: string) => x === abs || realish(x) === real;
  const holds = (x: string) => within(abs, x) || within(real, realish(x));
  if (parse(abs).root === abs || parse(real).root === real) refuse('the root of the file system; name a directory of its own for the result');
  if (same(resolve(homedir()))) refuse('your home directory; name a directory of its own for the result');
  if (holds(cwd)) refuse(same(cwd) ? 'the current directory; name a directory of its own for the result' : 'holds the current directory; name a directory of its own for the result');
  for (const input of r.inputs) {
    const inAbs = resolve(input);
    if (holds(inAbs)) refuse(`${same(inAbs) ? 'is' : 'holds'} ${input}, which this command reads; name a directory of its own for the result`);
  }
  let st: ReturnType<typeof lstatSync> | undefined;
  try {
    st = lstatSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') refuse(`cannot be used: ${reason(e)}`);
  }
  if (st) {
    if (st.isSymbolicLink()) refuse('is a symbolic link; name the directory itself');
    if (!st.isDirectory()) refuse('is a file, not a directory; name a directory for the result');
    if (existsSync(join(abs, '.git'))) refuse('is the root of a git work tree; name a directory of its own for the result');
    const entries = readdirSync(abs);
    const ours = readMarker(abs) !== null || legacyResult(abs);
    if (entries.length > 0 && !ours && !r.force) {
      refuse(`is not empty and was not written by rollout (it has no ${MARKER}). Choose a new directory, or add --force to write into it: rollout then replaces only the files it writes and keeps every other file`);
    }
    try {
      accessSync(abs, constants.W_OK);
    } catch (e) {
      refuse(`cannot be written: ${reason(e)}`);
    }
    const old = readMarker(abs);
    const replacing = (r.mode ?? 'replace') === 'replace' && old !== null;
    // A state written by --state-at is rollout's file, but likely a scenario's input (status:):
    // a new result replacing the folder would take it away unseen. Said, unless --force.
    const rewritten = new Set(r.writes ?? []);
    const states = replacing && !r.force ? old.files.filter((f) => STATE_FILE.test(f) && !rewritten.has(f)) : [];
    if (states.length > 0) {
      refuse(`holds ${states.join(', ')}, written by --state-at: a state a scenario may start from (status:), which this result would remove with the folder's other files. Move ${states.length === 1 ? 'it' : 'them'} out of the folder first, or add --force to replace ${states.length === 1 ? 'it' : 'them'} too`);
    }
    const why = obstacle(abs, r.out, [...(r.writes ?? []), MARKER], replacing ? old.files : []);
    if (why) refuse(why);
  }
  return { dir: r.out, abs, command: r.command, mode: r.mode ?? 'replace' };
}

/**
 * What would make rollout write or remove through something that is not its own inside
 * the existing directory `abs` (shown as `dir`): null when nothing, else why, in words.
 *
 * - `writes`: paths rollout will write (a folder ends with '/'). On each one's way, every
 *   component must be a real directory (not a symbolic link, not a file), and the last a
 *   regular file for a file, a real directory for a folder, or absent.
 * - `removes`: its older files it will remove. No symbolic link may stand among the
 *   folders on the way (the file itself is only ever removed when it is a regular file).
 *
 * @example
 *   obstacle('/r/pr2', 'pr2', ['charts/', 'summary.json'], [])   // 'pr2/charts is a symbolic link; ...' when it is one
 */
export function obstacle(abs: string, dir: string, writes: readonly string[], removes: readonly string[]): string | null {
  const shown = (parts: string[]) => join(dir, ...parts);
  const check = (rel: string, removing: boolean): string | null => {
    const folder = rel.endsWith('/');
    const parts = rel.split('/').filter((p) => p !== '');
    for (let i = 0; i < parts.length; i++) {
      const last = i === parts.length - 1;
      if (removing && last) return null; // removeFile() unlinks only a regular file
      const here = parts.slice(0, i + 1);
      let st: ReturnType<typeof lstatSync>;
      try {
        st = lstatSync(join(abs, ...here));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return null; // nothing further along exists: nothing in the way
        return `${shown(here)} cannot be used: ${reason(e)}`;
      }
      if (st.isSymbolicLink()) {
        return `${shown(here)} is a symbolic link, where rollout ${removing ? 'would remove its older files' : `writes ${last && !folder ? 'a file' : 'a folder'}`}; rollout never writes or removes anything through a link (it may point at your files elsewhere). Remove the link (or move it away), or choose another directory`;
      }
      if (removing && !st.isDirectory()) return null; // its older file is not under there any more
      if ((!last || folder) && !st.isDirectory()) return `${shown(here)} is a file, where rollout writes a folder of that name; move it away, or choose another directory`;
      if (last && !folder && st.isDirectory()) return `${shown(here)} is a directory, where rollout writes a file of that name; move it away, or choose another directory`;
      if (last && !folder && !st.isFile()) return `${shown(here)} is not a regular file, where rollout writes a file of that name; move it away, or choose another directory`;
    }
    return null;
  };
  for (const f of writes) { const why = check(f, false); if (why) return why; }
  for (const f of removes) { const why = check(f, true); if (why) return why; }
  return null;
}

/**
 * Removes temporary directories in `parent` whose owner — a process of this machine — is
 * gone (SIGKILL, out of memory, a hang-up). Returns their names.
 */
export function cleanStaleTemps(parent: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = OWNED.exec(name);
    if (!m || m[2] !== HOST_TAG) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || alive(pid)) continue;
    try {
      rmSync(join(parent, name), { recursive: true, force: true });
      removed.push(name);
    } catch {
      // Not ours to insist on: left for the next run.
    }
  }
  return removed;
}

/** Every file under `dir`, as relative paths with '/' (directories themselves not listed). */
function filesUnder(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const rel = prefix ? `${prefix}/${name}` : name;
    const st = lstatSync(join(dir, name));
    if (st.isDirectory()) out.push(...filesUnder(join(dir, name), rel));
    else out.push(rel);
  }
  return out;
}

/**
 * An output directory written atomically: everything goes into a hidden temporary
 * directory beside the final one (same file system), moved into place only when the
 * command has succeeded. An interrupted or failed command removes it.
 */
export class StagedDir {
  readonly tmp: string;
  private done = false;
  /** The highest folder above the result that staging created (removed again, when empty, on discard). */
  private readonly created: string | undefined;

  constructor(readonly plan: OutputPlan) {
    const parent = dirname(plan.abs);
    try {
      this.created = makeDirs(parent);
      cleanStaleTemps(parent);
      this.tmp = mkdtempSync(join(parent, `${TMP_PREFIX}${process.pid}-${HOST_TAG}-${basename(plan.abs).slice(0, 40)}-`));
    } catch (e) {
      this.removeCreated();
      throw new UsageError(`--out ${JSON.stringify(plan.dir)}: cannot write there: ${reason(e)}`);
    }
    live.add(this);
  }

  /** Removes the folders staging created above the result, from the deepest up, while they are empty. */
  private removeCreated(): void {
    if (this.created === undefined) return;
    for (let d = dirname(this.plan.abs); ; d = dirname(d)) {
      try {
        rmdirSync(d); // only ever an empty folder
      } catch {
        return; // something else is in it now: it stays
      }
      if (d === this.created || dirname(d) === d) return;
    }
  }

  /** Moves the finished result into place (see the module's doc for how). */
  commit(): void {
    const { abs, command, mode } = this.plan;
    chmodSync(this.tmp, 0o755); // mkdtemp makes it private; a result directory is not
    const written = filesUnder(this.tmp);
    const old = existsSync(abs) ? readMarker(abs) : null;
    const files = mode === 'add' && old ? [...new Set([...old.files, ...written])].sort() : written;
    const marker: Marker = { tool: 'rollout', version: VERSION, command, files };
    writeFileSync(join(this.tmp, MARKER), JSON.stringify(marker, null, 2) + '\n');

    if (!present(abs)) {
      renameSync(this.tmp, abs);
    } else if (mode === 'replace' && old && onlyListed(abs, old.files)) {
      // Only rollout's own files: swap the directories.
      const previous = `${this.tmp}.old`;
      renameSync(abs, previous);
      renameSync(this.tmp, abs);
      rmSync(previous, { recursive: true, force: true });
    } else {
      // Other files live here: move ours in one by one and leave theirs — once nothing
      // stands in the way of any of them, so a refusal leaves the previous result whole.
      const keep = new Set(written);
      const stale = mode === 'replace' && old ? old.files.filter((f) => !keep.has(f)) : [];
      const why = obstacle(abs, this.plan.dir, [...written, MARKER], stale);
      if (why) throw new Error(`cannot write the result into ${this.plan.dir}: ${why}. Nothing was moved: ${old ? 'the previous result is as it was' : 'the directory is as it was'}`);
      for (const f of [...written, MARKER]) {
        const to = join(abs, f);
        makeDirs(dirname(to));
        renameSync(join(this.tmp, f), to);
      }
      for (const f of stale) removeFile(join(abs, f));
      rmSync(this.tmp, { recursive: true, force: true });
    }
    live.delete(this);
    this.done = true;
  }

  /** Removes the staged result, and the folders staging created above it while empty. */
  discard(): void {
    if (this.done) return;
    rmSync(this.tmp, { recursive: true, force: true });
    this.removeCreated();
    live.delete(this);
    this.done = true;
  }
}

/** Is there anything at `path` (a dangling symbolic link included)? */
function present(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Does `dir` hold nothing but the files a marker lists (and the folders leading to them)? */
function onlyListed(dir: string, listed: string[]): boolean {
  const set = new Set([...listed, MARKER]);
  const folders = new Set(listed.flatMap((f) => f.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
  const walk = (d: string, prefix: string): boolean => readdirSync(d).every((name) => {
    const rel = prefix ? `${prefix}/${name}` : name;
    const st = lstatSync(join(d, name));
    // A symbolic link is never rollout's: it rules out swapping the whole directory.
    return st.isDirectory() ? folders.has(rel) && walk(join(d, name), rel) : st.isFile() && set.has(rel);
  });
  return walk(dir, '');
}

/** Removes one file rollout wrote earlier (only a regular file: never a directory or a link put in its place), if it is still there. */
function removeFile(path: string): void {
  try {
    if (lstatSync(path).isFile()) unlinkSync(path);
  } catch {
    // Already gone.
  }
}

/**
 * Writes a result through a staged directory: `fill` writes into the temporary one,
 * which is moved into place when `fill` succeeds — unless the command was interrupted
 * meanwhile — and removed when it throws.
 */
export async function writeStaged<T>(plan: OutputPlan, fill: (tmp: string) => Promise<T>, signal?: AbortSignal): Promise<T> {
  const staged = new StagedDir(plan);
  try {
    const result = await fill(staged.tmp);
    // Imported here, not at the top: this module loads on every command, the worker pool only when needed.
    if (signal?.aborted) throw new (await import('../montecarlo/pool.js')).AbortedError();
    staged.commit();
    return result;
  } catch (e) {
    staged.discard();
    throw e;
  }
}

/** Removes every staged directory still open (on Ctrl-C / SIGTERM / SIGHUP). */
export function discardAllStaged(): void {
  for (const d of [...live]) d.discard();
  live.clear();
}
