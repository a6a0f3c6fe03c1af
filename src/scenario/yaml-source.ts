import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { ScenarioProblem } from './problems.js';
import type { Path } from './paths.js';

/**
 * One parsed scenario file: its data plus a way back from a path in the data to the line
 * and column in the text, so that schema and semantic problems found on plain objects
 * can still point at the place to edit. YAML and JSON go through the same parser (JSON
 * is YAML), so both get line numbers.
 */
export interface SourceFile {
  /** Name shown in messages. */
  display: string;
  /** Absolute path (for resolving relative references and detecting cycles). */
  abs: string;
  data: unknown;
  /** 1-based line and column of the value at `path` (or of its key, or of the nearest enclosing node that exists). */
  locate(path: Path, at?: 'key' | 'value'): { line: number; column: number } | undefined;
  /**
   * The comment written after each value (`costPerKm: 3.5  # E: SOURCES.md (engineering and cost)`), by path:
   * keys joined with '.', list items by their `id` when they have one, else their index.
   * This is where a scenario says where its numbers come from.
   */
  notes: Map<string, string>;
}

/** `syntax`: the problems are the text's syntax errors (not, say, a document that is a single value). */
export type ParseResult = { ok: true; source: SourceFile } | { ok: false; problems: ScenarioProblem[]; syntax?: true };

/** Parses YAML/JSON text; syntax errors come back as problems with line and column. */
/**
 * Where an error is: the yaml library starts some errors (a misindented key) at the blank
 * lines and comments before the line they are about, so the line named would be a blank
 * line above it. Past the rest of the line `from` is on and any whole lines after it that
 * are blank or comments, to the start of the first line with something on it (else `from`).
 *
 * @example firstToken('a: 1\n\n# note\n  b: 2\n', 4)   // 13: the start of '  b: 2', line 4
 */
function firstToken(text: string, from: number): number {
  let i = from;
  for (;;) {
    const nl = text.indexOf('\n', i);
    const rest = text.slice(i, nl < 0 ? text.length : nl);
    if (!/^\s*(#.*)?$/.test(rest)) return i; // something on this line: the error is here
    if (nl < 0) return from;
    i = nl + 1;
  }
}

export function parseSource(text: string, display: string, abs: string): ParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, schema: 'core', uniqueKeys: true });
  const pos = (offset: number) => {
    const lp = lineCounter.linePos(offset);
    return { line: lp.line, column: lp.col };
  };
  if (doc.errors.length > 0) {
    // One error per position: an unclosed bracket makes the parser report its cascade at the same place.
    const seen = new Set<number>();
    const first = doc.errors.filter((e) => !seen.has(e.pos[0]) && (seen.add(e.pos[0]), true));
    return {
      ok: false,
      syntax: true,
      problems: first.map((e) => ({
        file: display, path: '', ...pos(firstToken(text, e.pos[0])),
        expected: 'valid YAML or JSON', found: `${firstSentence(e.message)} (${e.code})`,
      })),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    return { ok: false, problems: [{ file: display, path: '', expected: 'valid YAML or JSON', found: firstSentence(String((e as Error).message ?? e)) }] };
  }
  if (data === null || data === undefined) {
    return { ok: false, problems: [{ file: display, path: '', expected: 'a scenario (a mapping with name, start, horizon, ...)', found: 'a document with no content' }] };
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    const top = doc.contents as Node | null;
    return {
      ok: false,
      problems: [{
        file: display, path: '', ...(top?.range ? pos(top.range[0]) : {}),
        expected: 'a scenario (a mapping with name, start, horizon, ...)',
        found: Array.isArray(data) ? 'a list' : `a single value (${typeof data})`,
      }],
    };
  }
  return { ok: true, source: { display, abs, data, locate: (path, at = 'value') => locateNode(doc, path, at, pos), notes: collectNotes(doc) } };
}

/** Trailing comments of every value, by path (see SourceFile.notes). */
function collectNotes(doc: Document): Map<string, string> {
  const notes = new Map<string, string>();
  const note = (path: string[], comment: string | null | undefined) => {
    const text = comment?.trim();
    if (text) notes.set(path.join('.'), text);
  };
  const walk = (node: unknown, path: string[]): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const value = pair.value as Node | null;
        note([...path, key], value?.comment ?? (pair.key as Node | null)?.comment);
        walk(value, [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        let seg = String(i);
        if (isMap(item)) {
          const id = item.items.find((p) => isScalar(p.key) && p.key.value === 'id');
          if (id && isScalar(id.value)) seg = String(id.value.value);
        }
        note([...path, seg], (item as Node | null)?.comment);
        walk(item, [...path, seg]);
      });
    }
  };
  walk(doc.contents, []);
  return notes;
}

function firstSentence(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function locateNode(
  doc: Document,
  path: Path,
  at: 'key' | 'value',
  pos: (offset: number) => { line: number; column: number },
): { line: number; column: number } | undefined {
  let node: unknown = doc.contents;
  let keyNode: unknown;
  let found = true;
  const here = (n: unknown) => (n && typeof n === 'object' && 'range' in n && Array.isArray((n as Node).range) ? pos((n as Node).range![0]) : undefined);
  let last = here(node);
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = node.resolve(doc);
    const seg = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
      if (!pair) { found = false; break; }
      keyNode = pair.key;
      node = pair.value;
      // `key:` with nothing after it has no value node: point at the key.
      last = here(node) ?? here(keyNode) ?? last;
    } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
      keyNode = undefined;
      node = node.items[seg];
      last = here(node) ?? last;
    } else { found = false; break; }
  }
  if (found && at === 'key' && keyNode) return here(keyNode) ?? last;
  return last;
}

