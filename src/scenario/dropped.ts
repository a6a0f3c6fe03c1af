import type { Locator } from './schema.js';
import type { ScenarioProblem } from './problems.js';
import type { Path } from './paths.js';

/** The lists whose items a file that extends another may take out with `{ id, drop: true }` (and each target's readings). */
const DROPPABLE = [['targets', 'target'], ['risks', 'risk']] as const;

/**
 * `drop` items the merge could not apply: one with anything beside its id, or one naming an
 * item the files it extends do not have (a misspelt id, or a file that extends none). Each
 * is named at its `drop` key, with the ids there are. `written` gives an item as its own
 * file wrote it (the merged one holds its parent's fields too).
 *
 * @example
 *   droppedProblems({ targets: [{ id: 'fibre-2026' }, { id: 'fibre-2062', drop: true }] }, where)
 *   // [{ ..., path: 'targets[1].drop', expected: "the id of a target of the file it extends (fibre-2026)", found: "'fibre-2062', which none has" }]
 */
export function droppedProblems(merged: unknown, where: Locator, written: (path: Path) => unknown = () => undefined): ScenarioProblem[] {
  const data = merged as Record<string, unknown>;
  const problems = DROPPABLE.flatMap(([list, noun]) => inList(data[list], [list], noun, where, written));
  // A target's readings (`alternatives`) are taken out the same way.
  if (Array.isArray(data.targets)) {
    data.targets.forEach((t: Record<string, unknown>, i) => problems.push(...inList(t?.alternatives, ['targets', i, 'alternatives'], 'reading', where, written)));
  }
  return problems;
}

/** The `drop` items left in one list (at `at`): each named at its `drop` key. */
function inList(items: unknown, at: Path, noun: string, where: Locator, written: (path: Path) => unknown): ScenarioProblem[] {
  if (!Array.isArray(items)) return [];
  const ids = items.filter((x) => x?.drop === undefined).map((x) => String(x?.id));
  const problems: ScenarioProblem[] = [];
  items.forEach((item: Record<string, unknown>, k) => {
    if (item?.drop === undefined) return;
    // The keys the file wrote beside it (merged into the parent's item, it has the parent's too).
    const own = written([...at, k]);
    const others = Object.keys(own !== null && typeof own === 'object' ? own : item).filter((x) => x !== 'id' && x !== 'drop');
    problems.push(others.length > 0
      ? { ...where([...at, k, 'drop'], 'key'), expected: `drop: true with the id alone (it takes the ${noun} of that id out of the file it extends)`, found: `also ${others.join(', ')}` }
      : { ...where([...at, k, 'drop'], 'key'), expected: `the id of a ${noun} of the file it extends (${ids.length > 0 ? ids.join(', ') : `it has no ${noun}s there`})`, found: `'${String(item.id)}', which none has` });
  });
  return problems;
}
