import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileModel } from '../../src/model/index.js';
import { loadScenario } from '../../src/scenario/index.js';
import { estimateMemory, type MemoryEstimate } from '../../src/montecarlo/index.js';
import { checkResources, memoryParts } from '../../src/cli/resources.js';
import { UsageError } from '../../src/cli/errors.js';
import { fixture, tempDir } from './helpers.js';

/** 100 regions of a million settlements reported daily: about a terabyte a thread (as test/adversarial/hang.test.ts builds it). */
function huge() {
  const y = readFileSync(fixture('known/exponential-crews.yaml'), 'utf8')
    .replace('currency: units', 'currency: units\nreportEveryDays: 1')
    .replace(/regions:[\s\S]*?settlementDefaults:/, `regions:\n${Array.from({ length: 100 }, (_, i) => `  - { id: r${i}, name: R${i}, settlements: 1000000, connected: 0, crews: { fibre: 4 } }\n`).join('')}settlementDefaults:`);
  const file = join(tempDir(), 'huge.yaml');
  writeFileSync(file, y);
  return compileModel(loadScenario(file).input);
}

const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  throw new Error('not refused');
};
const gbIn = (text: string, re: RegExp) => Number(re.exec(text)![1]);

describe('the memory refusal adds up', () => {
  const m = huge();

  it('with workers: the main thread and each worker, and their sum as printed', () => {
    for (const workers of [1, 3]) {
      const text = refusal(() => checkResources(m, { workers, runs: 1 }, 2 ** 30));
      const total = gbIn(text, /would need about ([\d.]+) GB/);
      const main = gbIn(text, /the drivers' sample: ([\d.]+) GB/);
      const worker = gbIn(text, /the scenario: ([\d.]+) GB/);
      expect(text).toContain(`In all ${main.toFixed(1)} GB + ${workers} worker${workers === 1 ? '' : 's'} x ${worker.toFixed(1)} GB = ${total.toFixed(1)} GB.`);
      expect(main + workers * worker).toBeCloseTo(total, 6);
      expect(text).toContain(`holds ${workers + 2} copies`);
      // The parts are the estimate's, not a per-thread figure that leaves the main thread's copies out.
      const e = estimateMemory(m, { workers, runs: 1 });
      expect(Math.abs(main - e.mainBytes / 2 ** 30)).toBeLessThanOrEqual(0.05);
      expect(Math.abs(worker - e.workerBytes / 2 ** 30)).toBeLessThanOrEqual(0.05);
    }
  });

  it('with no workers: the main thread alone is the total', () => {
    const text = refusal(() => checkResources(m, { workers: 0, runs: 1 }, 2 ** 30));
    expect(gbIn(text, /the drivers' sample: ([\d.]+) GB/)).toBe(gbIn(text, /would need about ([\d.]+) GB/));
    expect(text).not.toMatch(/0 workers/);
  });

  it('sums the parts as rounded, so the printed total is their printed sum', () => {
    const e = { mainBytes: 3.04 * 2 ** 30, workerBytes: 1.04 * 2 ** 30 } as MemoryEstimate;
    // Rounded first: 3.0 + 3 x 1.0, not 3.04 + 3 x 1.04 = 6.16 printed as 6.2.
    expect(memoryParts(e, 3)).toEqual({ main: '3.0 GB', worker: '1.0 GB', total: '6.0 GB' });
    expect(memoryParts({ mainBytes: 0.5 * 2 ** 30, workerBytes: 0.25 * 2 ** 30 } as MemoryEstimate, 2)).toEqual({ main: '0.50 GB', worker: '0.25 GB', total: '1.00 GB' });
  });
});
