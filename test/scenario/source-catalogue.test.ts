import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findSourceCatalogue, loadScenario, parseSourceCatalogue, resolveCitations } from '../../src/scenario/index.js';
import { catalogueHref, sourcesSection } from '../../src/report/html-sources.js';
import { shipped, tempFiles } from './helpers.js';

const catalogue = () => parseSourceCatalogue(readFileSync(shipped('SOURCES.md'), 'utf8'), 'scenarios/SOURCES.md', true);

describe('the sources a scenario cites, from scenarios/SOURCES.md', () => {
  it('reads every table of sources (Id and Publisher columns) with its section, and nothing else', () => {
    const c = catalogue();
    const pr = c.entries.find((e) => e.id === 'PR')!;
    expect(pr.publisher).toMatch(/^Office of the Prime Minister of Kazakhstan/);
    expect(pr.date).toBe('21 Oct 2025');
    expect(pr.section).toBe('The target statement');
    expect(c.entries.find((e) => e.id === 'R1')!.section).toBe('Settlements and regions');
    // Markdown italics and code are text in the report.
    expect(c.entries.find((e) => e.id === 'R2')!.title).toBe('The number of villages in Kazakhstan is falling (Kazakh-language article kazakstanda-auyldar-sany-azajdy)');
    // The facts tables (Fact | Value | Tag | Source) and the tag legend are not sources.
    expect(c.entries.some((e) => /^(Fact|Tag|\*\*E\*\*)/.test(e.id) || e.id === 'E / Q')).toBe(false);
    expect(new Set(c.entries.map((e) => e.id)).size).toBe(c.entries.length);
  });

  it('turns ids in brackets, ranges and sections into entries, and leaves tags and other text alone', () => {
    const c = catalogue();
    const ids = (note: string) => resolveCitations(c, note).map((x) => (x.kind === 'source' ? x.id : `§${x.section}`));
    expect(ids('E: press release date (SOURCES.md [PR])')).toEqual(['PR']);
    expect(ids('A: SOURCES.md (regions) 314 villages - 206 to get fibre in 2026-27 - 24 via OneWeb (C3)')).toEqual(['§Settlements and regions', 'C3']);
    expect(ids('A: see (C1–C4) and [P12, S3]')).toEqual(['C1', 'C2', 'C3', 'C4', 'P12', 'S3']);
    expect(ids('A: 16-37 km (E3)')).toEqual(['E2–E4']); // E3 is listed as the range E2–E4
    expect(ids('G: SOURCES.md (engineering and cost) crew 3-5 km/day ploughed')).toEqual(['§Engineering and cost']);
    expect(ids('estimate (A, see each line); P10-P90 of 300 runs (E)')).toEqual([]);
    expect(ids('[ZZ9] SOURCES.md (nowhere)')).toEqual([]); // unknown ids and sections stay as written
    const section = resolveCitations(c, 'SOURCES.md (regions)')[0]!;
    expect(section.kind === 'section' && section.entries.map((e) => e.id)).toEqual(['R1', 'R2', 'R5']);
  });

  it('is found beside the scenario, or beside a file it extends; absent otherwise', () => {
    expect(loadScenario(shipped('option-permit-reform.yaml')).catalogue?.file).toBe('scenarios/SOURCES.md');
    const base = readFileSync(shipped('kazakhstan-baseline.yaml'), 'utf8');
    const dir = tempFiles({ 'b.yaml': base });
    expect(loadScenario(join(dir, 'b.yaml')).catalogue).toBeUndefined();
    writeFileSync(join(dir, 'SOURCES.md'), '### Mine\n| Id | Title | Publisher | Date | Link |\n|---|---|---|---|---|\n| PR | A statement | A ministry | 1 Jan 2026 | — |\n');
    const found = findSourceCatalogue([join(dir, 'b.yaml')])!;
    // Outside the current directory: named by its file name, not its machine path.
    expect(found).toMatchObject({ file: 'SOURCES.md', relative: false, entries: [{ id: 'PR', publisher: 'A ministry' }] });
  });

  it('the report resolves the citations, lists the sources cited and links to SOURCES.md by a relative path', () => {
    const loaded = loadScenario(shipped('kazakhstan-baseline.yaml'));
    const html = sourcesSection(loaded.sources, loaded.catalogue, 'output/kazakhstan-baseline');
    expect(html).toContain('<a href="../../scenarios/SOURCES.md">scenarios/SOURCES.md in the rollout repository</a>');
    expect(html).toContain('<b>PR</b>: Office of the Prime Minister of Kazakhstan (primeminister.kz), relayed by the press, 21 Oct 2025');
    expect(html).toContain('section “Settlements and regions” (R1, R2, R5)');
    expect(html).toMatch(/<h4 id="sources-cited">The sources cited<\/h4>[\s\S]*<td>C3<\/td><td>Aktobe region: villages with internet, OneWeb, fibre plans<\/td><td>aqtobegazeti.kz<\/td>/);
    // No link where a relative path cannot reach it (an output outside the current directory).
    expect(catalogueHref(loaded.catalogue!, '/tmp/elsewhere')).toBeUndefined();
    expect(sourcesSection(loaded.sources, loaded.catalogue, '/tmp/elsewhere')).not.toContain('<a href');
    // Without SOURCES.md the notes are shown as written, and the report says where the sources live.
    const bare = sourcesSection(loaded.sources, undefined, 'output/x');
    expect(bare).toContain('E: press release date (SOURCES.md [PR])');
    expect(bare).toContain('no SOURCES.md was found beside the scenario');
    expect(bare).not.toContain('sources-cited');
  });

  it('drops a parent\'s note when an option changes the value without one', () => {
    const base = readFileSync(shipped('kazakhstan-baseline.yaml'), 'utf8');
    const dir = tempFiles({
      'kazakhstan-baseline.yaml': base,
      'option.yaml': 'name: o\nextends: kazakhstan-baseline.yaml\nregions:\n  - id: turkestan\n    connected: 400\n  - id: aktobe\n    connected: 90   # A: the akimat\'s list (C3)\n',
    });
    const { sources } = loadScenario(join(dir, 'option.yaml'));
    const at = (p: string) => sources.find((x) => x.path === p)!;
    expect(at('regions.turkestan.connected')).toMatchObject({ value: '400', note: 'no note: changed here without a source', file: 'option.yaml' });
    expect(at('regions.aktobe.connected')).toMatchObject({ value: '90', note: "A: the akimat's list (C3)" });
    expect(at('regions.turkestan.settlements').note).toMatch(/^A: SOURCES.md \(regions\) KATO 2022 753/);
  });
});
