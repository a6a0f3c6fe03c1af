import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { compile, type TopLevelSpec } from 'vega-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SensitivityResult } from '../../src/montecarlo/analysis-result.js';
import { buildSensitivityCharts, sensitivityHtml, sensitivityJson, writeSensitivity, type ChartFile } from '../../src/report/index.js';
import { makeSensitivity } from '../fixtures/sensitivity-result.js';
import { tornadoSpec } from '../../src/report/charts/sensitivity.js';

const EVIL = '<script>alert(1)</script>';
const NAMES = ['tornado-fibre-2026', 'tornado-share-fibre-2026', 'tornado-coverage-2027', 'tornado-share-coverage-2027', 'spearman'];
const RUN_DATE = '2026-03-01T10:22:33Z';

function has(text: string, part: string, yes = true): void {
  expect(text.includes(part), `${yes ? 'expected' : 'did not expect'} ${JSON.stringify(part)}`).toBe(yes);
}

function scrambled<T>(v: T): T {
  const rev = (o: unknown): unknown => {
    if (Array.isArray(o)) return o.map(rev);
    if (o && typeof o === 'object') return Object.fromEntries(Object.entries(o).reverse().map(([k, x]) => [k, rev(x)]));
    return o;
  };
  return rev(v) as T;
}

function ownParts(html: string): string {
  return html.replace(/<script>(?:(?!<\/script>)[\s\S])*<\/script>/g, (m) => (m.length > 20_000 ? '<script>/*lib*/</script>' : m));
}

/** The vertical position in the SVG of the text element showing `label` (its translate's y). */
function yOf(svg: string, label: string): number {
  const esc = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`<text[^>]*transform="translate\\(([-\\d.]+),([-\\d.]+)\\)"[^>]*>${esc}</text>`).exec(svg);
  expect(m, `no text element for ${label}`).not.toBeNull();
  return Number(m![2]);
}

describe('sensitivityJson', () => {
  const s = makeSensitivity();

  it('writes the keys in a fixed order, the swings in the order given', () => {
    const j = JSON.parse(sensitivityJson(scrambled(s)));
    expect(Object.keys(j)).toEqual(['scenario', 'seed', 'runs', 'version', 'base', 'swings', 'correlations']);
    expect(Object.keys(j.scenario)).toEqual(['name', 'file', 'sha256']);
    expect(Object.keys(j.base[0])).toEqual(['id', 'label', 'metric', 'probability', 'dateReachedP50', 'valueAtDeadlineMean']);
    expect(Object.keys(j.swings[0])).toEqual(['input', 'label', 'how', 'low', 'high', 'targets']);
    expect(Object.keys(j.swings[0].targets[0])).toEqual(['id', 'low', 'high', 'swing', 'shareSwing']);
    expect(Object.keys(j.swings[0].targets[0].low)).toEqual(['probability', 'dateReachedP50', 'valueAtDeadlineMean']);
    expect(Object.keys(j.correlations[0])).toEqual(['input', 'label', 'targets']);
    expect(Object.keys(j.correlations[0].targets[0])).toEqual(['id', 'spearman', 'ci95']);
    expect(j.swings.map((w: { input: string }) => w.input)).toEqual(s.swings.map((w) => w.input));
  });

  it('is byte-stable and free of timestamps', () => {
    const a = sensitivityJson(s);
    expect(sensitivityJson(scrambled(s))).toBe(a);
    expect(a.endsWith('}\n')).toBe(true);
    expect(a).not.toMatch(/\d{2}:\d{2}/);
    const j = JSON.parse(a);
    expect(j.base[0].valueAtDeadlineMean).toBe(0.891235);
    expect(j.base[1].dateReachedP50).toBeNull();
  });
});

describe('buildSensitivityCharts', () => {
  let s: SensitivityResult;
  let charts: ChartFile[];
  const chart = (name: string) => charts.find((c) => c.name === name)!;
  beforeAll(async () => {
    s = makeSensitivity();
    charts = await buildSensitivityCharts(s, { png: true, runDate: RUN_DATE });
  }, 60_000);

  it('builds a tornado per target and the rank-correlation chart, compiling, with their titles and provenance', () => {
    expect(charts.map((c) => c.name)).toEqual(NAMES);
    for (const c of charts) {
      expect(() => compile(c.spec as TopLevelSpec), c.name).not.toThrow();
      has(c.svg, c.title);
      has(c.svg, `sha256 ${s.scenario.sha256.slice(0, 12)}`);
      has(c.svg, `seed ${s.seed}`);
      has(c.svg, '500 runs per variant');
      has(c.svg, 'run 2026-03-01 10:22 UTC');
      expect(c.png!.length).toBeGreaterThan(10_000);
    }
    has(charts[0]!.svg, 'What moves the chance of “90% of villages on fibre by end-2026”?');
  });

  it('sorts each tornado by swing, the largest on top', () => {
    for (const id of ['fibre-2026', 'coverage-2027']) {
      const svg = chart(`tornado-${id}`).svg;
      const base = s.base.find((b) => b.id === id)!.probability;
      const expected = s.swings
        .map((w) => ({ label: w.label, t: w.targets.find((t) => t.id === id)! }))
        .filter(({ t }) => t.low.probability !== base || t.high.probability !== base)
        .map(({ label, t }) => ({ label, swing: t.swing }))
        .sort((a, b) => b.swing - a.swing || a.label.localeCompare(b.label));
      const ys = expected.map((e) => yOf(svg, e.label));
      for (let k = 1; k < ys.length; k++) expect(ys[k], expected[k]!.label).toBeGreaterThan(ys[k - 1]!);
    }
    // The fixture's largest fibre swing is the crews lever, the largest coverage swing the mast permit.
    expect(yOf(chart('tornado-fibre-2026').svg, 'Fibre crews in every region (×)')).toBeLessThan(yOf(chart('tornado-fibre-2026').svg, 'Distance to the backbone (km)'));
    expect(yOf(chart('tornado-coverage-2027').svg, 'Mast permit time (days)')).toBeLessThan(yOf(chart('tornado-coverage-2027').svg, 'Fibre crews in every region (×)'));
  });

  it('labels each bar with the input’s low and high values and how they were chosen, and marks the base', () => {
    const svg = charts[0]!.svg;
    has(svg, '−/+20 %: 0.8 → 1.2');
    has(svg, 'P10 / P90: 9.28 → 43.1');
    has(svg, 'never / twice as likely: 0 → 0.5');
    has(svg, 'Base 43%');
    has(svg, 'swing 43 pts');
    // Both ends on the same side of the base: one label saying which is which.
    has(svg, 'low 41% · high 42%');
    // Inputs that did not move it are left out and counted.
    has(svg, 'Left out: 2 inputs whose swing rounds to 0 pts (they did not move this chance at all).');
    has(svg, '>Mast permit time (days)<', false);
  });

  it('draws the rank correlations from −1 to 1, strongest first', () => {
    const svg = chart('spearman').svg;
    has(svg, 'National productivity factor');
    has(svg, '+0.61');
    has(svg, '−0.38');
    expect(yOf(svg, 'National productivity factor')).toBeLessThan(yOf(svg, 'National cost overrun factor'));
    expect(yOf(svg, 'National cost overrun factor')).toBeLessThan(yOf(svg, 'Fibre survey and design time (days), mean per job'));
    const x = JSON.stringify(chart('spearman').spec);
    expect(x).toContain('"domain":[-1,1]');
  });
});

describe('sensitivityHtml', () => {
  let html: string;
  let charts: ChartFile[];
  beforeAll(async () => {
    const s = makeSensitivity({ label: EVIL, inputLabel: EVIL, runs: 200 });
    charts = await buildSensitivityCharts(s);
    html = sensitivityHtml(s, charts, RUN_DATE);
  }, 60_000);

  it('is one self-contained page with the answer, the charts, how to read them and their limits, and provenance', () => {
    expect(html).not.toMatch(/<script[^>]*\ssrc\s*=/i);
    expect(html).not.toMatch(/\s(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).toContain("default-src 'none'");
    const at = (x: string) => html.indexOf(x);
    expect(at('id="answer"')).toBeLessThan(at('id="charts"'));
    expect(at('id="charts"')).toBeLessThan(at('id="limits"'));
    expect(at('id="limits"')).toBeLessThan(at('id="provenance"'));
    const page = ownParts(html);
    expect(page).toContain('ignore interactions');
    expect(page).toContain('not causation');
    expect(page).toContain('diluted for inputs averaged over thousands of settlements');
    expect(page).toContain('Did not move it at all (the same chance at the low and the high value): Mast permit time (days); Satellite procurement lead time (days).');
    expect(page).toContain('2026-03-01 10:22 UTC');
    expect((html.match(/<div class="chart" id="chart-\d+" data-chart="[^"]+">/g) ?? []).length).toBe(5);
  });

  it('writes a malicious target and input label as text, never as markup', () => {
    const page = ownParts(html);
    expect(page).not.toContain(EVIL);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    for (const c of charts) has(c.svg, '<script', false);
    has(charts[0]!.svg, '&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('a target whose chance is pinned near 0 in every setting (the shipped baseline’s)', () => {
  /** The fixture with every chance of the fibre target below 1 %: only the mean shares still move. */
  const pinnedFixture = (): SensitivityResult => {
    const s = makeSensitivity();
    s.base[0]!.probability = 0;
    for (const w of s.swings) {
      const t = w.targets[0]!;
      t.low.probability = 0.002;
      t.high.probability = 0;
      t.swing = 0.002;
    }
    return s;
  };
  let s: SensitivityResult;
  let charts: ChartFile[];
  let html: string;
  beforeAll(async () => {
    s = pinnedFixture();
    charts = await buildSensitivityCharts(s);
    html = ownParts(sensitivityHtml(s, charts, RUN_DATE));
  }, 60_000);

  it('ranks its inputs by the mean share reached by the deadline, and says why', () => {
    expect(html).toContain('Every setting leaves the chance below 1 % or above 99 %, so its swings would rank noise');
    expect(html).toContain('<th class="num">Share at low</th>');
    // The fixture's shares are 0.8 + chance / 10: the crews lever moves the share most (0.821 → 0.864).
    expect(html).toContain('The input that moves the share most is <b>Fibre crews in every region (×)</b>: 82.1% at its low value, 86.4% at its high value (a swing of 4.3 pts).');
    // The other target is not pinned: still by its chance.
    expect(html).toContain('The input that moves it most is <b>Mast permit time (days)</b>');
  });

  it('puts the share’s tornado first for that target, sorted by the share’s swing, and the chance’s after it', () => {
    expect(charts.map((c) => c.name)).toEqual(['tornado-share-fibre-2026', 'tornado-fibre-2026', 'tornado-coverage-2027', 'tornado-share-coverage-2027', 'spearman']);
    const share = charts[0]!;
    expect(() => compile(share.spec as TopLevelSpec)).not.toThrow();
    has(share.svg, 'What moves the share reached by the deadline of “90% of villages on fibre by end-2026”?');
    has(share.svg, 'Mean share reached by the deadline of “90% of villages on fibre by end-2026”');
    // Shares to a tenth, so that a bar's label never reads larger than the one above it (3.2 under '4 pts' below 3.6 under '3 pts').
    has(share.svg, 'swing 4.3 pts');
    const order = s.swings.map((w) => ({ label: w.label, t: w.targets[0]! })).filter(({ t }) => t.shareSwing > 0).sort((a, b) => b.t.shareSwing - a.t.shareSwing || a.label.localeCompare(b.label));
    const ys = order.map((o) => yOf(share.svg, o.label));
    for (let k = 1; k < ys.length; k++) expect(ys[k], order[k]!.label).toBeGreaterThan(ys[k - 1]!);
  });
});

describe('a pinned count target (its values are settlements)', () => {
  it('says and draws the mean count reached by the deadline in settlements, never in percent', async () => {
    const s = makeSensitivity();
    const b = s.base[0]!;
    b.metric = 'count';
    b.probability = 0;
    b.valueAtDeadlineMean = 2412.34;
    for (const w of s.swings) {
      const t = w.targets[0]!;
      t.low.probability = 0; t.high.probability = 0.002; t.swing = 0.002;
      t.low.valueAtDeadlineMean *= 3000; t.high.valueAtDeadlineMean *= 3000; t.shareSwing *= 3000;
    }
    const charts = await buildSensitivityCharts(s);
    const page = ownParts(sensitivityHtml(s, charts, RUN_DATE));
    expect(page).toContain('mean count reached by the deadline: 2,412.3');
    expect(page).toContain('<th class="num">Count at low</th>');
    expect(page).toMatch(/a swing of [\d.,]+ settlements/);
    const share = charts.find((c) => c.name === 'tornado-share-fibre-2026')!;
    has(share.svg, 'What moves the count reached by the deadline of');
    has(share.svg, '(settlements)');
    expect(share.svg).toMatch(/swing [\d.,]+ settlements/);
    expect(JSON.stringify(share.spec).replaceAll(b.label, '')).not.toMatch(/\d%/); // no percent anywhere in the chart (but the target's own label)
  });
});

describe('writeSensitivity', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('writes sensitivity.json, the charts and sensitivity.html, the same bytes twice', async () => {
    const a = await mkdtemp(join(tmpdir(), 'sens-test-'));
    const b = await mkdtemp(join(tmpdir(), 'sens-test-'));
    dirs.push(a, b);
    const s = makeSensitivity();
    const paths = await writeSensitivity(s, a);
    await writeSensitivity(s, b);
    const rel = paths.map((p) => relative(a, p));
    for (const n of NAMES) for (const ext of ['vl.json', 'svg']) expect(rel).toContain(`charts/${n}.${ext}`);
    expect(rel.some((p) => p.endsWith('.png'))).toBe(false);
    expect(rel).toEqual(expect.arrayContaining(['sensitivity.json', 'sensitivity.html']));
    const onDisk = [...(await readdir(a)).filter((f) => f !== 'charts'), ...(await readdir(join(a, 'charts'))).map((f) => `charts/${f}`)];
    expect(onDisk.sort()).toEqual([...rel].sort());
    expect(await readFile(join(a, 'sensitivity.json'), 'utf8')).toBe(sensitivityJson(s));
    for (const p of paths) {
      const r = relative(a, p);
      expect(await readFile(join(b, r), 'utf8'), r).toBe(await readFile(p, 'utf8'));
    }
  }, 60_000);
});

// “47% at its low value, 51% at its high value (a swing of 5 pts)” beside a row “51% → 47%, 4 pts”:
// the swing was the unrounded 4.8 points, the figures whole percents.
describe('a swing between whole percents', () => {
  it('is the difference of the percents shown, in the sentence and in its row', () => {
    const s = makeSensitivity();
    const top = s.swings[0]!.targets[0]!;
    top.low.probability = 0.466;
    top.high.probability = 0.514;
    top.swing = 0.048;
    for (const w of s.swings.slice(1)) {
      const t = w.targets[0]!;
      t.low.probability = t.high.probability = s.base[0]!.probability;
      t.swing = 0;
    }
    const page = ownParts(sensitivityHtml(s, [], RUN_DATE));
    expect(page).toContain('47% at its low value, 51% at its high value (a swing of 4 pts)');
    expect(page).toMatch(/>47%<\/td><td class="num[^"]*">51%<\/td><td class="num"><b>4 pts<\/b><\/td>/);
    // And the tornado chart beside them says the same.
    const labels = JSON.stringify(tornadoSpec(s, s.base[0]!.id, RUN_DATE));
    expect(labels).toContain('"swing 4 pts"');
    expect(labels).not.toContain('"swing 5 pts"');
  });
});
