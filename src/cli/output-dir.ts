import { chmodSync, mkdtempSync, renameSync, rmSync, existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** Prefix of temporary output directories (hidden, beside the final one). */
export const TMP_PREFIX = '.rollout-tmp-';

const live = new Set<string>();

/**
 * An output directory written atomically: everything goes into a hidden temporary
 * directory beside the final one (same file system), which is renamed into place only
 * when the run has succeeded. An interrupted or failed run removes it, so users never see
 * a half-written result.
 */
export class StagedDir {
  readonly tmp: string;
  private done = false;

  constructor(readonly finalDir: string) {
    const parent = dirname(resolve(finalDir));
    mkdirSync(parent, { recursive: true });
    this.tmp = mkdtempSync(join(parent, `${TMP_PREFIX}${basename(finalDir)}-`));
    live.add(this.tmp);
  }

  /** Moves the finished directory into place, replacing an older result. */
  commit(): void {
    const target = resolve(this.finalDir);
    chmodSync(this.tmp, 0o755); // mkdtemp makes it private; a result directory is not
    if (existsSync(target)) {
      const old = `${this.tmp}.old`;
      renameSync(target, old);
      renameSync(this.tmp, target);
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(this.tmp, target);
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

/**
 * Writes `finalDir` through a staged directory: `fill` writes into the temporary one,
 * which is moved into place when `fill` succeeds and removed when it throws.
 */
export async function writeStaged<T>(finalDir: string, fill: (tmp: string) => Promise<T>): Promise<T> {
  const staged = new StagedDir(finalDir);
  try {
    const result = await fill(staged.tmp);
    staged.commit();
    return result;
  } catch (e) {
    staged.discard();
    throw e;
  }
}

/** Removes every staged directory still open (on Ctrl-C / SIGTERM). */
export function discardAllStaged(): void {
  for (const d of live) rmSync(d, { recursive: true, force: true });
  live.clear();
}
