import { readFileSync, statSync } from 'node:fs';
import type { ScenarioProblem } from './problems.js';

/**
 * Reads a scenario or settlements file as UTF-8 text, turning every way a file can be
 * unusable (missing, a folder, unreadable, empty, binary, too large) into a problem the
 * user can act on instead of an ENOENT stack trace.
 */

/** Larger files are refused: a scenario is hand-written and a settlements list is a few thousand rows. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export type ReadResult = { ok: true; text: string } | { ok: false; problem: ScenarioProblem };

/**
 * @param absPath path to open
 * @param display the name to show in messages (the path as the user gave it)
 * @param what what the file should be, e.g. 'a scenario file (YAML or JSON)'
 */
export function readText(absPath: string, display: string, what: string): ReadResult {
  const fail = (expected: string, found: string): ReadResult => ({ ok: false, problem: { file: display, path: '', expected, found } });
  let size: number;
  try {
    const st = statSync(absPath);
    if (st.isDirectory()) return fail(what, 'a directory');
    if (!st.isFile()) return fail(what, 'something that is not a regular file');
    size = st.size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return fail(`${what} at this path`, 'no such file');
    return fail(`${what} that can be read`, `an unreadable path (${code ?? String(e)})`);
  }
  if (size > MAX_FILE_BYTES) return fail(`${what} of at most 10 MB`, `${(size / 1024 / 1024).toFixed(1)} MB`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(absPath);
  } catch (e) {
    return fail(`${what} that can be read`, `an unreadable file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  if (bytes.subarray(0, 8192).includes(0)) return fail(`${what} in text form`, 'binary data');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail(`${what} in UTF-8 text`, 'bytes that are not UTF-8 (binary data or another encoding)');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return fail(what, 'an empty file');
  return { ok: true, text };
}
