import { csvKindOfText, misplacedCsv } from './csv-kinds.js';
import type { ScenarioProblem } from './problems.js';

/**
 * The file given as the scenario is evidently something else: a CSV of the project, a
 * Markdown page. YAML reads almost any text, so such a file fails on every other line and
 * its syntax errors filled the screen (50 lines, "and 171 more problems") without saying
 * the one thing that matters: this is not a scenario.
 */

/** Names a scenario file may have: its syntax errors are typos to fix, each one shown. */
export const SCENARIO_NAME = /\.(ya?ml|json)$/i;
const CSV_NAME = /\.csv$/i;
/** Syntax errors shown of a file not named as a scenario: enough to recognise it, or the typo. */
export const SHOWN_SYNTAX_ERRORS = 3;

/**
 * One problem for a CSV given as the scenario: which of the project's CSVs it is (by its
 * header) and where that goes, else just that it is a CSV. Nothing of the file is quoted.
 * Undefined when the file is not named *.csv.
 */
export function csvAsScenario(display: string, text: string, expected: string): ScenarioProblem | undefined {
  if (!CSV_NAME.test(display)) return undefined;
  const kind = csvKindOfText(text);
  return { file: display, path: '', expected, found: kind !== undefined ? misplacedCsv(kind, 'a scenario') : 'a CSV file' };
}

/**
 * The syntax errors of a file not named *.yaml, *.yml or *.json: the first few, under one
 * line saying the file does not read as YAML or JSON (it may be no scenario at all). A
 * file named as a scenario keeps every error: there they are typos, each to be fixed.
 */
export function syntaxErrorsOf(display: string, errors: ScenarioProblem[], expected: string): ScenarioProblem[] {
  if (SCENARIO_NAME.test(display) || errors.length === 0) return errors;
  const shown = errors.slice(0, SHOWN_SYNTAX_ERRORS);
  const count = errors.length === 1 ? 'a syntax error' : `${errors.length} syntax errors`;
  const which = shown.length < errors.length ? `the first ${shown.length} below` : 'below';
  // No line: problems without one come first, so this heads the errors it sums up.
  return [{ file: display, path: '', expected, found: `text that does not read as YAML or JSON (${count}, ${which}): is it a scenario?` }, ...shown];
}
