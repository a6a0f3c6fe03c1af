import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { abandonShare, erlangC, erlangCWait, simulateBank } from '../../examples/mmc.js';
import { shopSteadyState, simulateShop } from '../../examples/machine-repair.js';
import { toyRollout } from '../../examples/toy-rollout.js';
import { loadScenario } from '../../src/scenario/index.js';
import { compileModel, simulateReplication } from '../../src/model/index.js';
import { toyFloor } from '../../src/cli/bench-floor.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The engine's worked examples (examples/), each against its known answer. */
describe('examples/mmc.ts: a bank with c tellers', () => {
  it('Erlang C is right on a hand-checked case', () => {
    // c = 2, a = 1: C = (1/2 · 2/(2-1)) / (1 + 1 + 1) = 1/3.
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
  });

  it('M/M/4 at 75 % load: the share who wait and the mean wait match Erlang C', () => {
    const r = simulateBank({ lambda: 3, mu: 1, tellers: 4, customers: 200_000, seed: 7 });
    expect(Math.abs(r.waited - erlangC(4, 3))).toBeLessThan(0.015);
    expect(Math.abs(r.meanWait / erlangCWait(3, 1, 4) - 1)).toBeLessThan(0.06);
    expect(r.gaveUp).toBe(0);
  }, 60_000);

  it('with impatient customers (cancelled timers, withdrawn requests) the share who give up matches the M/M/c+M chain', () => {
    const r = simulateBank({ lambda: 4.5, mu: 1, tellers: 4, customers: 200_000, patience: 2, seed: 3 });
    const exact = abandonShare(4.5, 1, 4, 0.5);
    expect(exact).toBeGreaterThan(0.1);
    expect(Math.abs(r.gaveUp - exact)).toBeLessThan(0.01);
  }, 60_000);
});

describe('examples/machine-repair.ts', () => {
  it('the mean number of broken machines and the repairmen\'s utilisation match the birth–death steady state', () => {
    const r = simulateShop({ machines: 10, repairmen: 2, lambda: 0.1, mu: 0.5, until: 300_000, seed: 2 });
    const exact = shopSteadyState(10, 2, 0.1, 0.5);
    expect(Math.abs(r.meanBroken / exact.meanBroken - 1)).toBeLessThan(0.03);
    expect(Math.abs(r.utilisation - exact.utilisation)).toBeLessThan(0.01);
  }, 60_000);
});

describe('examples/toy-rollout.ts', () => {
  it('connects every village on the same day as rollout on examples/toy-rollout.yaml and as the benchmark\'s plain-JavaScript floor', () => {
    const m = compileModel(loadScenario(join(ROOT, 'examples/toy-rollout.yaml')).input);
    for (const rep of [0, 1]) {
      const engine = toyRollout(4, rep);
      const model = simulateReplication(m, 4, rep);
      const floor = toyFloor(m, 4, rep);
      expect(Array.from(engine)).toEqual(Array.from(model.completion));
      expect(Array.from(floor.completion)).toEqual(Array.from(model.completion));
      expect(floor.countAtDeadline).toBe(model.countAtDeadline[0]);
      expect(floor.reachedDay).toBe(model.reachedDay[0]);
      // Not a degenerate case: some villages wait for crews, some over a winter, some are late.
      expect(model.completion.filter((c) => c === Infinity).length).toBeLessThan(engine.length);
      expect(model.countAtDeadline[0]).toBeLessThan(engine.length);
    }
  }, 60_000);
});

describe("README's engine example", () => {
  it('runs, and prints what the comments under it say', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## The engine on its own'));
    const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toMatch(/from 'rollout-sim'/);
    const dir = mkdtempSync(join(tmpdir(), 'readme-engine-'));
    try {
      const file = join(dir, 'engine.ts');
      writeFileSync(file, block!.replace(/from 'rollout-sim'/, `from ${JSON.stringify(join(ROOT, 'src/engine/index.ts'))}`));
      const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), file], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      // The comment lines that end the block.
      const lines = block!.trimEnd().split('\n');
      let first = lines.length;
      while (first > 0 && lines[first - 1].startsWith('// ')) first--;
      const promised = lines.slice(first).map((l) => l.slice(3));
      expect(promised.length).toBeGreaterThan(0);
      expect(r.stdout.trimEnd().split('\n')).toEqual(promised);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('each example runs as a script', () => {
  for (const [file, line] of [['mmc.ts', /Erlang C/], ['machine-repair.ts', /broken on average/], ['toy-rollout.ts', /on fibre by 21 Sep 2026/]] as const) {
    it(file, () => {
      const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'examples', file)], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(line);
    }, 60_000);
  }
});
