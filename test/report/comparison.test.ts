import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { compile, type TopLevelSpec } from 'vega-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComparisonResult } from '../../src/montecarlo/analysis-result.js';
import { buildComparisonCharts, comparisonHtml, comparisonJson, writeComparison, type ChartFile } from '../../src/report/index.js';
import { compareDifferencesSpec, compareFansSpec, compareProbabilitySpec } from '../../src/report/charts/compare.js';
import { pct, ptsWithInterval } from '../../src/report/format.js';
import { makeComparison } from '../fixtures/comparison-result.js';
import { renderSvg } from '../../src/report/render-svg.js';

const EVIL = '<script>alert(1)</script>';
const NAMES = ['compare-probability', 'compare-differences', 'compare-fans'];
const RUN_DATE = '2026-03-01T10:22:33.120Z';

function has(text: string, part: string, yes = true): void {
  expect(text.includes(part), `${yes ? 'expected' : 'did not expect'} ${JSON.stringify(part)}`).toBe(yes);
}

/** The same value with every object's keys in reverse order. */
function scrambled<T>(v: T): T {
  const rev = (o: unknown): unknown => {
    if (Array.isArray(o)) return o.map(rev);
    if (o && typeof o === 'object') return Object.fromEntries(Object.entries(o).reverse().map(([k, x]) => [k, rev(x)]));
    return o;
  };
  return rev(v) as T;
}

/** The page without the three inlined library builds. */
function ownParts(html: string): string {
  return html.replace(/<script>(?:(?!<\/script>)[\s\S])*<\/script>/g, (m) => (m.length > 20_000 ? '<script>/*lib*/</script>' : m));
}

describe('comparisonJson', () => {
  const c = makeComparison({ runs: 400 });

  it('writes the keys in a fixed order', () => {
    const j = JSON.parse(comparisonJson(scrambled(c)));
    expect(Object.keys(j)).toEqual(['reference', 'seed', 'runs', 'version', 'options', 'targets', 'joint']);
    expect(j.reference).toBe('baseline');
    expect(Object.keys(j.options[0])).toEqual(['name', 'file', 'sha256']);
    expect(j.options.map((o: { name: string }) => o.name)).toEqual(['baseline', 'permit-reform', 'more-crews', 'satellite-remote']);
    const t = j.targets[0];
    expect(Object.keys(t)).toEqual(['id', 'label', 'metric', 'threshold', 'deadline', 'options', 'differences']);
    expect(Object.keys(t.options[0])).toEqual(['name', 'probability', 'ci95', 'valueAtDeadline', 'dateReachedP50']);
    expect(Object.keys(t.options[0].valueAtDeadline)).toEqual(['p10', 'p50', 'p90']);
    expect(t.differences).toHaveLength(3);
    expect(Object.keys(t.differences[0])).toEqual(['option', 'probability', 'ci95', 'independentCi95', 'gained', 'lost', 'valueAtDeadline']);
    expect(Object.keys(t.differences[0].valueAtDeadline)).toEqual(['mean', 'ci95']);
    expect(Object.keys(j.joint)).toEqual(['options', 'differences']);
    expect(Object.keys(j.joint.options[0])).toEqual(['name', 'probability', 'ci95']);
    expect(Object.keys(j.joint.differences[0])).toEqual(['option', 'probability', 'ci95', 'independentCi95', 'gained', 'lost']);
  });

  it('is byte-stable: same comparison, same bytes, whatever the key order or float noise; no results objects, no timestamps', () => {
    const a = comparisonJson(c);
    expect(comparisonJson(scrambled(c))).toBe(a);
    const noisy: ComparisonResult = {
      ...c,
      targets: c.targets.map((t) => ({ ...t, perOption: t.perOption.map((p) => ({ ...p, probability: { ...p.probability, value: p.probability.value + 1e-15 } })) })),
    };
    expect(comparisonJson(noisy)).toBe(a);
    expect(a.endsWith('}\n')).toBe(true);
    expect(a.split('\n')[1]).toBe('  "reference": "baseline",');
    expect(a).not.toMatch(/\d{2}:\d{2}/);
    expect(a).not.toMatch(/timeseries|"input"|elapsed/);
  });

  it('rounds fractions to 6 significant digits and keeps counts as integers', () => {
    const j = JSON.parse(comparisonJson(c));
    const d = j.targets[0].differences[0];
    expect(Number.isInteger(d.gained) && Number.isInteger(d.lost)).toBe(true);
    const digits = (x: number) => (Number.isInteger(x) ? 0 : x.toPrecision(15).replace(/0+$/, '').replace(/^-?0\.0*/, '').replace('.', '').length);
    for (const x of [d.probability, ...d.ci95, ...d.independentCi95, d.valueAtDeadline.mean, j.targets[0].options[1].probability]) expect(digits(x)).toBeLessThanOrEqual(6);
    expect(d.probability).toBeCloseTo(c.targets[0]!.differences[0]!.probability.value, 5);
  });
});

describe('buildComparisonCharts', () => {
  let c: ComparisonResult;
  let charts: ChartFile[];
  beforeAll(async () => {
    c = makeComparison({ runs: 400 });
    charts = await buildComparisonCharts(c, { png: true, runDate: RUN_DATE });
  }, 60_000);

  it('builds the three charts, compiling, with data inlined', () => {
    expect(charts.map((x) => x.name)).toEqual(NAMES);
    for (const ch of charts) {
      expect(() => compile(ch.spec as TopLevelSpec), ch.name).not.toThrow();
      expect(JSON.stringify(ch.spec)).not.toMatch(/"url"\s*:/);
      expect(ch.howToRead, ch.name).toBeTruthy();
    }
  });

  it('renders SVGs with the title and every option’s name and sha256 prefix, seed, runs, version and date in the footer', () => {
    for (const ch of charts) {
      expect(ch.svg.startsWith('<svg'), ch.name).toBe(true);
      has(ch.svg, ch.title);
      for (const o of c.options) {
        has(ch.svg, `&quot;${o.identity.name}&quot; sha256 ${o.identity.sha256.slice(0, 12)}`);
      }
      has(ch.svg, `seed ${c.seed}`);
      has(ch.svg, '400 runs per option');
      has(ch.svg, `rollout-sim ${c.version}`);
      has(ch.svg, 'run 2026-03-01 10:22 UTC');
      expect(Array.from(ch.png!.slice(0, 4))).toEqual([0x89, 0x50, 0x4e, 0x47]);
    }
  });

  it('marks the reference, draws the paired and independent intervals and says why they differ', () => {
    const [prob, diff, fans] = charts as [ChartFile, ChartFile, ChartFile];
    has(prob.svg, 'baseline (reference)');
    for (const t of c.targets) has(prob.svg, t.label);
    has(prob.svg, 'All targets together');
    has(diff.svg, 'Common random numbers');
    has(diff.svg, 'narrower');
    const d = c.targets[0]!.differences[1]!;
    has(diff.svg, `gained ${d.gained} · lost ${d.lost} of 400 futures`);
    const text = JSON.stringify(diff.spec);
    expect(text).toContain('"ilo"');
    expect(text).toContain('"zero"');
    has(fans.svg, 'Settlements on fibre');
    has(fans.svg, c.targets[0]!.label);
    for (const o of c.options) has(fans.svg, o.identity.name);
  });

  it('leaves the date out when none is given', async () => {
    const two = makeComparison({ runs: 100, options: 2 });
    const plain = await buildComparisonCharts(two);
    for (const ch of plain) has(ch.svg, 'run 20', false);
  }, 60_000);
});

describe('comparisonHtml', () => {
  let c: ComparisonResult;
  let html: string;
  let charts: ChartFile[];
  beforeAll(async () => {
    c = makeComparison({ runs: 300, label: EVIL, description: EVIL });
    charts = await buildComparisonCharts(c);
    html = comparisonHtml(c, charts, RUN_DATE);
  }, 60_000);

  it('is one self-contained page: no external scripts, styles, images or links', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script[^>]*\ssrc\s*=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\s(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?(?:https?:)?\/\//i);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('@media print');
    const containers = html.match(/<div class="chart" id="chart-\d+" data-chart="[^"]+">/g) ?? [];
    expect(containers).toHaveLength(3);
  });

  it('puts the answer first, then the charts, the options and provenance', () => {
    const at = (s: string) => html.indexOf(s);
    expect(at('id="answer"')).toBeGreaterThan(0);
    expect(at('id="answer"')).toBeLessThan(at('id="charts"'));
    expect(at('id="charts"')).toBeLessThan(at('id="options"'));
    expect(at('id="options"')).toBeLessThan(at('id="provenance"'));
    const page = ownParts(html);
    const d = c.targets[1]!.differences[0]!;
    expect(page).toContain(`${d.gained} / ${d.lost}`);
    expect(page).toContain('independent runs:');
    for (const o of c.options) expect(page).toContain(o.identity.sha256);
    expect(page).toContain('<time datetime="2026-03-01T10:22:33.120Z">2026-03-01 10:22 UTC</time>');
    expect(page).toContain(`rollout compare ${c.options.map((o) => o.identity.file).join(' ')} --seed ${c.seed} --runs 300`);
    expect(page).toContain('How to read this:');
  });

  it('writes a malicious option description and target label as text, never as markup', () => {
    const page = ownParts(html);
    expect(page).not.toContain(EVIL);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const tags = page.match(/<script\b[^>]*>/g) ?? [];
    expect(tags.every((s) => s === '<script>' || s === '<script type="application/json" id="chart-specs">')).toBe(true);
    for (const ch of charts) has(ch.svg, '<script', false);
    has(charts[0]!.svg, '&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('writeComparison', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('writes comparison.json, the charts and comparison.html, and nothing else', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'compare-test-'));
    dirs.push(dir);
    const c = makeComparison({ runs: 200, options: 3 });
    const paths = await writeComparison(c, dir, { png: true, runDate: RUN_DATE });
    const rel = paths.map((p) => relative(dir, p));
    for (const n of NAMES) for (const ext of ['vl.json', 'svg', 'png']) expect(rel).toContain(`charts/${n}.${ext}`);
    expect(rel).toEqual(expect.arrayContaining(['comparison.json', 'comparison.html']));
    const onDisk = [...(await readdir(dir)).filter((f) => f !== 'charts'), ...(await readdir(join(dir, 'charts'))).map((f) => `charts/${f}`)];
    expect(onDisk.sort()).toEqual([...rel].sort());
    const json = await readFile(join(dir, 'comparison.json'), 'utf8');
    expect(json).toBe(comparisonJson(c));
    expect(json).not.toContain('2026-03-01T');
  }, 60_000);
});

/** The comparison with every option's chance of every target (and all together) pinned at 0, the shares still apart. */
function pinnedAtZero(c: ComparisonResult): ComparisonResult {
  const zero = (p: { probability: { value: number; ci95: [number, number] } }) => ({ ...p, probability: { value: 0, ci95: [0, 0.02] as [number, number] } });
  const flat = (d: ComparisonResult['targets'][number]['differences'][number]) => ({ ...d, probability: { value: 0, ci95: [-0.025, 0.025] as [number, number] }, gained: 0, lost: 0 });
  return {
    ...c,
    targets: c.targets.map((t, i) => ({
      ...t,
      perOption: t.perOption.map(zero),
      differences: t.differences.map((d, k) => ({ ...flat(d), valueAtDeadline: { value: 0.01 * (i + 1) * (k + 1), ci95: [0.01 * (i + 1) * (k + 1) - 0.004, 0.01 * (i + 1) * (k + 1) + 0.004] } })),
    })),
    joint: { perOption: c.joint.perOption.map(zero), differences: c.joint.differences.map(flat) },
  };
}

describe('a comparison whose chances are pinned near 0 in every option', () => {
  let c: ComparisonResult;
  let prob: ChartFile;
  let diff: ChartFile;
  beforeAll(async () => {
    c = pinnedAtZero(makeComparison({ runs: 200 }));
    [prob, diff] = (await buildComparisonCharts(c)) as [ChartFile, ChartFile, ChartFile];
  }, 60_000);

  it('plots the paired difference in the share reached by the deadline, and says why', () => {
    has(diff.svg, 'the chance is below 1 % in every option: the difference in the share reached by the deadline instead');
    has(diff.svg, 'Difference in the mean share reached by the deadline');
    has(diff.svg, 'Difference in chance vs', false);
    const d = c.targets[1]!.differences[2]!.valueAtDeadline;
    has(diff.svg, ptsWithInterval(d.value, d.ci95, 1));
    // The dots sit at the share differences, not at the chance's 0.
    const rows = JSON.stringify(diff.spec);
    expect(rows).toContain(`"d":${d.value}`);
    // No independent-runs bar: the comparison has none for the share. All targets together has no share: left out, saying so.
    expect(rows).not.toContain('"field":"ilo"');
    has(diff.svg, 'All targets together is left out');
  });

  it('keeps the chance where a target is not pinned', () => {
    const mixed = pinnedAtZero(makeComparison({ runs: 200 }));
    const live = makeComparison({ runs: 200 }).targets[0]!;
    mixed.targets[0] = live;
    const spec = JSON.stringify(compareDifferencesSpec(mixed));
    expect(spec).toContain('Difference in chance vs');
    expect(spec).toContain('Difference in the mean share reached by the deadline');
    expect(spec).toContain(`"d":${live.differences[0]!.probability.value}`);
  });

  it('says in the probability chart that its bars cannot tell the options apart, and shows each option’s share reached', () => {
    has(prob.svg, 'cannot tell the options apart');
    const v = c.targets[0]!.perOption[1]!.valueAtDeadline;
    has(prob.svg, `reaches ${pct(v.p50)} by the deadline`);
  });
});

describe('compare-fans', () => {
  it('names two options whose medians coincide, and draws each option in its own dash over the reference', () => {
    const c = makeComparison({ runs: 200 });
    const same = { ...c.options[1]!, result: { ...c.options[1]!.result, timeseries: c.options[0]!.result.timeseries } };
    const spec = compareFansSpec({ ...c, options: [c.options[0]!, same, ...c.options.slice(2)] });
    const text = JSON.stringify(spec);
    // The heading line and the pairs wrapped on the lines after it.
    const note = (s: unknown) => {
      const lines = (s as { title: { subtitle: string[] } }).title.subtitle;
      const at = lines.findIndex((l) => l.includes('lie on one another'));
      return at < 0 ? '' : lines.slice(at).join(' ');
    };
    expect(note(spec)).toContain('“baseline (reference)” and “permit-reform”');
    // Five points above the reference everywhere: apart, and not named.
    const apart = { ...same, result: { ...same.result, timeseries: same.result.timeseries.map((p) => ({ ...p, p50: p.p50 + 0.05 })) } };
    expect(note(compareFansSpec({ ...c, options: [c.options[0]!, apart, ...c.options.slice(2)] }))).not.toContain('“permit-reform”');
    const dashes = JSON.parse(text).vconcat[0].vconcat[0].layer[0].layer[1].encoding.strokeDash.scale.range.slice(1).map((d: number[]) => d.join(','));
    expect(new Set(dashes).size).toBe(dashes.length);
  });

  it('stays about as wide as its panels with ten options whose medians all coincide: the pairs and the legend wrap', async () => {
    const c = makeComparison({ runs: 100 });
    const ref = c.options[0]!;
    const options = Array.from({ length: 10 }, (_, k) => (k === 0 ? ref : { ...ref, identity: { ...ref.identity, name: `option-number-${k}` }, result: { ...ref.result, summary: { ...ref.result.summary, scenario: { ...ref.result.summary.scenario, name: `option-number-${k}` } } } }));
    const spec = compareFansSpec({ ...c, options });
    const subtitle = (spec as { title: { subtitle: string[] } }).title.subtitle;
    const pairs = subtitle.slice(subtitle.findIndex((l) => l.includes('lie on one another')) + 1);
    expect(pairs.length).toBeGreaterThan(3);
    expect(pairs.join(' · ').match(/ and /g)).toHaveLength(45); // every pair of ten, named once
    const svg = await renderSvg(spec);
    const width = Number(/<svg[^>]*width="([\d.]+)"/.exec(svg)![1]);
    expect(width).toBeLessThan(1500); // it was 6,128 px, the panels a quarter of it
  }, 60_000);
});

describe('compare-probability', () => {
  it('draws the 0–100 % track as a hairline frame, not a filled bar', () => {
    const text = JSON.stringify(compareProbabilitySpec(makeComparison({ runs: 100 })));
    expect(text).toContain('"filled":false');
    expect(text).not.toContain('#eceff3');
  });
});
