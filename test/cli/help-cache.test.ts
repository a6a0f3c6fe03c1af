import yargs from 'yargs';
import { describe, expect, it } from 'vitest';
import { skipHelpCache } from '../../src/cli/main.js';
import { fixture, rolloutIn } from './helpers.js';

/**
 * yargs formats a command's whole help text as the command starts, in case it is asked for
 * later; the CLI turns that off through yargs' internal API (see skipHelpCache). These tests
 * fail if a yargs update moves that API, and show that a usage error found inside a command
 * still reads the same (every command's --help is checked in run.test.ts).
 */
describe('the skipped help cache', () => {
  it('reaches yargs\' help cache and turns it off', () => {
    type Usage = { cacheHelpMessage(): void };
    const usageOf = (p: unknown) => (p as { getInternalMethods(): { getUsageInstance(): Usage } }).getInternalMethods().getUsageInstance();
    const parser = yargs([]).command('go', 'Go', () => {}, () => {});
    const before = usageOf(parser).cacheHelpMessage;
    expect(typeof before, 'yargs still has its help cache where skipHelpCache looks').toBe('function');
    expect(skipHelpCache(parser)).toBe(true);
    expect(usageOf(parser).cacheHelpMessage).not.toBe(before);
    expect(skipHelpCache({} as never), 'an instance without the API: nothing skipped, no error').toBe(false);
  });

  it('a usage error found by a command once it has started reads the same', async () => {
    // --png is refused inside run's handler, after yargs would have cached the help.
    const r = await rolloutIn(['run', fixture('known/exponential-crews.yaml'), '--replay', '0', '--png']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--replay draws no chart');
    expect(r.stderr).toContain("Run 'rollout run --help' for usage.");
  });
});
