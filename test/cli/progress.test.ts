import { describe, expect, it } from 'vitest';
import cliProgress from 'cli-progress';
import { progressFormat } from '../../src/cli/progress.js';

/** The bar's line for `value` of `total` done and an estimate of `eta` seconds left, as cli-progress would draw it. */
function line(value: number, total: number, eta: number): string {
  const options = { ...cliProgress.Presets.shades_classic, barsize: 10, barCompleteString: '#'.repeat(10), barIncompleteString: '-'.repeat(10), barGlue: '', autopadding: false, autopaddingChar: '' } as cliProgress.Options;
  return progressFormat('baseline')(options, { value, total, eta, progress: value / total, startTime: Date.now(), stopTime: null, maxWidth: 200 } as unknown as cliProgress.Params, {});
}

describe('the progress bar', () => {
  it('says it is timing before any replication has finished, not "0s left"', () => {
    expect(line(0, 200, 0)).toBe('baseline [----------] 0% | 0/200 replications | timing…');
    expect(line(0, 200, 0)).not.toContain('left');
  });

  it('gives the time left once replications have finished', () => {
    expect(line(50, 200, 80)).toBe('baseline [###-------] 25% | 50/200 replications | 1m20s left');
  });
});
