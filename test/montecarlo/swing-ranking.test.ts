import { describe, expect, it } from 'vitest';
import { chancesPinned, pinnedText, PINNED_TEXT } from '../../src/montecarlo/swing-ranking.js';

describe('a pinned chance', () => {
  it('is below 1 % (or above 99 %) everywhere', () => {
    expect(chancesPinned([0, 0.004, 0.009])).toBe(true);
    expect(chancesPinned([0.995, 1])).toBe(true);
    expect(chancesPinned([0, 0.01])).toBe(false);
    expect(chancesPinned([])).toBe(false);
  });

  it('on few futures, is met (or missed) in at most two of them: one future of 100 is 1.0 %, noise, not a swing', () => {
    // The baseline's 2027 targets on 100 futures: 0 to 1.0 %, where the distance factor moved the share 11 points.
    expect(chancesPinned([0, 0.01, 0, 0.01], 100)).toBe(true);
    expect(chancesPinned([0, 0.02], 100)).toBe(true);
    expect(chancesPinned([0, 0.03], 100)).toBe(false);
    expect(chancesPinned([0.98, 1], 100)).toBe(true);
    // On 1,000 futures two of them are 0.2 %: the 1 % rule alone.
    expect(chancesPinned([0, 0.01], 1000)).toBe(false);
    expect(chancesPinned([0, 0.009], 1000)).toBe(true);
  });

  it('is described with the futures where they are what pins it', () => {
    expect(pinnedText(1000)).toBe(PINNED_TEXT);
    expect(pinnedText(100)).toBe('below 1 % or above 99 %, or met (or missed) in at most 2 of its 100 futures');
  });
});
