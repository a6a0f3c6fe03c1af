/**
 * What rollout prints to may close before it is done: `rollout run S --replay 1 --trace |
 * head -2`, `rollout show S | less` quit early. A Unix tool then stops writing and ends
 * without a word (SIGPIPE ends it); Node instead reports EPIPE as an 'error' event on the
 * stream, and with no listener prints a stack trace. So the process entry listens (onClosedOutput)
 * and ends the command quietly, and output written in a long synchronous loop (a trace) stops
 * at the first failed write (writeOut), since the event only arrives once the loop yields.
 */

/** Thrown by writeOut once stdout's reader has gone: it unwinds the work that was printing. */
export class StdoutClosed extends Error {
  constructor() {
    super('stdout was closed');
    this.name = 'StdoutClosed';
  }
}

/** Exit status when stdout or stderr has closed: 128 + SIGPIPE (13), as a Unix tool the pipe stopped. */
export const CLOSED_EXIT = 141;

/** A write to a pipe (or socket) whose reader has gone, or a write after it. */
export function isClosedPipe(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
}

/** Whether stdout's reader has gone: set at once by a failed write to a pipe (the 'error' event follows later). */
const stdoutClosed = () => isClosedPipe(process.stdout.errored);

/**
 * Writes to stdout, throwing StdoutClosed when its reader has gone — before the write, or
 * after the write that found it out — so a caller printing line after line stops there.
 *
 * @example writeOut('2026-01-06 day 5.914 stage done job 0\n')
 */
export function writeOut(text: string): void {
  if (stdoutClosed()) throw new StdoutClosed();
  process.stdout.write(text);
  if (stdoutClosed()) throw new StdoutClosed();
}

/**
 * For the process entry: when stdout or stderr closes (EPIPE), run `cleanup` (temporary
 * folders) and exit with CLOSED_EXIT at once, writing nothing more; any other failure to write
 * to stdout is said on stderr, exit 1 (a full disk under `> file`).
 */
export function onClosedOutput(cleanup: () => void): void {
  process.stdout.on('error', (e) => {
    cleanup();
    if (isClosedPipe(e)) process.exit(CLOSED_EXIT);
    try { process.stderr.write(`rollout: cannot write to stdout: ${e.message}\n`); } catch { /* stderr gone too */ }
    process.exit(1);
  });
  process.stderr.on('error', (e) => {
    cleanup();
    process.exit(isClosedPipe(e) ? CLOSED_EXIT : 1);
  });
}
