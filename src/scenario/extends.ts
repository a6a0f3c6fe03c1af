import { dirname, isAbsolute, join, normalize, resolve } from 'node:path';
import type { ScenarioProblem } from './problems.js';
import { readText } from './read-text.js';
import { formatPath, type Path } from './paths.js';
import { scenarioSchema, validateScenario, type Locator } from './schema.js';
import { parseSource, type SourceFile } from './yaml-source.js';
import { duplicateIdProblems } from './checks.js';
import { SCENARIO_NAME, csvAsScenario, syntaxErrorsOf } from './not-scenario.js';

/**
 * Follows a scenario's `extends` chain: reads, parses and schema-checks every file on
 * its own (so a mistake in a parent names the parent file and its line), refuses
 * cycles by naming the whole chain, and returns the files from the root ancestor down
 * to the file the user named.
 */

export const SCENARIO_FILE = 'a scenario file (YAML or JSON)';

/** A locator for problems that lie in one file, in that file's own coordinates. */
export function fileLocator(src: SourceFile): Locator {
  return (path: Path, at?: 'key' | 'value') => ({ file: src.display, path: formatPath(path), ...src.locate(path, at) });
}

/** Name of a file referred to from `fromDisplay`, as the user would write it from where they ran the command. */
export function displayRelative(fromDisplay: string, ref: string): string {
  return isAbsolute(ref) ? normalize(ref) : normalize(join(dirname(fromDisplay), ref));
}

export type ChainResult = { ok: true; files: SourceFile[] } | { ok: false; problems: ScenarioProblem[] };

export function loadChain(file: string): ChainResult {
  const problems: ScenarioProblem[] = [];
  const files: SourceFile[] = [];
  const seen: string[] = [];
  let display = file;
  let abs = resolve(file);
  let referrer: { src: SourceFile } | undefined;
  for (;;) {
    if (seen.includes(abs)) {
      const names = [...files.map((f) => f.display), display];
      const from = referrer!.src;
      problems.push({
        ...fileLocator(from)(['extends']),
        expected: 'an extends chain without cycles',
        found: `a circular chain ${names.join(' -> ')}`,
      });
      break;
    }
    seen.push(abs);
    // A parent that is missing, or no scenario file at all (a settlements or status CSV), is
    // the child's mistake: named at its `extends` line, with the file that was reached.
    const atExtends = (from: SourceFile, expected: string, found: string) => {
      const ref = (from.data as { extends: string }).extends;
      problems.push({ ...fileLocator(from)(['extends']), expected: `${expected} ('${ref}' is resolved against ${dirname(from.display) || '.'})`, found: `${found} (${display})` });
    };
    const notScenario = (found: string) => atExtends(referrer!.src, `${SCENARIO_FILE} at this path`, found);
    const read = readText(abs, display, SCENARIO_FILE);
    if (!read.ok) {
      if (referrer) atExtends(referrer.src, read.problem.expected, read.problem.found);
      else problems.push(read.problem);
      break;
    }
    // A CSV given as the scenario is named as what it is (and where it goes), in one problem.
    const csv = referrer ? undefined : csvAsScenario(display, read.text, SCENARIO_FILE);
    if (csv) {
      problems.push(csv);
      break;
    }
    const parsed = parseSource(read.text, display, abs);
    // A scenario's own syntax error is named in the scenario.
    if (!parsed.ok) {
      if (referrer && !SCENARIO_NAME.test(display)) notScenario('a file that does not read as YAML or JSON');
      else problems.push(...(parsed.syntax ? syntaxErrorsOf(display, parsed.problems, SCENARIO_FILE) : parsed.problems));
      break;
    }
    const src = parsed.source;
    // A mapping with none of a scenario's keys is some other file (a wrong path): say so
    // without quoting any of it (its "unknown keys" could be a password file's lines).
    const known = Object.keys((scenarioSchema().properties as Record<string, unknown>) ?? {});
    const keys = Object.keys(src.data as object);
    if (keys.length > 0 && !keys.some((k) => known.includes(k))) {
      if (referrer) notScenario("a mapping with none of a scenario's keys");
      else problems.push({ file: display, path: '', line: 1, expected: 'a scenario (a mapping with name, start, horizon, ...)', found: `a mapping with none of a scenario's keys (not a scenario file?)` });
      break;
    }
    problems.push(...validateScenario(src.data, fileLocator(src)));
    problems.push(...duplicateIdProblems(src.data, fileLocator(src)));
    files.push(src);
    const ext = (src.data as { extends?: unknown }).extends;
    if (typeof ext !== 'string' || ext === '') break;
    referrer = { src };
    display = displayRelative(src.display, ext);
    abs = resolve(dirname(abs), ext);
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, files: files.reverse() };
}
