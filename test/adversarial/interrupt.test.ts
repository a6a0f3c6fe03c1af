import { describe, it, expect } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ROOT, scenarioFile, SMALL, snapshot, tempDir } from './helpers.js';

/**
 * Interrupts with real processes (only they receive signals; `npm test` builds dist/
 * first). Today `--workers 0` ignored Ctrl-C and SIGTERM (`--runs 1e12 --workers 0`
 * ignored SIGTERM for 10 minutes), a run interrupted while writing its report replaced
 * the old result anyway, and SIGKILL left hidden temporary folders nobody cleaned.
 * No case depends on speed: the runs asked for would take hours, so exiting at all
 * proves the signal was honoured.
 */

const BIN = join(ROOT, 'bin', 'rollout.js');
const start = (args: string[]) => spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
const exited = (child: ChildProcess) => new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
});
const temps = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('.rollout-tmp-'));

/** Waits (without a clock limit of its own: the test's timeout is the limit) until `ready()`. */
async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((r) => setTimeout(r, 25));
}

const HOUR_OF_RUNS = ['--runs', '10000000'];

describe('an interrupt is honoured in every mode, nothing is written or replaced', () => {
  for (const [signal, code, workers] of [['SIGTERM', 143, '0'], ['SIGINT', 130, '0'], ['SIGHUP', 129, '0'], ['SIGHUP', 129, '2']] as const) {
    it(`${signal} with --workers ${workers} exits ${code}, leaving nothing`, async () => {
      const dir = tempDir();
      const child = start(['run', SMALL, ...HOUR_OF_RUNS, '--workers', workers, '--out', join(dir, 'result')]);
      const done = exited(child);
      await until(() => temps(dir).length > 0);
      child.kill(signal);
      const r = await done;
      expect(r.code).toBe(code);
      expect(r.stderr).toMatch(/interrupted; no output was written/);
      expect(readdirSync(dir)).toEqual([]);
    }, 120_000);
  }

  it('a second Ctrl-C with --workers 0 exits at once', async () => {
    const dir = tempDir();
    const child = start(['run', SMALL, ...HOUR_OF_RUNS, '--workers', '0', '--out', join(dir, 'result')]);
    const done = exited(child);
    await until(() => temps(dir).length > 0);
    child.kill('SIGINT');
    child.kill('SIGINT');
    expect((await done).code).toBe(130);
    expect(readdirSync(dir)).toEqual([]);
  }, 120_000);

  it('while the report is being written: the previous result stays as it was', async () => {
    const dir = tempDir();
    // Many regions: the replications end quickly, the report takes a while.
    const file = scenarioFile((y) => y.replace(/regions:[\s\S]*?settlementDefaults:/, `regions:\n${Array.from({ length: 1500 }, (_, i) => `  - { id: r${i}, name: Region ${i}, settlements: 1, connected: 0, crews: { fibre: 1 } }\n`).join('')}settlementDefaults:`), 'many.yaml', dir);
    const out = join(dir, 'result');
    const first = exited(start(['run', file, '--runs', '4', '--workers', '0', '--out', out, '-q']));
    expect((await first).code).toBe(0);
    const before = snapshot(out);
    const child = start(['run', file, '--runs', '4', '--seed', '2', '--workers', '0', '--out', out, '-q']);
    const done = exited(child);
    // runs.csv complete in the temporary folder: every replication has run, the report is next.
    const rows = () => {
      const t = temps(dir)[0];
      if (!t || !existsSync(join(dir, t, 'runs.csv'))) return 0;
      return readFileSync(join(dir, t, 'runs.csv'), 'utf8').split('\n').filter(Boolean).length;
    };
    await until(() => rows() === 5);
    child.kill('SIGINT');
    const r = await done;
    expect(r.code).toBe(130);
    expect(snapshot(out)).toEqual(before);
    expect(temps(dir)).toEqual([]);
  }, 180_000);
});

describe('temporary folders left by SIGKILL or an out-of-memory kill', () => {
  it('are removed by the next run beside them, once their owner is gone — never a live run\'s, never another machine\'s', async () => {
    const dir = tempDir();
    const child = start(['run', SMALL, ...HOUR_OF_RUNS, '--workers', '0', '--out', join(dir, 'result')]);
    const done = exited(child);
    await until(() => temps(dir).length > 0);
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    const stale = temps(dir);
    expect(stale).toHaveLength(1);
    // A live run's folder (this test process owns it) and another machine's.
    const tag = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
    const live = `.rollout-tmp-${process.pid}-${tag}-result-live00`;
    const foreign = `.rollout-tmp-${child.pid}-${tag === '00000000' ? '11111111' : '00000000'}-result-other0`;
    for (const d of [live, foreign]) {
      mkdirSync(join(dir, d));
      writeFileSync(join(dir, d, 'runs.csv'), 'x');
    }
    const next = exited(start(['run', SMALL, '--runs', '10', '--workers', '0', '--out', join(dir, 'result'), '-q']));
    expect((await next).code).toBe(0);
    expect(temps(dir).sort()).toEqual([live, foreign].sort());
    expect(readdirSync(dir)).toContain('result');
  }, 120_000);
});
