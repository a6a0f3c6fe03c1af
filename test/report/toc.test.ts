import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/montecarlo/result.js';
import { reportHtml } from '../../src/report/index.js';
import { makeRunResult } from '../fixtures/run-result.js';

/** The table of contents' anchors, in order. */
function tocLinks(html: string): string[] {
  const nav = /<nav class="toc">([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? '';
  return [...nav.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
}

/** The page's sections with a heading of their own (a `<section id>` or an `<h2 id>`), in page order; the warning box at the top is not one. */
function headedSections(html: string): string[] {
  return [...html.matchAll(/<(?:section|h2) id="([^"]+)">\s*(?:<h2>)?/g)]
    .filter((m) => m[0].includes('<h2') || m[0].startsWith('<h2'))
    .map((m) => m[1]!)
    .filter((id) => id !== 'warnings' && id !== 'detail');
}

/** A run with every optional section: the delivery record, what goes wrong together, observations (none within the run) and a back-test. */
function everySection(): RunResult {
  const r = makeRunResult({ runs: 200 });
  const t = r.summary.targets[0]!;
  r.input.deliveryRecord = [
    { id: 'peak', label: 'Peak pace', kind: 'delivered', perYear: { min: 600, max: 750 }, source: 'test record' },
    { id: 'old', label: 'An old plan', kind: 'plan', planned: 1700, delivered: 1257, source: 'test outcome' },
  ];
  r.drivers = {
    ...(r.drivers ?? { runs: 200 }),
    runs: 200,
    discovery: [{ target: t.id, label: t.label, outcome: 'missed', runs: 200, cases: 150, baseRate: 0.75, found: false, coverage: 1, density: 0.75, support: 1, rules: [], sentence: 'Nothing stands out.' }],
  } as RunResult['drivers'];
  r.summary.conditioning = { file: 'observed.csv', observations: [], setAside: [], warnings: [], effectiveSampleSize: 200, replicationsWeighted: 200 } as never;
  r.scores = { forecast: 'prior', observations: [], summary: { observations: 0, outsideP5P95: 0 } } as never;
  return r;
}

describe('the report’s table of contents', () => {
  it('links every section of the page, and only those, in the order the page has them', () => {
    for (const r of [makeRunResult({ runs: 200 }), everySection()]) {
      const html = reportHtml(r, []);
      const links = tocLinks(html);
      for (const id of links) expect(html, `#${id}`).toContain(`id="${id}"`);
      expect(links).toEqual(headedSections(html));
    }
  });

  it('names the observations and the back-test where the run has them, the record before what goes wrong together as on the page', () => {
    const links = tocLinks(reportHtml(everySection(), []));
    expect(links).toContain('conditioning');
    expect(links).toContain('scores');
    expect(links.indexOf('record')).toBeLessThan(links.indexOf('together'));
  });
});
