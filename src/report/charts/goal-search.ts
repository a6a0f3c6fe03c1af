import type { GoalResult } from '../../montecarlo/analysis-result.js';
import { int, pct, runDateText } from '../format.js';
import { COLOURS, frame, type Spec, withAria } from './common.js';

export const GOAL_SEARCH_TITLE = 'How much of the lever does it take?';

const WIDTH = 680;
const HEIGHT = 320;

/** The provenance pieces of a goal seek's charts. */
export function goalProvenance(g: GoalResult, runDate?: string): string[] {
  // The replications each value was actually measured on (the search may add runs up to runsPerCandidate.max where it is close).
  const used = g.search.map((c) => c.runs);
  const lo = used.length ? Math.min(...used) : g.runsPerCandidate.first, hi = used.length ? Math.max(...used) : g.runsPerCandidate.first;
  return [`Scenario "${g.scenario.name}"`, `sha256 ${g.scenario.sha256.slice(0, 12)}`, `seed ${g.seed}`, lo === hi ? `${int(lo)} runs per value` : `${int(lo)}–${int(hi)} runs per value`, `rollout-sim ${g.version}`, ...(runDate ? [`run ${runDateText(runDate)}`] : [])];
}

/**
 * Chart `goal-search`: the chance of meeting the target at every lever value the search
 * tried (its last estimate of each, with the 95 % interval), the goal as a dashed line, and
 * the value found marked.
 */
export function goalSearchSpec(g: GoalResult, runDate?: string): Spec {
  const last = new Map<number, GoalResult['search'][number]>();
  for (const c of g.search) last.set(c.value, c);
  const rows = [...last.values()].sort((a, b) => a.value - b.value).map((c) => ({
    value: c.value, probability: c.probability, lo: c.ci95[0], hi: c.ci95[1], runs: c.runs, setting: c.setting,
    role: c.value === g.value && g.found ? 'value found' : g.below && c.value === g.below.value ? 'just below' : c.meets ? 'meets the goal' : 'does not meet the goal',
  }));
  const x = { field: 'value', type: 'quantitative', title: g.lever.label, scale: { zero: false, domain: g.lever.range } };
  const y = { type: 'quantitative', scale: { domain: [0, 1] }, axis: { format: '.0%', title: 'Chance of meeting the target' } };
  // Only the roles some dot has, so the legend names nothing that is not drawn; each a whole phrase ('does not' alone left the reader asking what).
  const colours: Record<string, string> = { 'value found': COLOURS.coverage, 'just below': COLOURS.joint, 'meets the goal': '#7fb9a0', 'does not meet the goal': '#999999' };
  const roles = Object.keys(colours).filter((r) => rows.some((x) => x.role === r));
  const body: Spec = {
    width: WIDTH,
    height: HEIGHT,
    layer: [
      { data: { values: [{ goal: g.probability }] }, mark: { type: 'rule', strokeDash: [6, 4], color: COLOURS.deadline }, encoding: { y: { field: 'goal', ...y } } },
      {
        data: { values: rows },
        layer: [
          withAria({ mark: { type: 'rule', color: '#555', strokeWidth: 1.5 }, encoding: { x, y: { field: 'lo', ...y }, y2: { field: 'hi' } } }, [{ title: '95% interval from', field: 'lo', format: '.1%' }, { title: 'to', field: 'hi', format: '.1%' }]),
          ...(['lo', 'hi'] as const).map((end) => ({ mark: { type: 'tick', color: '#555', thickness: 1.5, size: 8, orient: 'horizontal' }, encoding: { x, y: { field: end, ...y } } })),
          {
            mark: { type: 'point', filled: true, size: 110, opacity: 1 },
            encoding: {
              x, y: { field: 'probability', ...y },
              color: { field: 'role', type: 'nominal', title: null, scale: { domain: roles, range: roles.map((r) => colours[r]) }, legend: { orient: 'top', direction: 'horizontal' } },
              tooltip: [
                { field: 'value', title: g.lever.id },
                { field: 'setting', title: 'That is' },
                { field: 'probability', title: 'Chance', format: '.1%' },
                { field: 'runs', title: 'Replications' },
              ],
            },
          },
        ],
      },
    ],
  };
  const subtitle = [
    `Target: ${g.target.label}. Goal: at least ${pct(g.probability)} (dashed line). Each dot is a value the search tried, on the same simulated futures${g.conditioning && g.conditioning.summary.observations.length > 0 ? `, weighted by what was seen (${g.conditioning.file})` : ''}, with its 95% interval.`,
    g.found ? `Least value meeting the goal: ${g.value} — ${g.setting}.` : `No value in ${g.lever.range[0]}–${g.lever.range[1]} reaches the goal; the best is ${pct(g.achieved.probability)} at ${g.value}.`,
  ];
  return frame(goalProvenance(g, runDate), GOAL_SEARCH_TITLE, subtitle, body, WIDTH);
}
