import type { AllocationResult } from '../../montecarlo/analysis-result.js';
import { int, pct, pctTenth, runDateText } from '../format.js';
import { COLOURS, frame, type Spec, withAria } from './common.js';

export const ALLOCATION_PATH_TITLE = 'Where do extra crews do most good? The chance as they are added';
export const ALLOCATION_SPLIT_TITLE = 'The allocation found, beside an even split';

const WIDTH = 680;

/**
 * Where a unit went, told apart by colour and shape together: eight colours that stay apart
 * from one another (no two reds or browns: Kostanay and West Kazakhstan were brown-orange and
 * red), then the same colours as squares, triangles and crosses: 32 regions before a pair repeats.
 */
const PLACE_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc3311', '#56b4e9', '#7b4fa0', '#cc79a7', '#6b5a2a'];
const PLACE_SHAPES = ['circle', 'square', 'triangle-up', 'cross'];
/** The path's first point (nothing added yet): in the legend too, in the colour no region gets. */
const START = 'nothing added yet';
/** The fresh-futures splits, each its own outline colour (the found allocation in the deadline red). */
const SPLIT_COLOURS = [COLOURS.deadline, '#444444', '#b8860b'];

/** The least of 1, 2, 5 × 10^k (a share, at most 1) that is at least x: the top of a chance axis that fits the data. */
function niceTop(x: number): number {
  for (let m = 0.01; m < 1; m *= 10) for (const k of [1, 2, 5]) if (k * m >= x - 1e-12 && k * m < 1) return Math.round(k * m * 1000) / 1000;
  return 1;
}

/** The provenance pieces of an allocation's charts. */
export function allocationProvenance(a: AllocationResult, runDate?: string): string[] {
  return [`Scenario "${a.scenario.name}"`, `sha256 ${a.scenario.sha256.slice(0, 12)}`, `seed ${a.seed}`, `${int(a.runs)} runs per allocation`, `rollout-sim ${a.version}`, ...(runDate ? [`run ${runDateText(runDate)}`] : [])];
}

/** Whole crews on the axis; money with thousands separators. */
const amountAxis = (a: AllocationResult): Spec => (a.resource.kind === 'crews' ? { tickMinStep: 1, format: 'd' } : { format: ',.0f' });

const what = (a: AllocationResult) => (a.resource.kind === 'crews' ? `${a.resource.technology} crews` : `${a.noun}`);

/**
 * Whether no unit moved the chance on the futures used to choose (the path chart's own
 * futures): the path chart then plots the share reached instead of a flat line. It can
 * differ from AllocationResult.chanceTies, which is about the fresh futures: a unit may make
 * one of the 100 futures used to choose meet the target while none of 300 fresh ones does.
 */
export function allocationPathTies(a: AllocationResult): boolean {
  return a.steps.length > 0 ? a.steps.every((s) => s.probability === a.searchBase) : a.chanceTies;
}

/**
 * Chart `allocation-path`: the target's chance against the crews (or money) added so far,
 * following the greedy allocation unit by unit, each point coloured by the region (or year)
 * that unit went to; the even and proportional splits of the same total as reference points.
 * When no unit changes the chance there (allocationPathTies), the share reached by the deadline instead:
 * what the choice was made by.
 */
export function allocationPathSpec(a: AllocationResult, runDate?: string): Spec {
  const label = new Map(a.slots.map((s) => [s.id, s.label]));
  const tie = allocationPathTies(a);
  const path = [
    { added: 0, probability: a.searchBase, lo: a.searchBase, hi: a.searchBase, reached: a.searchBaseReached, to: 'nothing added yet' },
    ...a.steps.map((s) => ({ added: s.unit * a.perUnit, probability: s.probability, lo: s.ci95[0], hi: s.ci95[1], reached: s.meanReached, to: label.get(s.slot) ?? s.slot })),
  ];
  if (a.steps.length === 0) path.push({ added: a.units * a.perUnit, probability: a.chosen.probability, lo: a.chosen.ci95[0], hi: a.chosen.ci95[1], reached: a.chosen.meanReached, to: 'best split' });
  const regions = [...new Set(path.slice(1).map((p) => p.to))];
  // The measure plotted: the chance, or (when it ties everywhere) the share reached.
  const value = (x: { probability: number; meanReached: number }) => (tie ? x.meanReached : x.probability);
  // Splits with the same value share one diamond (drawn on top of each other only one would
  // show): its legend entry names every split it stands for.
  const refs: { added: number; probability: number; names: string[] }[] = [{ added: a.units * a.perUnit, probability: value(a.chosen), names: ['found'] }];
  for (const alt of a.alternatives) {
    const same = refs.find((r) => r.probability === value(alt));
    if (same) same.names.push(alt.name);
    else refs.push({ added: a.units * a.perUnit, probability: value(alt), names: [alt.name] });
  }
  const shown = (v: number) => (tie ? pctTenth(v) : pct(v));
  const joined = (n: string[]) => (n.length === 1 ? n[0]! : `${n.slice(0, -1).join(', ')} and ${n[n.length - 1]}`);
  const splits = refs.map((r) => ({ added: r.added, probability: r.probability, split: r.names.length > 1 ? `${joined(r.names)} splits: ${shown(r.probability)} each` : `${r.names[0] === 'found' ? 'allocation found' : `${r.names[0]} split`}: ${shown(r.probability)}` }));
  const x = { field: 'added', type: 'quantitative', title: `${what(a)[0]!.toUpperCase()}${what(a).slice(1)} added`, scale: { domainMin: 0 }, axis: amountAxis(a) };
  // A chance axis from 0 to 100 % squashed a path of 0–3 % onto the x axis: it ends a little
  // above the highest point or interval end instead, and its title says so.
  const top = niceTop(1.1 * Math.max(0, ...path.flatMap((p) => [p.probability, p.hi]), ...refs.map((r) => r.probability)));
  const y = tie
    ? { type: 'quantitative', scale: { zero: false }, axis: { format: '.1%', title: a.target.id === 'all' ? 'Shares reached, summed over the targets, axis not from 0' : 'Share reached by the deadline (mean), axis not from 0' } }
    : { type: 'quantitative', scale: { domain: [0, top] }, axis: { format: top < 0.1 ? '.1%' : '.0%', title: top < 1 ? `Chance of meeting the target (axis to ${pct(top)})` : 'Chance of meeting the target' } };
  const field = tie ? 'reached' : 'probability';
  const places = [START, ...regions];
  const body: Spec = {
    width: WIDTH,
    height: 320,
    // Two legends: where each unit went, and the splits measured on fresh futures.
    resolve: { scale: { color: 'independent', shape: 'independent' } },
    layer: [
      { data: { values: path }, mark: { type: 'line', color: '#888', strokeWidth: 1.5, interpolate: 'step-after' }, encoding: { x, y: { field, ...y } } },
      // The chance's interval (the share reached is a mean over the futures: no rule).
      ...(tie ? [] : [withAria({ data: { values: path }, mark: { type: 'rule', color: '#bbb' }, encoding: { x, y: { field: 'lo', ...y }, y2: { field: 'hi' } } }, [{ title: 'Added so far', field: 'added' }, { title: '95% interval from', field: 'lo', format: '.1%' }, { title: 'to', field: 'hi', format: '.1%' }])]),
      {
        data: { values: path },
        mark: { type: 'point', filled: true, size: 90, opacity: 1 },
        encoding: {
          x, y: { field, ...y },
          color: { field: 'to', type: 'nominal', title: 'Went to', scale: { domain: places, range: [COLOURS.target, ...regions.map((_, i) => PLACE_COLOURS[i % PLACE_COLOURS.length]!)] }, legend: { orient: 'right' } },
          shape: { field: 'to', type: 'nominal', title: 'Went to', scale: { domain: places, range: ['circle', ...regions.map((_, i) => PLACE_SHAPES[Math.floor(i / PLACE_COLOURS.length) % PLACE_SHAPES.length]!)] }, legend: { orient: 'right' } },
          tooltip: [{ field: 'added', title: 'Added so far' }, { field: 'to', title: 'This unit went to' }, { field: 'probability', title: 'Chance', format: '.1%' }, { field: 'reached', title: 'Share reached', format: '.1%' }],
        },
      },
      {
        data: { values: splits },
        mark: { type: 'point', shape: 'diamond', size: 170, filled: false, strokeWidth: 2.5, opacity: 1 },
        encoding: {
          x, y: { field: 'probability', ...y },
          color: { field: 'split', type: 'nominal', title: `On ${int(a.validation)} fresh futures`, scale: { domain: splits.map((r) => r.split), range: SPLIT_COLOURS }, legend: { orient: 'right', symbolType: 'diamond', symbolFillColor: 'white', symbolStrokeWidth: 2.5, labelLimit: 420 } },
          tooltip: [{ field: 'split', title: 'Split' }, { field: 'probability', title: tie ? 'Share reached' : 'Chance', format: '.1%' }],
        },
      },
    ],
  };
  const subtitle = tie
    ? [
      `Target: ${a.target.label}. Its chance is ${pct(a.chosen.probability)} with every split measured, so the points show how far`,
      `each unit gets: the share reached by the deadline after it, on the ${int(a.runs)} futures used to choose; the colour (and, past eight regions, the shape) says where it went.`,
      `Diamonds: on ${int(a.validation)} fresh futures, the allocation found (${pctTenth(a.chosen.meanReached)}) and the same total split ${a.alternatives.map((x) => `${x.name === 'even' ? 'evenly' : x.name} (${pctTenth(x.meanReached)})`).join(' or ')}.`,
    ]
    : [
      `Target: ${a.target.label}. Points: the chance after each unit, on the ${int(a.runs)} futures used to choose; the colour (and, past eight regions, the shape) says where the unit went.`,
      `Diamonds: on ${int(a.validation)} fresh futures, the allocation found (${pct(a.chosen.probability)}) and the same total split ${a.alternatives.map((x) => `${x.name === 'even' ? 'evenly' : x.name} (${pct(x.probability)})`).join(' or ')}.`,
    ];
  const title = tie
    ? (a.resource.kind === 'crews' ? 'Where do extra crews do most good? How far they get as they are added' : 'Where does extra money do most good? How far it gets as it is added')
    : (a.resource.kind === 'crews' ? ALLOCATION_PATH_TITLE : 'Where does extra money do most good? The chance as it is added');
  return frame(allocationProvenance(a, runDate), title, subtitle, body, WIDTH);
}

/** Chart `allocation-split`: crews (or money) added per region (or year) by the allocation found, the even split and the proportional one. */
export function allocationSplitSpec(a: AllocationResult, runDate?: string): Spec {
  // Each split's legend entry gives its chance, or the share it reaches when the chance ties.
  const tie = a.chanceTies;
  const score = (x: { probability: number; meanReached: number }) => (tie ? `${pctTenth(x.meanReached)} reached` : pct(x.probability));
  const splits = [{ name: `found (${score(a.chosen)})`, added: a.chosen.added }, ...a.alternatives.map((x) => ({ name: `${x.name} (${score(x)})`, added: x.added }))];
  const used = a.slots.filter((_, i) => splits.some((s) => s.added[i] > 0));
  const rows = splits.flatMap((s) => a.slots.map((slot, i) => ({ place: slot.label, split: s.name, added: s.added[i] })).filter((r) => used.some((u) => u.label === r.place)));
  const body: Spec = {
    width: WIDTH,
    height: { step: 12 },
    data: { values: rows },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'place', type: 'nominal', title: null, sort: used.map((u) => u.label) },
      yOffset: { field: 'split', sort: splits.map((s) => s.name) },
      x: { field: 'added', type: 'quantitative', title: `${what(a)} added`, axis: amountAxis(a) },
      color: { field: 'split', type: 'nominal', title: null, sort: splits.map((s) => s.name), scale: { range: [COLOURS.coverage, '#999999', '#c9b27c'] }, legend: { orient: 'top', direction: 'horizontal' } },
      tooltip: [{ field: 'place', title: 'Where' }, { field: 'split', title: 'Split' }, { field: 'added', title: 'Added' }],
    },
  };
  const subtitle = tie
    ? [`${int(a.units * a.perUnit)} ${what(a)} in all. The chance of “${a.target.label}” is ${pct(a.chosen.probability)} with each split;`, 'the legend gives the share each reaches by the deadline.']
    : [`${int(a.units * a.perUnit)} ${what(a)} in all; the chance of “${a.target.label}” with each split is in the legend.`];
  return frame(allocationProvenance(a, runDate), ALLOCATION_SPLIT_TITLE, subtitle, body, WIDTH);
}
