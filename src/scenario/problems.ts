/**
 * The one error type of src/scenario. A planner who mistypes a scenario must learn, in one
 * go, every problem with its file, line and column, the path inside the file, what was
 * expected and what was found — never a stack trace. The CLI maps ScenarioError to exit
 * status 2 (README, "The commands"), so every user mistake must surface as this class.
 */

/** One thing wrong with a scenario (or a file it refers to). */
export interface ScenarioProblem {
  /** File as the user would name it (the path given, or a parent/CSV path relative to it). */
  file: string;
  /** Where inside the file, e.g. 'regions[3].crews.fibre'; '' for the file as a whole. CSV: 'row 5, column population'. */
  path: string;
  /** 1-based line, when the format has lines. */
  line?: number;
  /** 1-based column. */
  column?: number;
  expected: string;
  found: string;
}

/** Problems shown in an error message; the rest are summarised (all stay in `problems`). */
const MAX_SHOWN = 50;

/** One line per problem: "file:line:col: path: expected X, found Y". */
export function formatProblem(p: ScenarioProblem): string {
  const where = p.file + (p.line !== undefined ? `:${p.line}` + (p.column !== undefined ? `:${p.column}` : '') : '');
  const path = p.path ? ` ${p.path}:` : '';
  return `${where}:${path} expected ${p.expected}, found ${p.found}`;
}

/** One paragraph (line) per problem, in file order then line order; long lists are cut at 50. */
export function formatProblems(problems: ScenarioProblem[]): string {
  const lines = problems.slice(0, MAX_SHOWN).map(formatProblem);
  if (problems.length > MAX_SHOWN) lines.push(`(and ${problems.length - MAX_SHOWN} more problems)`);
  return lines.join('\n');
}

/** Orders problems by file (first appearance) then line and column, keeping ties stable. */
export function sortProblems(problems: ScenarioProblem[]): ScenarioProblem[] {
  const fileOrder = new Map<string, number>();
  for (const p of problems) if (!fileOrder.has(p.file)) fileOrder.set(p.file, fileOrder.size);
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) =>
      fileOrder.get(a.p.file)! - fileOrder.get(b.p.file)! ||
      (a.p.line ?? 0) - (b.p.line ?? 0) ||
      (a.p.column ?? 0) - (b.p.column ?? 0) ||
      a.i - b.i)
    .map(({ p }) => p);
}

/** A scenario the user must fix; `problems` lists every problem found. */
export class ScenarioError extends Error {
  readonly problems: ScenarioProblem[];

  constructor(problems: ScenarioProblem[]) {
    const sorted = sortProblems(dedupe(problems));
    super(formatProblems(sorted));
    this.name = 'ScenarioError';
    this.problems = sorted;
  }
}

/** Drops exact repeats (the same problem reached by two routes). */
function dedupe(problems: ScenarioProblem[]): ScenarioProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = formatProblem(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Throws a ScenarioError when the list is not empty. */
export function throwIfAny(problems: ScenarioProblem[]): void {
  if (problems.length > 0) throw new ScenarioError(problems);
}

/**
 * Describes a value the user wrote, for the "found" half of a message: numbers and
 * booleans as written, text quoted (and shortened), mappings and lists by their shape.
 */
export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'nothing (null)';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : `${value}`;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') {
    const s = value.length > 60 ? value.slice(0, 57) + '...' : value;
    // '1,5' is text to YAML: a number written with a decimal comma, as in Russian or Kazakh.
    if (/^[-+]?\d+,\d+$/.test(value)) return `'${s}' (a decimal comma: a number takes a point, ${value.replace(',', '.')})`;
    return `'${s}'`;
  }
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') {
    const keys = Object.keys(value as object);
    return keys.length === 0 ? 'an empty mapping' : `a mapping with keys ${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', ...' : ''}`;
  }
  return String(value);
}
