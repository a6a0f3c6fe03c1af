import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, fixture, ROOT, tempDir } from './helpers.js';

/**
 * Start-up: commands that draw no chart must not load the chart libraries or the native
 * PNG renderer (they cost most of a second, and a missing native binary must not break
 * them). Checked by recording every module a real `rollout` process loads (through
 * test/fixtures/probe/modules.mjs), not by timing anything. bin/rollout.js runs the bundle
 * (dist/bundle/, scripts/bundle-cli.mjs): a bundle file stands for the modules inside it, as
 * the build's dist/bundle/inputs.json lists them, so what a command loads is still said
 * module by module, and a change that pulls the model into validate's chunk fails here.
 */
const PROBE = join(ROOT, 'test', 'fixtures', 'probe', 'modules.mjs');
const BUNDLE = join(ROOT, 'dist', 'bundle');

/** The files loaded, each bundle file replaced by the modules it holds (absolute paths). */
function unbundled(files: string[]): string[] {
  const inside = JSON.parse(readFileSync(join(BUNDLE, 'inputs.json'), 'utf8')) as Record<string, string[]>;
  return files.flatMap((f) => {
    const name = f.startsWith(`${BUNDLE}/`) ? f.slice(BUNDLE.length + 1) : undefined;
    return name !== undefined && inside[name] ? inside[name].map((m) => join(ROOT, m)) : [f];
  });
}
const CHART_LIBS = ['vega', 'vega-lite', 'vega-embed', '@resvg/resvg-js'];
const scenario = fixture('known/exponential-crews.yaml');

function probe(args: string[], env: Record<string, string> = {}) {
  const modules = join(tempDir('rollout-probe-'), 'modules.txt');
  const r = spawnSync(process.execPath, ['--import', PROBE, BIN, ...args], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', PROBE_MODULES: modules, ...env },
  }, 120_000);
  const loaded = unbundled(existsSync(modules) ? readFileSync(modules, 'utf8').split('\n').filter(Boolean) : []);
  const packages = new Set(loaded.filter((f) => f.includes('/node_modules/')).map((f) => {
    const parts = f.split('/node_modules/').pop()!.split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }));
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, loaded, packages };
}

describe('start-up', () => {
  it('--help, --version, validate and show load no chart library and no native renderer', () => {
    for (const args of [['--help'], ['--version'], ['run', '--help'], ['validate', scenario, join(ROOT, 'scenarios', 'kazakhstan-baseline.yaml')], ['show', scenario]]) {
      const r = probe(args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.packages.has('yargs'), 'the probe records modules').toBe(true);
      for (const lib of CHART_LIBS) expect(r.packages.has(lib), `${args.join(' ')} loads ${lib}`).toBe(false);
    }
  }, 120_000);

  it('--help and --version load neither the model nor the engine nor the scenario parser', () => {
    for (const args of [['--help'], ['--version']]) {
      const r = probe(args);
      expect(r.status).toBe(0);
      const ours = r.loaded.filter((f) => f.includes('/dist/')).map((f) => f.slice(f.lastIndexOf('/dist/') + 6));
      expect(ours).toContain('cli/main.js');
      expect(ours.filter((f) => /^(model|engine)\/|^scenario\/load\.js|^montecarlo\/pool\.js/.test(f)), args.join(' ')).toEqual([]);
      expect(r.packages.has('yaml')).toBe(false);
    }
  }, 120_000);

  it('validate loads the model\'s declarations but not the simulation (no event queue, no replication, no model index)', () => {
    const r = probe(['validate', join(ROOT, 'scenarios', 'kazakhstan-from-status.yaml'), join(ROOT, 'scenarios', 'backtest-ppp-2018.yaml')]);
    expect(r.status, r.stderr).toBe(0);
    const ours = r.loaded.filter((f) => f.includes('/dist/')).map((f) => f.slice(f.lastIndexOf('/dist/') + 6));
    expect(ours).toContain('scenario/load.js');
    expect(ours).toContain('model/services.js');
    expect(ours.filter((f) => /^engine\/(event-queue|simulation|resource|index)\.js$|^model\/(index|replication|compile)\.js$|^model\/handlers\//.test(f))).toEqual([]);
  }, 120_000);

  it('validate uses the schema compiled at build time: ajv\'s compiler is not loaded for a valid file', () => {
    const r = probe(['validate', scenario]);
    expect(r.status).toBe(0);
    expect(r.loaded.some((f) => f.endsWith('schema-validator.cjs'))).toBe(true);
    expect(r.loaded.filter((f) => /node_modules\/ajv\/dist\/(ajv|core)\.js$/.test(f))).toEqual([]);
  }, 120_000);

  it('run --shard and --replay draw no chart and load no chart library; a full run does', () => {
    const dir = tempDir();
    const shard = probe(['run', scenario, '--runs', '20', '--shard', '1/2', '--out', join(dir, 'part'), '-q']);
    expect(shard.status).toBe(0);
    const replay = probe(['run', scenario, '--replay', '3']);
    expect(replay.status).toBe(0);
    for (const r of [shard, replay]) for (const lib of CHART_LIBS) expect(r.packages.has(lib)).toBe(false);
    const run = probe(['run', scenario, '--runs', '20', '--out', join(dir, 'full'), '-q']);
    expect(run.status).toBe(0);
    expect(run.packages.has('vega')).toBe(true);
    expect(run.packages.has('@resvg/resvg-js')).toBe(false); // no --png
  }, 120_000);
});

describe('without the PNG renderer\'s native binary', () => {
  const noResvg = { PROBE_NO_RESVG: '1' };

  it('--version and a run without --png work', () => {
    const v = probe(['--version'], noResvg);
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    const out = join(tempDir(), 'result');
    const r = probe(['run', scenario, '--runs', '20', '--out', out, '-q'], noResvg);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  }, 120_000);

  it('--png fails before any work, saying what is missing and what to do, and writes nothing', () => {
    const dir = tempDir();
    const r = probe(['run', scenario, '--runs', '20', '--out', join(dir, 'result'), '--png'], noResvg);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--png\) needs the native renderer @resvg\/resvg-js for \w+-\w+/);
    expect(r.stderr).toMatch(/Cannot find module '@resvg\/resvg-js-/);
    expect(r.stderr).toMatch(/leave out --png/);
    expect(readdirSync(dir)).toEqual([]);
    // The same command with the binary present draws the PNGs (the probe itself breaks nothing else).
    const ok = probe(['run', scenario, '--runs', '20', '--out', join(dir, 'result'), '--png', '-q']);
    expect(ok.status).toBe(0);
    expect(readdirSync(join(dir, 'result', 'charts')).some((f) => f.endsWith('.png'))).toBe(true);
  }, 120_000);
});

describe('without the PNG fonts', () => {
  it('--png fails before any work, naming the font package, and writes nothing; without --png all is well', () => {
    const dir = tempDir();
    const r = probe(['run', scenario, '--runs', '20', '--out', join(dir, 'result'), '--png'], { PROBE_NO_FONTS: '1' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--png\) draws its text in DejaVu Sans from the package dejavu-fonts-ttf, which could not be found/);
    expect(r.stderr).toMatch(/leave out --png/);
    expect(readdirSync(dir)).toEqual([]);
    const ok = probe(['run', scenario, '--runs', '20', '--out', join(dir, 'result'), '-q'], { PROBE_NO_FONTS: '1' });
    expect(ok.status).toBe(0);
  }, 120_000);
});

describe('a clone that was never built', () => {
  it('the launcher says to build, without a stack trace', () => {
    const dir = tempDir('rollout-unbuilt-');
    mkdirSync(join(dir, 'bin'));
    copyFileSync(BIN, join(dir, 'bin', 'rollout.js'));
    copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
    const r = spawnSync(process.execPath, [join(dir, 'bin', 'rollout.js'), '--version'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("rollout: the command line is not built (dist/bundle/main.js is missing): run 'npm run build' in ");
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack frames
  }, 120_000);
});
