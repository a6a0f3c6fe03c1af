import { readFileSync } from 'node:fs';

/**
 * Whether a process is still alive, for removing the temporary folders of runs that are
 * gone (./output-dir.ts). `process.kill(pid, 0)` answers for any process that still has an
 * entry, and a process killed (SIGKILL, out of memory) keeps one as a zombie until its parent
 * reaps it — `timeout -s KILL 3 rollout run …` then an immediate second run found its folder's
 * owner "alive" and left the folder. On Linux, /proc/<pid>/stat says what the process is: a
 * zombie ('Z') or dead ('X') one will never write again. Elsewhere, or when /proc cannot be
 * read, kill(pid, 0) decides, as before.
 */

/**
 * The state letter of /proc/<pid>/stat's text ('R', 'S', 'Z'...), or null when it does not
 * read as one. The command name in parentheses may hold spaces and parentheses itself, so the
 * state is the first field after the last ')'.
 *
 * @example procState('4242 (node) Z 1 4242 ...')            // 'Z'
 * @example procState('7 (a) b) S 1 7 ...')                   // 'S'
 */
export function procState(stat: string): string | null {
  const close = stat.lastIndexOf(')');
  if (close < 0) return null;
  const m = /^\s+([A-Za-z])\b/.exec(stat.slice(close + 1));
  return m ? m[1] : null;
}

/**
 * Is process `pid` alive: it exists (EPERM: alive, under another user) and is not a zombie?
 *
 * @example alive(process.pid)   // true
 */
export function alive(pid: number, platform: NodeJS.Platform = process.platform): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (platform !== 'linux') return true;
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return true; // no /proc here (a container without it): what kill(pid, 0) said
  }
  const state = procState(stat);
  return state !== 'Z' && state !== 'X';
}
