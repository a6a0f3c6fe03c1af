import { pathKey, type Path, type PathSegment } from './paths.js';

/**
 * `extends`: a policy option is a short file on top of the baseline. The child is merged
 * into the parent: mappings key by key (recursively), lists whose items all carry an `id`
 * (regions, targets, motorways, risks, deliveryRecord) item by item (same id = merge into it, new id =
 * appended, `{ id, drop: true }` = the parent's item taken out), and anything else — scalars, plain lists, a list the child leaves empty, a
 * distribution `{dist: ...}` or a risk impact `{type: ...}` — replaces. A factor's parts
 * merge into a parent's factor written as a distribution (its national part); crews under
 * contract per region replace a parent's national number.
 *
 * The merge also records where every part of the result came from (which file, which
 * path in it), so problems found on the merged scenario still point at a line to edit.
 */

/** Where a subtree of the merged scenario was written. */
export interface Origin<F> {
  file: F;
  path: PathSegment[];
}

/** Origins of subtrees, keyed by merged path; lookups take the longest recorded prefix. */
export class Provenance<F> {
  private readonly map = new Map<string, { at: PathSegment[]; origin: Origin<F> }>();

  set(at: Path, origin: Origin<F>): void {
    // Anything recorded below `at` is superseded. Keys are JSON arrays: '["a","b",' starts every deeper key.
    if (at.length === 0) this.map.clear();
    else {
      const prefix = pathKey(at).slice(0, -1) + ',';
      for (const k of [...this.map.keys()]) if (k.startsWith(prefix)) this.map.delete(k);
    }
    this.map.set(pathKey(at), { at: [...at], origin });
  }

  /**
   * Item `index` of the list at `at` was taken out: what was recorded under it is forgotten
   * and the records of the items after it move down one place, as the items did.
   */
  removeItem(at: Path, index: number): void {
    const entries = [...this.map.values()];
    this.map.clear();
    const d = at.length;
    for (const e of entries) {
      const k = e.at[d];
      const under = e.at.length > d && typeof k === 'number' && at.every((seg, i) => e.at[i] === seg);
      if (!under || k < index) this.map.set(pathKey(e.at), e);
      else if (k > index) {
        const moved = [...e.at];
        moved[d] = k - 1;
        this.map.set(pathKey(moved), { at: moved, origin: e.origin });
      }
    }
  }

  /** The file and the path inside it for a merged path. */
  lookup(at: Path): Origin<F> | undefined {
    for (let n = at.length; n >= 0; n--) {
      const hit = this.map.get(pathKey(at.slice(0, n)));
      if (hit) return { file: hit.origin.file, path: [...hit.origin.path, ...at.slice(n)] };
    }
    return undefined;
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

const hasId = (v: unknown): v is Record<string, unknown> & { id: string | number } =>
  isPlainObject(v) && (typeof v.id === 'string' || typeof v.id === 'number');

/**
 * A mapping that names its kind — a distribution (`dist:`) or a risk impact (`type:`) —
 * replaces the parent's value whole: its parameters only make sense together, and keys
 * of the parent's kind (a pert's `mode` under a lognormal) must not leak into it.
 */
function namesItsKind(v: Record<string, unknown>, at: readonly PathSegment[]): boolean {
  if (typeof v.dist === 'string') return true;
  return at.length === 3 && at[0] === 'risks' && at[2] === 'impact' && Object.prototype.hasOwnProperty.call(v, 'type');
}

/**
 * A factor written as a distribution is its national part: when a child gives parts
 * (`factors.productivity: { regional: ... }`) on top of a parent's distribution, the
 * parent's becomes `{ national: <it> }` and the child's parts merge into that.
 */
function liftFactor(base: unknown, child: unknown, at: readonly PathSegment[]): unknown {
  const isDist = (v: unknown) => typeof v === 'number' || (isPlainObject(v) && typeof v.dist === 'string');
  if (!isDist(base) || !isPlainObject(child) || isDist(child)) return base;
  if (at.length === 2 && at[0] === 'factors') return { national: base };
  // A national number of crews under contract, replaced by a list per region.
  if (at.length === 3 && at[0] === 'capacity' && at[2] === 'contracted') return {};
  return base;
}

/** An item that only asks to take out the parent's item of its id. */
export const isDrop = (item: Record<string, unknown>): boolean => item.drop === true && Object.keys(item).every((k) => k === 'id' || k === 'drop');

/** True when both lists should merge item by item: every item of both has an id and the child is not empty. */
export function mergesById(parent: unknown, child: unknown): boolean {
  return Array.isArray(parent) && Array.isArray(child) && child.length > 0 && parent.every(hasId) && child.every(hasId);
}

/** Deep copy of plain data. */
function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/**
 * Merges `child` (written in `file`) into `base` in place and returns the result.
 * `at` is the position in the merged tree, `from` the position in the child's file.
 */
export function mergeInto<F>(base: unknown, child: unknown, file: F, prov: Provenance<F>, at: PathSegment[] = [], from: PathSegment[] = []): unknown {
  base = liftFactor(base, child, at);
  if (isPlainObject(base) && isPlainObject(child) && !namesItsKind(child, at)) {
    for (const [k, v] of Object.entries(child)) {
      // Own keys only, and defineProperty: a key such as '__proto__' must stay plain data.
      const value = Object.prototype.hasOwnProperty.call(base, k) ? mergeInto(base[k], v, file, prov, [...at, k], [...from, k]) : clone(v);
      if (!Object.prototype.hasOwnProperty.call(base, k)) prov.set([...at, k], { file, path: [...from, k] });
      Object.defineProperty(base, k, { value, enumerable: true, writable: true, configurable: true });
    }
    return base;
  }
  if (mergesById(base, child)) {
    const list = base as Record<string, unknown>[];
    (child as Record<string, unknown>[]).forEach((item, i) => {
      const j = list.findIndex((b) => String(b.id) === String(item.id));
      // `{ id, drop: true }` takes the parent's item out (a target a status has passed);
      // with anything else beside it, or no such item, it stays and droppedProblems says so.
      if (j >= 0 && isDrop(item)) {
        list.splice(j, 1);
        prov.removeItem(at, j);
        return;
      }
      if (j >= 0) list[j] = mergeInto(list[j], item, file, prov, [...at, j], [...from, i]) as Record<string, unknown>;
      else {
        list.push(clone(item));
        prov.set([...at, list.length - 1], { file, path: [...from, i] });
      }
    });
    return list;
  }
  prov.set(at, { file, path: [...from] });
  return clone(child);
}
