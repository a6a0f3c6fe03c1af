import type { RunResult, TargetSummary } from '../../montecarlo/result.js';
import type { Metric, Technology } from '../../model/input.js';
import { SERVICES, servicesOfTechnologies } from '../../model/services.js';
import { humanDate, int, runDateText } from '../format.js';
import { textWidth } from '../text-metrics.js';

/** A piece of a Vega-Lite spec (kept loose: the compiler checks it, and the tests compile every chart). */
export type Spec = Record<string, unknown>;

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Fonts: the browser picks the first it has; resvg falls back to DejaVu Sans (installed on the build machine). */
export const FONT = 'Helvetica Neue, Helvetica, Arial, DejaVu Sans, sans-serif';

export const COLOURS = {
  fibre: '#1f5fa8',
  coverage: '#2a9d6f',
  motorway: '#7b4fa0',
  joint: '#b4541a',
  target: '#222222',
  deadline: '#c0392b',
  muted: '#666666',
  track: '#eceff3',
  trackLine: '#b6bdc7',
} as const;

/** Shared look: readable fonts, light grid, no chart border. */
export const CONFIG: Spec = {
  font: FONT,
  background: 'white',
  padding: 12,
  view: { stroke: null },
  title: { fontSize: 18, fontWeight: 'bold', subtitleFontSize: 13, subtitleColor: '#444', anchor: 'start', offset: 14, subtitlePadding: 6, color: '#111' },
  // Tick labels closer than 4 px are thinned out (Vega's overlap test lets labels touch: '1,0001,200').
  axis: { labelFontSize: 12, titleFontSize: 13, titleFontWeight: 'normal', titleColor: '#333', labelColor: '#333', gridColor: '#e3e3e3', domainColor: '#888', tickColor: '#888', labelSeparation: 4 },
  legend: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: 'normal', labelLimit: 420, symbolSize: 160 },
  header: { labelFontSize: 13, labelFontWeight: 'bold', titleFontSize: 13, labelColor: '#222' },
  text: { font: FONT },
};

/** Milliseconds since the epoch of a 'YYYY-MM-DD' date at UTC midnight (temporal scale domains). */
export function dateMs(iso: string): number {
  return Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
}

/** What a chart needs besides the result: when the run happened (for the provenance footer). */
export interface ChartContext {
  /** ISO date-time of the run; shown in the footer when given. */
  runDate?: string;
}

/** The pieces of the provenance line every chart of a run carries. */
export function provenanceParts(result: RunResult, ctx: ChartContext = {}): string[] {
  const s = result.summary;
  return [
    `Scenario "${s.scenario.name}"`,
    `sha256 ${s.scenario.sha256.slice(0, 12)}`,
    `seed ${s.seed}`,
    `${int(s.runs)} runs`,
    `rollout-sim ${s.version}`,
    ...(ctx.runDate ? [`run ${runDateText(ctx.runDate)}`] : []),
  ];
}

/** The provenance line every chart carries. */
export function provenance(result: RunResult, ctx: ChartContext = {}): string {
  return provenanceParts(result, ctx).join(' · ');
}

const FOOTER_FONT = 11;
const FOOTER_LINE = 14;

/** Joins pieces with ' · ' into lines no wider than `width` px (a piece is never split). */
export function wrapParts(parts: readonly string[], width: number, fontSize = FOOTER_FONT): string[] {
  const lines: string[] = [];
  let line = '';
  for (const p of parts) {
    const next = line ? `${line} · ${p}` : p;
    if (line && textWidth({ fontSize }, next) > width) {
      lines.push(line);
      line = p;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * A label that fits `width` px. The end of a programme's input names which of its inputs it
 * is ("<programme>: top-up granted (probability)", "<programme>: money every year (×)"), so
 * cutting the end (Vega's `limit`) left two rows of a tornado reading the same: where the
 * part after the last ': ' takes at most two thirds of the room it is kept whole and the
 * start is shortened; any other label keeps as many whole words of its start as fit.
 *
 * @example fitLabel('Kazakhtelecom investment agreement (operator money): top-up granted (probability)', 360, { fontSize: 13, fontWeight: 'bold' })
 *   // 'Kazakhtelecom…: top-up granted (probability)'
 */
export function fitLabel(label: string, width: number, font: { fontSize: number; fontWeight?: string }): string {
  const fits = (s: string) => textWidth(font, s) <= width;
  if (fits(label)) return label;
  const colon = label.lastIndexOf(': ');
  const tail = colon > 0 ? label.slice(colon) : '';
  if (tail && textWidth(font, tail) <= (2 * width) / 3) return `${wordsThatFit(label.slice(0, colon).split(' '), (head) => fits(`${head}…${tail}`))}…${tail}`;
  return `${wordsThatFit(label.split(' '), (head) => fits(`${head} …`))} …`;
}

/**
 * A label on at most two lines of `width` px, for Vega's multi-line text (an array of lines).
 * Cutting a long label to one line lost what told inputs apart ('Fibre capacity: days to the
 * first new crews (tender …', 'Kazakhtelecom…: money every year (×)'); two lines keep it
 * whole. The break falls after the last ': ' when both parts fit (the part naming which
 * input it is gets its own line), else after as many whole words as fit; a second line still
 * too long is shortened as fitLabel does.
 *
 * @example wrapLabel('Fibre capacity: days to the first new crews (tender and mobilisation)', 330, { fontSize: 12 })
 *   // ['Fibre capacity:', 'days to the first new crews (tender and mobilisation)']
 */
export function wrapLabel(label: string, width: number, font: { fontSize: number; fontWeight?: string }): string[] {
  const fits = (s: string) => textWidth(font, s) <= width;
  if (fits(label)) return [label];
  const colon = label.lastIndexOf(': ');
  if (colon > 0 && fits(label.slice(0, colon + 1)) && fits(label.slice(colon + 2))) return [label.slice(0, colon + 1), label.slice(colon + 2)];
  const words = label.split(' ');
  let n = words.length - 1;
  while (n > 1 && !fits(words.slice(0, n).join(' '))) n--;
  const first = words.slice(0, n).join(' ');
  if (n < 1 || !fits(first)) return [fitLabel(label, width, font)];
  return [first, fitLabel(words.slice(n).join(' '), width, font)];
}

/** The longest start of `words` (whole words; of the first word's letters when not even it fits) that `ok` accepts. */
function wordsThatFit(words: readonly string[], ok: (head: string) => boolean): string {
  let n = words.length;
  while (n > 1 && !ok(words.slice(0, n).join(' '))) n--;
  let head = words.slice(0, n).join(' ');
  while (head.length > 1 && !ok(head)) head = head.slice(0, -1);
  return head.trimEnd();
}

export type NationalSeries = 'fibre' | 'coverage' | 'motorway';

/**
 * A target → the national series that measures it: fibre-share (and a share of backbone
 * fibre alone) the fibre series, coverage-share the coverage series, motorway-share the
 * motorway series; null for other shares and counts, which no national series draws.
 */
export function seriesOf(t: { metric: Metric; services?: readonly string[] }): NationalSeries | null {
  switch (t.metric) {
    case 'fibre-share': return 'fibre';
    case 'coverage-share': return 'coverage';
    case 'motorway-share': return 'motorway';
    case 'share': return t.services?.length === 1 && t.services[0] === 'backbone-fibre' ? 'fibre' : null;
    default: return null;
  }
}

/** People's names of the national series. */
export function seriesNames(result: RunResult): Record<NationalSeries, string> {
  const techs = result.input.coverageTechnologies;
  const words = techs.map((t) => (t === 'mast' ? 'mobile mast' : t));
  return {
    fibre: 'Settlements on fibre',
    coverage: `Settlements covered (${words.join(', ') || 'any technology'})`,
    motorway: 'Motorway km covered by masts',
  };
}

/** The colour of a national series. */
export function seriesColour(s: NationalSeries): string {
  return COLOURS[s];
}

/**
 * '90% on fibre by 31 Dec 2026' — a target's (or a reading's) rule in words: '90% of 6,096
 * on backbone fibre or on satellite by 31 Dec 2026', '4,786 with household fibre by 31 Dec 2027';
 * a coverage share names the services of the scenario's `coverage` technologies when given
 * ('100% on backbone fibre or on satellite by 31 Dec 2027'), else says 'covered'.
 */
export function targetRule(t: Pick<TargetSummary, 'metric' | 'threshold' | 'deadline' | 'services' | 'denominator'>, coverage?: readonly Technology[]): string {
  const by = `by ${humanDate(t.deadline)}`;
  const words = (ids: readonly string[]) => ids.map((id) => SERVICES.find((x) => x.id === id)?.label ?? id).join(' or ');
  const services = words(t.services ?? []);
  if (t.metric === 'count') return `${t.threshold.toLocaleString('en-US')} ${services} ${by}`;
  // A coverage share counts the scenario's coverage technologies: named, '100% covered' read as the networks target's rule.
  const covered = coverage && coverage.length > 0 ? words(servicesOfTechnologies(coverage)) : 'covered';
  const what = t.metric === 'fibre-share' ? 'on fibre' : t.metric === 'motorway-share' ? 'of motorway km covered' : t.metric === 'share' ? services : covered;
  const of = t.denominator !== undefined ? ` of ${t.denominator.toLocaleString('en-US')}` : '';
  return `${Math.round(t.threshold * 1000) / 10}%${of} ${what} ${by}`;
}

/**
 * A finished chart: the title block on top, the body, and the provenance line underneath
 * (a text-only view concatenated below, so it sits at the bottom of every chart and its PNG).
 */
export function framed(result: RunResult, title: string, subtitle: string | string[], body: Spec, footerWidth: number, ctx: ChartContext = {}): Spec {
  return frame(provenanceParts(result, ctx), title, subtitle, body, footerWidth);
}

/**
 * The same frame for any provenance: the pieces are joined with ' · ' and wrapped onto as
 * many footer lines as they need (never narrower than 700 px, so a run's one line stays one line).
 */
export function frame(footerParts: readonly string[], title: string, subtitle: string | string[], body: Spec, footerWidth: number): Spec {
  const lines = wrapParts(footerParts, Math.max(footerWidth, 700));
  return {
    $schema: SCHEMA,
    title: { text: title, subtitle },
    config: CONFIG,
    spacing: 18,
    vconcat: [
      body,
      {
        width: footerWidth,
        height: 10 + FOOTER_LINE * (lines.length - 1),
        view: { stroke: null },
        data: { values: lines.map((text, i) => ({ text, y: i * FOOTER_LINE })) },
        mark: { type: 'text', align: 'left', baseline: 'top', fontSize: FOOTER_FONT, color: COLOURS.muted },
        encoding: { text: { field: 'text', type: 'nominal' }, x: { value: 0 }, y: { field: 'y', type: 'quantitative', scale: null } },
      },
    ],
  };
}

/** A temporal x axis in real dates (UTC, so no time zone shifts a day). */
export function dateAxis(domain: [string, string] | null, title: string | null = null): Spec {
  return {
    type: 'temporal',
    title,
    scale: domain ? { type: 'utc', domain: [dateMs(domain[0]), dateMs(domain[1])] } : { type: 'utc' },
    axis: { format: '%b %Y', labelAngle: 0, tickCount: { interval: 'month', step: 6 }, labelOverlap: true, grid: true },
  };
}

/** A chart body that only says why there is nothing to draw (e.g. the run recorded no regional series). */
/**
 * The 95 % interval as a whisker on a horizontal bar chart: a rule from `lo` to `hi` with a
 * tick at each end. `look` styles the marks (colour, thickness, tick size); `extra` adds
 * encodings such as a colour field.
 */
/**
 * A nominal channel on the rows' `key`, in the order of their numeric `order` field.
 * Vega-Lite compiles a sort *list* into one expression with a branch per key, which
 * overflows the stack at about 2,000 keys and breaks on keys such as 'toString'; a sort
 * by field has neither problem. Every data source plotted on this channel needs `order`.
 *
 * @example
 *   const y = orderedKey({ axis: null, scale: { paddingInner: 0.3 } });
 *   rows.map((r, i) => ({ key: `r${i}`, order: i, ...r }));
 */
export function orderedKey(extra: Spec = {}): Spec {
  return { field: 'key', type: 'nominal', sort: { field: 'order', op: 'min' }, ...extra };
}

export function intervalWhisker(y: Spec, x: Spec, look: { color?: string; strokeWidth: number; thickness: number; size: number }, extra: Spec = {}): Spec[] {
  const colour = look.color ? { color: look.color } : {};
  return [
    { mark: { type: 'rule', ...colour, strokeWidth: look.strokeWidth }, encoding: { y, x: { field: 'lo', ...x }, x2: { field: 'hi' }, ...extra } },
    { mark: { type: 'tick', ...colour, thickness: look.thickness, size: look.size, orient: 'vertical' }, encoding: { y, x: { field: 'lo', ...x }, ...extra } },
    { mark: { type: 'tick', ...colour, thickness: look.thickness, size: look.size, orient: 'vertical' }, encoding: { y, x: { field: 'hi', ...x }, ...extra } },
  ];
}

/**
 * The room a chance bar has, 0 to 100 %, as a hairline outline of the row. A filled grey
 * track was all a 0 % row showed, and alone it read as a bar at 100 %; an outline reads as
 * an empty frame whatever the bar inside it.
 */
export function chanceTrack(y: Spec): Spec {
  return { mark: { type: 'bar', filled: false, color: COLOURS.trackLine, strokeWidth: 1, x: 0, x2: { expr: 'width' } }, encoding: { y } };
}

export function emptyNote(text: string, width: number): Spec {
  return {
    width,
    height: 60,
    view: { stroke: '#ccc', strokeDash: [4, 4] },
    data: { values: [{ text }] },
    mark: { type: 'text', align: 'center', baseline: 'middle', fontSize: 14, color: COLOURS.muted },
    encoding: { text: { field: 'text', type: 'nominal' }, x: { value: width / 2 }, y: { value: 30 } },
  };
}

/** Colours for further targets, options or series when the fixed ones are taken. */
export const PALETTE = ['#1f5fa8', '#2a9d6f', '#7b4fa0', '#b4541a', '#c0392b', '#17becf', '#8c6d31', '#e377c2', '#393b79', '#7f7f7f'];

/** One colour per target: its national series' colour for the first target of each metric, spare colours after that. */
export function targetColours(targets: readonly Pick<TargetSummary, 'metric' | 'services'>[]): string[] {
  const used = new Set<string>();
  let spare = 0;
  return targets.map((t) => {
    const series = seriesOf(t);
    let c: string = series ? seriesColour(series) : PALETTE[spare++ % PALETTE.length]!;
    if (used.has(c)) {
      do c = PALETTE[spare++ % PALETTE.length]!;
      while (used.has(c) && spare < PALETTE.length * 2);
    }
    used.add(c);
    return c;
  });
}

/** Tick values 1, 2, 5, 10, 20, 50… within [lo, hi] (for a log axis of counts). */
export function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let m = 1; m <= hi; m *= 10) for (const k of [1, 2, 5]) if (k * m >= lo && k * m <= hi) ticks.push(k * m);
  return ticks;
}

/**
 * A mark's screen-reader description (the `aria-label` of its SVG path) with every value as
 * its axis shows it. Vega-Lite writes the one it makes itself with the axis's format for `y`
 * but none for `y2` (a secondary channel has no axis): a band read 'p10: 42%; p90: 0.4218'.
 * The layer gets a computed `aria` field and a `description` encoding of it.
 *
 * @example withAria({ mark: 'area', encoding: { x, y, y2 } }, [{ title: 'P10', field: 'p10', format: '.0%' }, { title: 'P90', field: 'p90', format: '.0%' }])
 */
export interface AriaPart { title: string; field: string; format?: string; time?: string }

export function withAria(layer: Spec, parts: readonly AriaPart[]): Spec {
  const value = (p: AriaPart) => {
    const d = `datum[${JSON.stringify(p.field)}]`;
    if (p.time) return `utcFormat(${d}, ${JSON.stringify(p.time)})`;
    if (p.format) return `format(${d}, ${JSON.stringify(p.format)})`;
    return `'' + ${d}`;
  };
  const expr = parts.map((p) => `${JSON.stringify(`${p.title}: `)} + ${value(p)}`).join(` + '; ' + `);
  const transform = [...((layer.transform as Spec[] | undefined) ?? []), { calculate: expr, as: 'aria' }];
  return { ...layer, transform, encoding: { ...(layer.encoding as Spec), description: { field: 'aria', type: 'nominal' } } };
}
