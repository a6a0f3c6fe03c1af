import type { AllocationResult } from '../../montecarlo/analysis-result.js';
import { int, pct, pctTenth, runDateText } from '../format.js';
import { COLOURS, PALETTE, frame, type Spec } from './common.js';

export const ALLOCATION_PATH_TITLE = 'Where do extra crews do most good? The chance as they are added';
export const ALLOCATION_SPLIT_TITLE = 'The allocation found, beside an even split';

const WIDTH = 680;

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
  // Splits with the same value share one diamond and one label.
  const refs: { added: number; probability: number; split: string }[] = [{ added: a.units * a.perUnit, probability: value(a.chosen), split: 'found' }];
  for (const alt of a.alternatives) {
    const same = refs.find((r) => r.probability === value(alt));
    if (same) same.split = `${same.split.replace(/ split$/, '')} and ${alt.name}${same.split === 'found' ? ' split' : ' splits'}`;
    else refs.push({ added: a.units * a.perUnit, probability: value(alt), split: `${alt.name} split` });
  }
  const x = { field: 'added', type: 'quantitative', title: `${what(a)[0]!.toUpperCase()}${what(a).slice(1)} added`, scale: { domainMin: 0 }, axis: amountAxis(a) };
  const y = tie
    ? { type: 'quantitative', scale: { zero: false }, axis: { format: '.0%', title: a.target.id === 'all' ? 'Shares reached, summed over the targets' : 'Share reached by the deadline (mean)' } }
    : { type: 'quantitative', scale: { domain: [0, 1] }, axis: { format: '.0%', title: 'Chance of meeting the target' } };
  const field = tie ? 'reached' : 'probability';
  const body: Spec = {
    width: WIDTH,
    height: 320,
    layer: [
      { data: { values: path }, mark: { type: 'line', color: '#888', strokeWidth: 1.5, interpolate: 'step-after' }, encoding: { x, y: { field, ...y } } },
      // The chance's interval (the share reached is a mean over the futures: no rule).
      ...(tie ? [] : [{ data: { values: path }, mark: { type: 'rule', color: '#bbb' }, encoding: { x, y: { field: 'lo', ...y }, y2: { field: 'hi' } } }]),
      {
        data: { values: path.slice(1) },
        mark: { type: 'point', filled: true, size: 90, opacity: 1 },
        encoding: {
          x, y: { field, ...y },
          color: { field: 'to', type: 'nominal', title: 'Went to', scale: { domain: regions, range: PALETTE }, legend: { orient: 'right' } },
          tooltip: [{ field: 'added', title: 'Added so far' }, { field: 'to', title: 'This unit went to' }, { field: 'probability', title: 'Chance', format: '.1%' }, { field: 'reached', title: 'Share reached', format: '.1%' }],
        },
      },
      { data: { values: [path[0]] }, mark: { type: 'point', filled: true, size: 90, color: COLOURS.target }, encoding: { x, y: { field, ...y } } },
      {
        data: { values: refs },
        layer: [
          { mark: { type: 'point', shape: 'diamond', size: 140, filled: false, strokeWidth: 2, color: COLOURS.deadline }, encoding: { x, y: { field: 'probability', ...y }, tooltip: [{ field: 'split', title: 'Split' }, { field: 'probability', title: tie ? 'Share reached' : 'Chance', format: '.1%' }] } },
          { mark: { type: 'text', align: 'right', dx: -10, fontSize: 11, color: COLOURS.deadline }, encoding: { x, y: { field: 'probability', ...y }, text: { field: 'split' } } },
        ],
      },
    ],
  };
  const subtitle = tie
    ? [
      `Target: ${a.target.label}. Its chance is ${pct(a.chosen.probability)} with every split measured, so the points show how far`,
      `each unit gets: the share reached by the deadline after it, on the ${int(a.runs)} futures used to choose; the colour says where it went.`,
      `Diamonds: on ${int(a.validation)} fresh futures, the allocation found (${pctTenth(a.chosen.meanReached)}) and the same total split ${a.alternatives.map((x) => `${x.name === 'even' ? 'evenly' : x.name} (${pctTenth(x.meanReached)})`).join(' or ')}.`,
    ]
    : [
      `Target: ${a.target.label}. Points: the chance after each unit, on the ${int(a.runs)} futures used to choose; the colour says where the unit went.`,
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
