import { STAGES, WAITS } from '../model/index.js';

/**
 * People's names and fixed colours of the model's stages and wait categories, as the
 * model's registries declare them (src/model/stages.ts: STAGES and WAITS). Unknown codes
 * are shown as they are, in a neutral colour.
 */
export const STAGE_LABELS: Record<string, string> = Object.fromEntries([
  ...WAITS.map((w) => [w.id, w.label]),
  ...STAGES.map((s) => [s.name, s.label]),
]);

/** Waiting (red/orange/purple/teal) versus working (blue/green/brown) stages read apart at a glance. */
export const STAGE_COLOURS: Record<string, string> = Object.fromEntries([
  ...WAITS.map((w) => [w.id, w.colour]),
  ...STAGES.filter((s) => s.colour !== undefined).map((s) => [s.name, s.colour!]),
]);

const SPARE = ['#eeca3b', '#17becf', '#8c6d31', '#393b79', '#7f7f7f'];

export function stageLabel(code: string): string {
  return STAGE_LABELS[code] ?? code;
}

/** Colours for a list of stage codes: the fixed one where known, otherwise the next spare. */
export function stageColours(codes: readonly string[]): string[] {
  let spare = 0;
  return codes.map((c) => STAGE_COLOURS[c] ?? SPARE[spare++ % SPARE.length]!);
}
