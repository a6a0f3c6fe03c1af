import {
  accessSync, chmodSync, constants, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { homedir, hostname } from 'node:os';
import { basename, dirname, isAbsolute, join, normalize, parse, resolve, sep } from 'node:path';
// Narrow imports: main.ts loads this module for every command, even --help.
import { VERSION } from '../montecarlo/version.js';
import { UsageError } from './errors.js';

/**
 * Output directories that never lose a user's files (contract.md, "Output directories").
 *
 * - Every result rollout writes carries a marker, `.rollout-result.json`, naming the tool,
 *   its version, the command and every file it wrote.
 * - `--out DIR` is checked before any work: a path rollout must never replace (empty, the
 *   file system root, the home directory, the current directory or one of its ancestors,
 *   a folder holding an input, a git work tree, a file) is refused outright; an existing
 *   non-empty directory without the marker is refused unless `--force`.
 * - A result is written into a hidden temporary directory beside DIR and moved into place
 *   at the end. A marked directory holding only rollout's own files is swapped whole; one
 *   holding anything else (or a `--force` directory) gets rollout's files moved in one by
 *   one, its previous rollout files that are no longer written removed, and every other
 *   file left where it was.
 * - The temporary directory's name carries its owner (pid and a tag of the host), so one
 *   left behind by SIGKILL, an out-of-memory kill or a power cut is removed by the next
 *   run writing beside it once its owner is gone — never one of a live run, never one of
 *   another machine sharing the disk.
 *
 * @example
 *   const plan = planOutput({ out: 'output/b7', force: false, inputs: ['scenarios/b.yaml'], command: 'run' });
 *   await writeStaged(plan, async (tmp) => { writeFileSync(join(tmp, 'summary.json'), '{}'); }, signal);
 */

/** Prefix of temporary output directories (hidden, beside the final one). */
export const TMP_PREFIX = '.rollout-tmp-';
/** The marker of a directory rollout wrote. */
export const MARKER = '.rollout-result.json';

const live = new Set<string>();

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
}

const within = (parent: string, child: string) => child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep);

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
  if (parse(abs).root === abs) refuse('the root of the file system; name a directory of its own for the result');
  if (abs === resolve(homedir())) refuse('your home directory; name a directory of its own for the result');
  if (within(abs, cwd)) refuse(abs === cwd ? 'the current directory; name a directory of its own for the result' : 'holds the current directory; name a directory of its own for the result');
  for (const input of r.inputs) {
    const inAbs = resolve(input);
    if (within(abs, inAbs)) refuse(`${inAbs === abs ? 'is' : 'holds'} ${input}, which this command reads; name a directory of its own for the result`);
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
  }
  return { dir: r.out, abs, command: r.command, mode: r.mode ?? 'replace' };
}

/** Is process `pid` alive? (EPERM: alive, under another user.) */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
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

  constructor(readonly plan: OutputPlan) {
    const parent = dirname(plan.abs);
    try {
      mkdirSync(parent, { recursive: true });
      cleanStaleTemps(parent);
      this.tmp = mkdtempSync(join(parent, `${TMP_PREFIX}${process.pid}-${HOST_TAG}-${basename(plan.abs).slice(0, 40)}-`));
    } catch (e) {
      throw new UsageError(`--out ${JSON.stringify(plan.dir)}: cannot write there: ${reason(e)}`);
    }
    live.add(this.tmp);
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

    if (!existsSync(abs)) {
      renameSync(this.tmp, abs);
    } else if (mode === 'replace' && old && onlyListed(abs, old.files)) {
      // Only rollout's own files: swap the directories.
      const previous = `${this.tmp}.old`;
      renameSync(abs, previous);
      renameSync(this.tmp, abs);
      rmSync(previous, { recursive: true, force: true });
    } else {
      // Other files live here: move ours in one by one and leave theirs.
      for (const f of [...written, MARKER]) {
        const to = join(abs, f);
        mkdirSync(dirname(to), { recursive: true });
        if (existsSync(to) && lstatSync(to).isDirectory()) throw new Error(`cannot write ${to}: a directory of that name is in the way`);
        renameSync(join(this.tmp, f), to);
      }
      if (mode === 'replace' && old) {
        const keep = new Set(written);
        for (const f of old.files) if (!keep.has(f)) removeFile(join(abs, f));
      }
      rmSync(this.tmp, { recursive: true, force: true });
    }
    live.delete(this.tmp);
    this.done = true;
  }

  discard(): void {
    if (this.done) return;
    rmSync(this.tmp, { recursive: true, force: true });
    live.delete(this.tmp);
    this.done = true;
  }
}

/** Does `dir` hold nothing but the files a marker lists (and the folders leading to them)? */
function onlyListed(dir: string, listed: string[]): boolean {
  const set = new Set([...listed, MARKER]);
  const folders = new Set(listed.flatMap((f) => f.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
  const walk = (d: string, prefix: string): boolean => readdirSync(d).every((name) => {
    const rel = prefix ? `${prefix}/${name}` : name;
    const st = lstatSync(join(d, name));
    return st.isDirectory() ? folders.has(rel) && walk(join(d, name), rel) : set.has(rel);
  });
  return walk(dir, '');
}

/** Removes one file rollout wrote earlier (never a directory), if it is still there. */
function removeFile(path: string): void {
  try {
    if (!lstatSync(path).isDirectory()) unlinkSync(path);
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
  for (const d of live) rmSync(d, { recursive: true, force: true });
  live.clear();
}
