import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { insideDirectory, portablePath } from './portable-path.js';

/**
 * The sources a scenario's comments cite, read from the `SOURCES.md` beside it (the
 * repository's `scenarios/SOURCES.md`): every table with an `Id` and a `Publisher` column
 * is a list of sources, and the `###` heading above it names their section. A comment
 * cites a source by its id in brackets (`[P12]`, `(C3)`, `(C1–C4)`) or a whole section by
 * a word of its heading (`SOURCES.md (regions)`); resolveCitations turns both into entries.
 *
 * @example
 *   const c = parseSourceCatalogue(readFileSync('scenarios/SOURCES.md', 'utf8'), 'scenarios/SOURCES.md', true);
 *   resolveCitations(c, 'E: press release (SOURCES.md [PR])');
 *   // [{ kind: 'source', id: 'PR', entry: { id: 'PR', publisher: 'Office of the Prime Minister ...', date: '21 Oct 2025', ... } }]
 */
export interface SourceEntry {
  /** The id as the table writes it ('PR', 'E2–E4'). */
  id: string;
  title: string;
  publisher: string;
  date: string;
  /** A URL or a site and article identifier, as written. */
  link: string;
  /** The heading of the table's section ('Settlements and regions'). */
  section: string;
}

export interface SourceCatalogue {
  /** Where it was read, as an output may name it (portablePath). */
  file: string;
  /** True when `file` is relative to the current directory (a report in it can link there). */
  relative: boolean;
  entries: SourceEntry[];
}

/** A citation found in a note: one source, or a section of sources. */
export type Citation =
  | { kind: 'source'; id: string; entry: SourceEntry }
  | { kind: 'section'; name: string; section: string; entries: SourceEntry[] };

const strip = (cell: string) => cell.trim().replace(/\*\*?([^*]+)\*\*?/g, '$1').replace(/`([^`]*)`/g, '$1').trim();
const cellsOf = (line: string) => line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map(strip);

/** Parses SOURCES.md text (never throws: a table it cannot read is skipped). */
export function parseSourceCatalogue(text: string, file: string, relative: boolean): SourceCatalogue {
  const entries: SourceEntry[] = [];
  let section = '';
  type Column = 'id' | 'title' | 'publisher' | 'date' | 'link';
  let columns: Record<Column, number> | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const heading = /^#{2,6}\s+(.*)$/.exec(line);
    if (heading) { section = strip(heading[1]).replace(/^\d+\.\s*/, ''); columns = null; continue; }
    if (!line.startsWith('|')) { columns = null; continue; }
    const cells = cellsOf(line);
    if (cells.every((c) => /^:?-+:?$/.test(c))) continue; // the |---|---| line
    if (!columns) {
      const at = (re: RegExp) => cells.findIndex((c) => re.test(c));
      const id = at(/^id$/i), publisher = at(/^publisher$/i);
      // Only a table of sources (an Id and a Publisher column) is read; other tables start nothing.
      columns = id >= 0 && publisher >= 0 ? { id, publisher, title: at(/^title$/i), date: at(/^date$/i), link: at(/^link/i) } : { id: -1, publisher: -1, title: -1, date: -1, link: -1 };
      continue;
    }
    if (columns.id < 0 || !cells[columns.id]) continue;
    const at = columns;
    const get = (k: Column) => (at[k] >= 0 ? cells[at[k]] ?? '' : '');
    entries.push({ id: get('id'), title: get('title'), publisher: get('publisher'), date: get('date'), link: get('link'), section });
  }
  return { file, relative, entries };
}

/**
 * The SOURCES.md nearest the scenario: beside the file the user named, else beside each
 * file it extends (nearest first). Undefined when there is none — a scenario need not
 * have one, and its notes are then shown as written.
 */
export function findSourceCatalogue(scenarioFiles: readonly string[]): SourceCatalogue | undefined {
  for (const f of scenarioFiles) {
    const candidate = join(dirname(f), 'SOURCES.md');
    if (!existsSync(candidate)) continue;
    try {
      return parseSourceCatalogue(readFileSync(candidate, 'utf8'), portablePath(candidate), insideDirectory(candidate));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The ids an entry's id stands for: 'E2–E4' stands for E2, E3 and E4. */
function idsOf(id: string): string[] {
  const range = /^([A-Z]+)(\d+)\s*[–-]\s*([A-Z]+)?(\d+)$/.exec(id);
  if (!range || (range[3] && range[3] !== range[1])) return [id];
  const from = Number(range[2]), to = Number(range[4]);
  if (!(to >= from && to - from <= 50)) return [id];
  return [id, ...Array.from({ length: to - from + 1 }, (_, k) => `${range[1]}${from + k}`)];
}

/**
 * The sources a note cites, in the order it cites them, each once: ids in brackets or
 * parentheses (`[PR]`, `(C3)`, `(C1–C4)`, `[P12, S3]`) that the catalogue lists, and
 * sections named after `SOURCES.md` (`SOURCES.md (regions)`: the first section whose
 * heading has that word). Anything else in the note is not a citation.
 */
export function resolveCitations(catalogue: SourceCatalogue, note: string): Citation[] {
  const byId = new Map<string, SourceEntry>();
  for (const e of catalogue.entries) for (const id of idsOf(e.id)) if (!byId.has(id)) byId.set(id, e);
  const out: Citation[] = [];
  const seen = new Set<string>();
  const add = (key: string, c: Citation) => { if (!seen.has(key)) { seen.add(key); out.push(c); } };
  const re = /SOURCES\.md\s*\(([a-z][a-z ,&-]*)\)|[[(]([A-Z][A-Z0-9 ,;–+-]*)[\])]/g;
  for (const m of note.matchAll(re)) {
    if (m[1] !== undefined) {
      const name = m[1].trim();
      const words = name.split(/\s+/).filter((w) => !['and', 'the', 'of'].includes(w));
      const section = catalogue.entries.find((e) => words.every((w) => new RegExp(`\\b${w.replace(/[^a-z-]/g, '')}\\b`, 'i').test(e.section)))?.section;
      if (section) add(`section:${section}`, { kind: 'section', name, section, entries: catalogue.entries.filter((e) => e.section === section) });
      continue;
    }
    for (const token of m[2].split(/[,;+]|\s+and\s+|\s+/)) {
      const id = token.trim();
      if (!id) continue;
      const expanded = byId.has(id) ? [id] : idsOf(id).slice(1);
      for (const x of expanded) {
        const entry = byId.get(x);
        if (entry) add(`id:${entry.id}`, { kind: 'source', id: entry.id, entry });
      }
    }
  }
  return out;
}
