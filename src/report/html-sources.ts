import { posix, relative, resolve, sep } from 'node:path';
import type { RunResult } from '../montecarlo/result.js';
import { insideDirectory, resolveCitations, type Citation, type SourceCatalogue, type SourceEntry } from '../scenario/index.js';
import { escapeHtml as h, int } from './format.js';
import { table } from './html-detail.js';

/**
 * The report's "Where the numbers come from": every value the scenario files annotate (its
 * note as written: a source tag, or the word "estimate"), the sources each note cites
 * turned into readable references (id → publisher, date) from the SOURCES.md beside the
 * scenario, and a table of every source cited. The report is one file that may be opened
 * anywhere, so it names SOURCES.md in words and links to it only by a relative path, when
 * both the report and SOURCES.md sit inside the directory the command was run in (the
 * output/<name>/ of a clone); the sources' own references are text (the page links to
 * nothing outside the repository). Without a SOURCES.md the ids are shown as written.
 *
 * @example sourcesSection(result.sources, result.catalogue, 'output/kazakhstan-baseline'); // '<h3 id="sources">...'
 */
export function sourcesSection(sources: RunResult['sources'], catalogue?: SourceCatalogue, outDir?: string): string {
  if (!sources || sources.length === 0) return '';
  const estimates = sources.filter((x) => /\bestimate\b/i.test(x.note)).length;
  const cited = new Map<string, SourceEntry>();
  const citations = sources.map((x) => {
    const c = catalogue ? resolveCitations(catalogue, x.note) : [];
    for (const k of c) for (const e of k.kind === 'source' ? [k.entry] : k.entries) cited.set(e.id, e);
    return c;
  });
  const href = catalogue ? catalogueHref(catalogue, outDir) : undefined;
  // Named in words (the report may be opened anywhere), linked when a relative link can reach it.
  const name = catalogue && /(^|\/)scenarios\/SOURCES\.md$/.test(catalogue.file) ? 'scenarios/SOURCES.md in the rollout repository' : catalogue?.file;
  const where = catalogue
    ? `The notes cite the sources listed in ${href ? `<a href="${h(href)}">${h(name)}</a>` : h(name)} by id (<code>[PR]</code>, <code>(C3)</code>) or by section (<code>SOURCES.md (regions)</code>); the column “Cites” turns them into publisher and date, and the table after it lists every source cited.`
    : 'The notes cite sources by id, shown as written: no SOURCES.md was found beside the scenario to resolve them (the rollout repository keeps its sources in scenarios/SOURCES.md).';
  const rows = sources.map((x, i) => [`<code>${h(x.path)}</code>`, `<code>${h(x.value)}</code>`, h(x.note), citesCell(citations[i]!), h(x.file)]);
  const order = catalogue ? new Map(catalogue.entries.map((e, i) => [e.id, i])) : new Map<string, number>();
  const list = [...cited.values()].sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return `<h3 id="sources">Where the numbers come from</h3>
<p class="note">Each value the scenario file annotates, with its note as written there: a source (E = exact as published, A = approximate or derived, G = estimate) or the word “estimate”. ${h(int(sources.length))} annotated values, ${h(int(estimates))} of them estimates. ${where}</p>
<div class="sources">${table(['Setting', 'Value', 'Source or note', 'Cites', 'File'], rows)}</div>${list.length ? `
<h4 id="sources-cited">The sources cited</h4>
<div class="sources">${table(['Id', 'Title', 'Publisher', 'Date', 'Link or reference'], list.map((e) => [h(e.id), h(e.title), h(e.publisher), h(e.date), h(e.link)]))}</div>` : ''}`;
}

/** A note's citations: each source as "id: publisher, date", each section by its heading and ids. */
function citesCell(c: Citation[]): string {
  if (c.length === 0) return '';
  return c.map((k) => k.kind === 'source'
    ? `<span title="${h(k.entry.title)}"><b>${h(k.id)}</b>: ${h(k.entry.publisher)}${k.entry.date ? `, ${h(k.entry.date)}` : ''}</span>`
    : `<span>section “${h(k.section)}” (${h(k.entries.map((e) => e.id).join(', '))})</span>`).join('<br>');
}


/**
 * The relative path from the report's directory to SOURCES.md, when both lie inside the
 * current directory (a path climbing out of it would spell the machine's directories);
 * undefined otherwise.
 */
export function catalogueHref(catalogue: SourceCatalogue, outDir: string | undefined): string | undefined {
  if (!catalogue.relative || outDir === undefined || !insideDirectory(outDir)) return undefined;
  const rel = relative(resolve(outDir), resolve(catalogue.file));
  const link = sep === '/' ? rel : rel.split(sep).join(posix.sep);
  return /^[A-Za-z0-9._/-]+$/.test(link) ? link : undefined;
}
