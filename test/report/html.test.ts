import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/montecarlo/result.js';
import { buildCharts, reportHtml, type ChartFile } from '../../src/report/index.js';
import { makeRunResult } from '../fixtures/run-result.js';

const EVIL = '<script>alert(1)</script>';

/** The page without the three inlined library builds (their minified text is not ours to inspect). */
function ownParts(html: string): string {
  return html.replace(/<script>(?:(?!<\/script>)[\s\S])*<\/script>/g, (m) => (m.length > 20_000 ? '<script>/*lib*/</script>' : m));
}

describe('reportHtml', () => {
  let result: RunResult;
  let charts: ChartFile[];
  let html: string;
  beforeAll(async () => {
    result = makeRunResult({ label: EVIL, regionName: EVIL, runs: 300 });
    charts = await buildCharts(result);
    html = reportHtml(result, charts);
  }, 60_000);

  it('is one self-contained page: no external scripts, styles, images or links', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script[^>]*\ssrc\s*=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\s(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/@import/i);
    expect(html).not.toMatch(/url\(\s*["']?(?:https?:)?\/\//i);
    expect(html).toContain('Content-Security-Policy');
    expect(html).toContain("default-src 'none'");
  });

  it('inlines the vega, vega-lite and vega-embed builds', () => {
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts.filter((s) => s.length > 20_000)).toHaveLength(3);
    expect(html).toContain('.vega=');
    expect(html).toContain('.vegaLite=');
    expect(html).toContain('.vegaEmbed=');
  });

  it('embeds every spec as JSON with no raw "<" and the same content', () => {
    const m = /<script type="application\/json" id="chart-specs">([\s\S]*?)<\/script>/.exec(html);
    expect(m).not.toBeNull();
    expect(m![1]).not.toContain('<');
    const specs = JSON.parse(m![1]!) as object[];
    expect(specs).toEqual(charts.map((c) => c.spec));
  });

  it('has a container with a pre-rendered SVG fallback per chart, and the script that renders them', () => {
    const containers = html.match(/<div class="chart" id="chart-\d+" data-chart="[^"]+">/g) ?? [];
    expect(containers).toHaveLength(charts.length);
    const fallbacks = html.match(/<div class="fallback"><svg/g) ?? [];
    expect(fallbacks).toHaveLength(charts.length);
    expect(html).toContain("setAttribute('data-rendered', 'true')");
    // Ids inside the inline SVGs are made unique per chart.
    const ids = [...ownParts(html).matchAll(/<svg[\s\S]*?<\/svg>/g)].flatMap((svg) => [...svg[0].matchAll(/\sid="([^"]+)"/g)].map((x) => x[1]));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('puts the answer first, then the charts, the detail and provenance', () => {
    const at = (s: string) => html.indexOf(s);
    expect(at('id="answer"')).toBeGreaterThan(0);
    expect(at('id="answer"')).toBeLessThan(at('id="charts"'));
    expect(at('id="charts"')).toBeLessThan(at('id="regions"'));
    expect(at('id="regions"')).toBeLessThan(at('id="assumptions"'));
    expect(at('id="assumptions"')).toBeLessThan(at('id="provenance"'));
    expect(html).toContain('@media print');
    expect(html).toContain(result.summary.scenario.sha256);
    expect(html).toContain(`How to read this:`);
  });

  it('states each target with its probability, interval and dates', () => {
    const page = ownParts(html);
    const t = result.summary.targets[1]!;
    expect(page).toContain(t.label);
    expect(page).toContain('31 Dec 2027');
    expect(page).toContain('Chance of meeting all targets');
    expect(page).toMatch(/P50<br>P80<br>P90/);
  });

  it('has a convergence figure and no stopping-rule sentence for a run of fixed size', () => {
    expect(html).toContain('data-chart="convergence"');
    expect(ownParts(html)).not.toContain('half-width');
    expect(ownParts(html)).not.toContain('<dt>Run</dt>');
  });

  it('states the stopping rule and the run date when given', async () => {
    const r = makeRunResult({ runs: 300, precision: { halfWidth: 0.02, reached: true, maxRuns: 10_000 } });
    const page = ownParts(reportHtml(r, await buildCharts(r), '2026-03-01T10:22:33.120Z'));
    expect(page).toContain('The run stopped at 300 replications, when every target’s 95% half-width was at most 2 percentage points.');
    expect(page.indexOf('The run stopped at')).toBeLessThan(page.indexOf('id="charts"'));
    expect(page).toContain('<dt>Run</dt><dd><time datetime="2026-03-01T10:22:33.120Z">2026-03-01 10:22 UTC</time></dd>');
    const capped = makeRunResult({ runs: 300, precision: { halfWidth: 0.001, reached: false, maxRuns: 300 } });
    expect(ownParts(reportHtml(capped, await buildCharts(capped)))).toContain('The run reached its maximum of 300 replications before every target’s 95% half-width was at most 0.1 percentage points');
  }, 60_000);

  it('writes a malicious label as text, never as markup', () => {
    const page = ownParts(html);
    expect(page).not.toContain(EVIL);
    expect(page).not.toMatch(/<script>alert/);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // and only our own script elements exist
    const scriptTags = page.match(/<script\b[^>]*>/g) ?? [];
    expect(scriptTags.every((s) => s === '<script>' || s === '<script type="application/json" id="chart-specs">')).toBe(true);
    expect(scriptTags).toHaveLength(5);
  });
});
