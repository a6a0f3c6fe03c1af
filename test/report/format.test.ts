import { describe, expect, it } from 'vitest';
import { escapeHtml, humanDate, int, jsonForScript, num, pct, pctTenth, ptsShown, sig } from '../../src/report/format.js';

describe('format', () => {
  it('rounds to significant digits, leaving integers alone', () => {
    expect(sig(0.1 + 0.2)).toBe(0.3);
    expect(sig(1 / 3)).toBe(0.333333);
    expect(sig(123456789)).toBe(123456789);
    expect(sig(-0)).toBe(0);
    expect(Object.is(sig(-1e-30 * 0), 0)).toBe(true);
    expect(sig(0.000123456789)).toBe(0.000123457);
  });

  it('writes percents for people', () => {
    expect(pct(0.587)).toBe('59%');
    expect(pct(0)).toBe('0%');
    expect(pct(1)).toBe('100%');
    expect(pct(0.004)).toBe('0.4%');
    expect(pct(0.9962)).toBe('99.6%');
    expect(pct(0.99999)).toBe('99.9%');
    // Short of the 90 % target is never shown as it: Abai's fibre ceiling of 0.896 read '90%' beside 'ceiling >= 90 %: 35 %'.
    expect(pct(0.896)).toBe('89.6%');
    expect(pct(0.89999)).toBe('89.9%');
    expect(pct(0.894)).toBe('89%');
    expect(pct(0.9)).toBe('90%');
    expect(pct(null)).toBe('–');
  });

  // Whole percents hid the news below 10 % and above 90 %: a chance of 1.5 % read '2%' beside
  // '0.7%' and a change of '−0.8 pts', and an interval read '0.3%–4%'.
  it('gives percents below 10 % and above 90 % one decimal, whole ones between', () => {
    expect(pct(0.015)).toBe('1.5%');
    expect(pct(0.043)).toBe('4.3%');
    expect(pct(0.093)).toBe('9.3%');
    expect(pct(0.0996)).toBe('10%');
    expect(pct(0.105)).toBe('11%');
    expect(pct(0.9)).toBe('90%');
    expect(pct(0.938)).toBe('93.8%');
  });

  it('writes a difference of two percents as they are shown, so the figures beside it add up', () => {
    expect(ptsShown(0.015, 0.007)).toBe('−0.8 pts');
    // 46.6 % and 51.4 % show as 47% and 51%: 4 points apart, not the unrounded 4.8 ('5 pts').
    expect(ptsShown(0.466, 0.514)).toBe('+4 pts');
    expect(ptsShown(0.466, 0.514, 1)).toBe('+4.0 pts');
    expect(ptsShown(0.085, 0.12)).toBe('+3.5 pts');
    expect(ptsShown(0.34, 0.34)).toBe('0 pts');
  });

  it('writes numbers without eating integer zeros', () => {
    expect(num(250, 0)).toBe('250');
    expect(num(40000, 1)).toBe('40,000');
    expect(num(3.2)).toBe('3.2');
    expect(num(3.25, 1)).toMatch(/^3\.[23]$/);
    expect(num(100)).toBe('100');
    expect(num(-0.001)).toBe('0');
    expect(int(6179)).toBe('6,179');
  });

  it('writes dates without locale or time zone', () => {
    expect(humanDate('2026-12-31')).toBe('31 Dec 2026');
    expect(humanDate('2027-01-01')).toBe('1 Jan 2027');
    expect(humanDate(null)).toBe('not within horizon');
  });

  it('escapes HTML and script-embedded JSON', () => {
    expect(escapeHtml('<script>alert("x") & \'y\'</script>')).toBe('&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;');
    const j = jsonForScript({ a: '</script><!-- x \u2028' });
    expect(j).not.toMatch(/[<>\u2028]/);
    expect(JSON.parse(j)).toEqual({ a: '</script><!-- x \u2028' });
  });
});

describe('run dates and differences', () => {
  it('writes a run date for people, keeping its zone', async () => {
    const { runDateText } = await import('../../src/report/format.js');
    expect(runDateText('2026-03-01T10:22:33.120Z')).toBe('2026-03-01 10:22 UTC');
    expect(runDateText('2026-03-01T10:22:33+05:00')).toBe('2026-03-01 10:22 UTC+05:00');
    expect(runDateText('2026-03-01T10:22')).toBe('2026-03-01 10:22');
    expect(runDateText('2026-03-01')).toBe('2026-03-01');
    expect(runDateText('yesterday')).toBe('yesterday');
  });

  it('writes differences in signed percentage points', async () => {
    const { pts, ptsWithInterval, ptsInterval } = await import('../../src/report/format.js');
    expect(pts(0.163)).toBe('+16 pts');
    expect(pts(-0.005)).toBe('−0.5 pts');
    expect(pts(0)).toBe('0 pts');
    expect(ptsWithInterval(0.163, [0.14, 0.19])).toBe('+16 pts (+14 to +19)');
    expect(ptsWithInterval(0.014, [-0.002, 0.027])).toBe('+1.4 pts (−0.2 to +2.7)');
    expect(ptsInterval([-0.05, 0.04])).toBe('−5.0 to +4.0 pts');
  });
});

describe("a target's value at its deadline", () => {
  it('is a percent for a share and a number of settlements for a count, and so are differences', async () => {
    const { targetValue, valueNoun, valueDiff } = await import('../../src/report/format.js');
    expect(targetValue('fibre-share', 0.62)).toBe('62%');
    expect(targetValue('count', 2606)).toBe('2,606');
    expect(targetValue('count', NaN)).toBe('–');
    expect([valueNoun('count'), valueNoun('coverage-share'), valueNoun('motorway-share')]).toEqual(['count', 'share', 'share']);
    expect(valueDiff('coverage-share', 0.084)).toBe('+8.4 points');
    expect(valueDiff('count', -12.54)).toBe('−12.5 settlements');
    expect(valueDiff('count', 3, false)).toBe('+3');
  });
});

describe('pctTenth', () => {
  it('rounds a tenth of a point half up, as the goal and allocation sentences do', () => {
    expect(pctTenth(0.1425)).toBe('14.3%');
    expect(pctTenth(0.90125)).toBe('90.1%');
    expect(pctTenth(0.9)).toBe('90.0%');
    expect(pctTenth(-0.00001)).toBe('0.0%');
  });
});
