import { closest } from '../scenario/suggest.js';

/** What each command's positional arguments are, in words (yargs only counts them). */
const WANTS: Record<string, string> = {
  run: 'a scenario file: rollout run <scenario>',
  compare: 'the scenario files to compare: rollout compare <scenarios..>',
  sensitivity: 'a scenario file: rollout sensitivity <scenario>',
  goal: 'a scenario file: rollout goal <scenario>',
  allocate: 'a scenario file: rollout allocate <scenario>',
  merge: 'the shards\' output directories: rollout merge <dirs..>',
  validate: 'one or more scenario files: rollout validate <scenarios..>',
  show: 'a scenario file: rollout show <scenario>',
};

/**
 * yargs' usage messages, made to say what to do: an unknown option gets the nearest known
 * one ("Unknown argument: sed" → "... (did you mean --seed?)"), and a missing positional
 * argument is named ("Not enough non-option arguments: got 0, need at least 1" → "name a
 * scenario file: rollout run <scenario>"). Anything else is yargs' message as it was.
 *
 * @example usageMessage('Unknown argument: sed', 'run', ['seed', 'runs'])   // 'Unknown argument: sed (did you mean --seed?)'
 */
export function usageMessage(msg: string, command: string | undefined, options: readonly string[]): string {
  const unknown = /^Unknown arguments?: (.+)$/.exec(msg);
  if (unknown) {
    const names = unknown[1].split(', ');
    const guesses = names.map((n) => [n, closest(n, options)] as const).filter(([, g]) => g !== undefined);
    if (guesses.length === 0) return msg;
    return `${msg} (${guesses.map(([n, g]) => (names.length > 1 ? `${n}: ` : '') + `did you mean --${g}?`).join('; ')})`;
  }
  if (/^Not enough non-option arguments/.test(msg) && command !== undefined && WANTS[command]) return `name ${WANTS[command]}`;
  return msg;
}
