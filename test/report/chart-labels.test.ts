import { describe, expect, it } from 'vitest';
import { fitLabel, wrapLabel } from '../../src/report/charts/common.js';
import { fanChartSpec } from '../../src/report/charts/fan-chart.js';
import { spearmanSpec, tornadoSpec } from '../../src/report/charts/sensitivity.js';
import { textWidth } from '../../src/report/text-metrics.js';
import { makeSensitivity } from '../fixtures/sensitivity-result.js';
import { makeRunResult } from '../fixtures/run-result.js';

const PROGRAMME = 'Kazakhtelecom investment agreement (operator money)';
const BOLD = { fontSize: 13, fontWeight: 'bold' };

interface Drawn { text: string; lines: string[]; fontSize: number; fontWeight?: string; limit: number }

/** Every text a spec's text marks draw from their data's `field` (`label` by default), with the mark's font and Vega `limit`. */
function drawnLabels(spec: unknown, textField = 'label'): Drawn[] {
  const out: Drawn[] = [];
  const walk = (x: unknown, values: unknown[] | undefined) => {
    if (Array.isArray(x)) return x.forEach((y) => walk(y, values));
    if (!x || typeof x !== 'object') return;
    const o = x as Record<string, unknown>;
    const own = (o.data as { values?: unknown[] } | undefined)?.values ?? values;
    const mark = o.mark as { type?: string; fontSize?: number; fontWeight?: string; limit?: number } | undefined;
    const field = ((o.encoding as { text?: { field?: string } } | undefined)?.text)?.field;
    if (mark?.type === 'text' && field === textField && own && mark.limit) {
      // A mark that draws only the names of n lines (filter 'length(datum.label) == n').
      const only = /length\(datum\.\w+\) == (\d+)/.exec(JSON.stringify(o.transform ?? ''))?.[1];
      for (const v of own) {
        const t = (v as Record<string, string | string[]>)[textField]!;
        if (only !== undefined && (Array.isArray(t) ? t.length : 1) !== Number(only)) continue;
        const lines = Array.isArray(t) ? t : [t];
        out.push({ text: lines.join(' '), lines, fontSize: mark.fontSize ?? 11, fontWeight: mark.fontWeight, limit: mark.limit });
      }
    }
    for (const [k, v] of Object.entries(o)) if (k !== 'data') walk(v, own);
  };
  walk(spec, undefined);
  return out;
}

describe('chart labels too long for their room', () => {
  it('are shortened in the middle, keeping what tells two of a programme’s inputs apart', () => {
    const a = fitLabel(`${PROGRAMME}: top-up granted (probability)`, 360, BOLD);
    const b = fitLabel(`${PROGRAMME}: money every year (×)`, 360, BOLD);
    expect(a).toMatch(/^Kazakhtelecom.*…: top-up granted \(probability\)$/);
    expect(b).toMatch(/^Kazakhtelecom.*…: money every year \(×\)$/);
    for (const s of [a, b]) expect(textWidth(BOLD, s)).toBeLessThanOrEqual(360);
    // One that fits is left alone; one with no short ': ' tail keeps whole words of its start.
    expect(fitLabel('National distance factor', 360, BOLD)).toBe('National distance factor');
    const risk = fitLabel("Risk: Budget sequestration cuts the year's DARE grant money (occurrences)", 330, { fontSize: 12 });
    expect(risk).toBe("Risk: Budget sequestration cuts the year's DARE …");
    expect(textWidth({ fontSize: 12 }, risk)).toBeLessThanOrEqual(330);
  });

  it('no longer read the same on two rows of a tornado or of the correlations chart', () => {
    const s = makeSensitivity();
    s.swings[1]!.label = `${PROGRAMME}: top-up granted (probability)`;
    s.swings[4]!.label = `${PROGRAMME}: money every year (×)`;
    s.correlations[1]!.label = `${PROGRAMME}: top-up granted (occurrences)`;
    s.correlations[2]!.label = `${PROGRAMME}: money every year (×)`;
    for (const spec of [tornadoSpec(s, 'fibre-2026'), tornadoSpec(s, 'coverage-2027', undefined, 'share'), spearmanSpec(s)]) {
      const drawn = drawnLabels(spec);
      expect(drawn.length).toBeGreaterThan(3);
      // Each fits its room, so Vega draws it whole (its limit would cut the end), and no two read the same.
      for (const d of drawn) for (const line of d.lines) expect(textWidth(d, line), line).toBeLessThanOrEqual(d.limit);
      expect(new Set(drawn.map((d) => d.text)).size).toBe(drawn.length);
      expect(drawn.filter((d) => d.text.startsWith('Kazakhtelecom'))).toHaveLength(2);
    }
  });
});

describe('the coverage fan’s subtitle', () => {
  it('names a target it has no line for (one that counts mobile coverage), as the README says', () => {
    const r = makeRunResult({ runs: 200 });
    const networks = { ...r.summary.targets[1]!, id: 'networks-2027', label: '100 % covered by communication networks by end 2027', metric: 'share' as const, services: ['backbone-fibre', 'satellite', 'mobile'] };
    r.summary.targets.push(networks);
    const subtitle = (fanChartSpec(r) as { title: { subtitle: string[] } }).title.subtitle;
    expect(subtitle).toContain('“100 % covered by communication networks by end 2027”');
    expect(subtitle.join(' ')).not.toContain('the others');
    // Every target drawn: nothing to name.
    expect((fanChartSpec(makeRunResult({ runs: 200 })) as { title: { subtitle: string[] } }).title.subtitle.join(' ')).not.toContain('Not drawn');
  });
});

describe('the correlation (drivers) chart’s legend', () => {
  it('has room for every target’s whole label (one a line when they do not fit side by side)', () => {
    const s = makeSensitivity();
    s.base[0]!.label = '90 % of rural settlements on fibre by end 2026';
    s.base[1]!.label = '100 % of settlements covered by communication networks by end 2027';
    const legend = JSON.parse(JSON.stringify(spearmanSpec(s))).vconcat[0].layer[0].layer[0].encoding.color.legend as { labelLimit: number };
    for (const b of s.base) expect(textWidth({ fontSize: 13 }, b.label), b.label).toBeLessThanOrEqual(legend.labelLimit);
  });

  it('wrap onto two lines that keep the whole label where it fits on two (the drivers and tornado names the audit found cut)', () => {
    const s = makeSensitivity();
    const long = [
      'Fibre capacity: days to the first new crews (tender and mobilisation)',
      'Risk: Harsh winter delays the thaw in the north (occurrences)',
      'Top-up granted: Kazakhtelecom investment agreement (operator money)',
      `${PROGRAMME}: money every year (×)`,
    ];
    long.forEach((l, i) => { s.correlations[i]!.label = l; s.swings[i]!.label = l; });
    // Every correlation is drawn; a tornado leaves out the inputs that do not move its target.
    for (const [spec, least] of [[spearmanSpec(s), 4], [tornadoSpec(s, 'fibre-2026'), 3]] as const) {
      const drawn = drawnLabels(spec);
      expect(drawn.filter((x) => long.includes(x.text)).length).toBeGreaterThanOrEqual(least);
      for (const l of long) {
        const d = drawn.find((x) => x.text === l);
        if (!d) continue;
        expect(d!.lines).toHaveLength(2);
        for (const line of d!.lines) expect(textWidth(d!, line), line).toBeLessThanOrEqual(d!.limit);
      }
    }
    const two = wrapLabel(`${PROGRAMME}: money every year (×)`, 360, BOLD);
    expect(two.join(' ')).toBe(`${PROGRAMME}: money every year (×)`);
    expect(two[1]).toMatch(/money every year \(×\)$/);
    expect(wrapLabel('National distance factor', 360, BOLD)).toEqual(['National distance factor']);
  });

  it('leave out of a tornado the inputs whose swing shows as 0 pts, and count them in its note', () => {
    const s = makeSensitivity();
    // A swing of 0.04 points: it moved the share, but shows as 'swing 0 pts'.
    const t = s.swings[0]!.targets[0]!;
    const base = s.base[0]!.valueAtDeadlineMean;
    s.swings[0]!.targets[0] = { ...t, low: { ...t.low, valueAtDeadlineMean: base - 0.0002 }, high: { ...t.high, valueAtDeadlineMean: base + 0.0002 }, shareSwing: 0.0004 };
    const json = JSON.stringify(tornadoSpec(s, 'fibre-2026', undefined, 'share'));
    expect(json).not.toContain('swing 0 pts');
    const left = /Left out: (\d+) inputs? whose swing rounds to 0 pts/.exec(json);
    expect(left).not.toBeNull();
    const drawn = (json.match(/"swing":"swing [^"]+"/g) ?? []).length;
    expect(drawn + Number(left![1])).toBe(s.swings.length);
  });

  it('print a correlation that rounds to zero as 0.00, with no sign', () => {
    const s = makeSensitivity();
    s.correlations[0]!.targets[0] = { id: 'fibre-2026', spearman: -0.004, ci95: [-0.1, 0.09] };
    const json = JSON.stringify(spearmanSpec(s));
    expect(json).toContain('"text":"0.00 (could be 0)"');
    expect(json).not.toMatch(/"text":"[−+-]0\.00/);
  });
});
