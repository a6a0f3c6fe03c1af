/**
 * People's names and fixed colours of the model's stage codes (src/model WAIT_STAGES and
 * STAGE_NAMES). Unknown codes are shown as they are, in a neutral colour.
 */
export const STAGE_LABELS: Record<string, string> = {
  design: 'Survey and design',
  approval: 'Approvals and permits',
  'site allocation': 'Mast site allocation',
  'mast permit': 'Mast permit',
  budget: 'Waiting for money',
  crew: 'Waiting for a crew',
  work: 'Construction',
  winter: 'Winter stop',
  commissioning: 'Commissioning, power, backhaul',
  'power and backhaul': 'Power and backhaul',
  procurement: 'Satellite terminals on order',
  done: 'Connected',
};

/** Waiting (red/orange/purple/teal) versus working (blue/green/brown) stages read apart at a glance. */
export const STAGE_COLOURS: Record<string, string> = {
  design: '#9d755d',
  approval: '#e45756',
  'site allocation': '#ff9da6',
  'mast permit': '#d6616b',
  budget: '#f58518',
  crew: '#b279a2',
  work: '#4c78a8',
  winter: '#72b7b2',
  commissioning: '#54a24b',
  'power and backhaul': '#88d27a',
  procurement: '#bab0ac',
};

const SPARE = ['#eeca3b', '#17becf', '#8c6d31', '#393b79', '#7f7f7f'];

export function stageLabel(code: string): string {
  return STAGE_LABELS[code] ?? code;
}

/** Colours for a list of stage codes: the fixed one where known, otherwise the next spare. */
export function stageColours(codes: readonly string[]): string[] {
  let spare = 0;
  return codes.map((c) => STAGE_COLOURS[c] ?? SPARE[spare++ % SPARE.length]!);
}
