import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * `mkdir -p`, one folder at a time: creates `dir` and every missing folder above it and
 * returns the highest one it created (undefined when `dir` already existed), as
 * `mkdirSync(dir, { recursive: true })` does — except that it always ends. Node's recursive
 * mkdir loops for ever, ignoring signals, where a parent exists but refuses to hold a
 * folder (`--out /proc/x/y` on Linux: /proc/x cannot be made, ENOENT, and Node retries the
 * parent again and again); here the first folder that cannot be made throws its error.
 *
 * @example makeDirs('/tmp/a/b/c')   // '/tmp/a' when only /tmp existed
 * @example makeDirs('/proc/x/y')    // throws ENOENT: no such file or directory, mkdir '/proc/x'
 */
export function makeDirs(dir: string): string | undefined {
  const missing: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    if (exists(d)) break;
    missing.push(d);
    if (dirname(d) === d) break; // a root that does not exist: mkdir says why
  }
  for (let i = missing.length - 1; i >= 0; i--) {
    try {
      mkdirSync(missing[i]);
    } catch (e) {
      // Another process made it in the meantime: as good as made.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || !exists(missing[i])) throw e;
    }
  }
  return missing.length > 0 ? missing[missing.length - 1] : undefined;
}

/** Whether `path` exists (following links); a file there counts: mkdir will say it is not a folder. */
function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
