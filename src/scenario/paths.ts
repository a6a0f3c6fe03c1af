/**
 * Paths inside a scenario. Internally a path is a list of keys and list indexes (what
 * ajv's JSON pointers and the YAML node tree both reduce to); users see the dotted form
 * 'regions[3].crews.fibre' that reads like the file.
 */

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

const PLAIN_KEY = /^[A-Za-z0-9_$-]+$/;

/** ['regions', 3, 'crews', 'fibre'] -> 'regions[3].crews.fibre'; odd keys are quoted: seasons["a b"]. */
export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (PLAIN_KEY.test(seg)) out += (out ? '.' : '') + seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** ajv instancePath '/regions/3/crews/fibre' -> ['regions', 3, 'crews', 'fibre'] (numbers where the data holds a list). */
export function parsePointer(pointer: string, data: unknown): PathSegment[] {
  if (pointer === '') return [];
  const out: PathSegment[] = [];
  let cur: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur) && /^\d+$/.test(key)) {
      out.push(Number(key));
      cur = cur[Number(key)];
    } else {
      out.push(key);
      cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[key] : undefined;
    }
  }
  return out;
}

/** Stable string key of a path, for maps. */
export function pathKey(path: Path): string {
  return JSON.stringify(path);
}

/** The value at a path, or undefined. */
export function getAt(data: unknown, path: Path): unknown {
  let cur = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}
