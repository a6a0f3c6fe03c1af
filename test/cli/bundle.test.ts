import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, ROOT, rollout, tempDir } from './helpers.js';

/**
 * bin/rollout.js runs the bundle (dist/bundle/, scripts/bundle-cli.mjs), whose commands load
 * their code as chunks when they run. Most command tests call `cli()` in this process, from
 * dist/cli/ (not bundled); run, compare, merge, goal, validate, show and bench also run as
 * real processes elsewhere. These are the other commands, each once through the bundle, so
 * a chunk that fails to load (a module left out, a file read beside the code) fails here.
 */
describe('the bundled command line', () => {
  it('lists every file it holds and the modules inside, and only files that exist', () => {
    const inputs = JSON.parse(readFileSync(join(ROOT, 'dist', 'bundle', 'inputs.json'), 'utf8')) as Record<string, string[]>;
    expect(inputs['main.js']).toContain('dist/cli/main.js');
    expect(inputs['worker.js']).toContain('dist/montecarlo/worker.js');
    const files = readdirSync(join(ROOT, 'dist', 'bundle')).filter((f) => f.endsWith('.js'));
    expect(Object.keys(inputs).sort()).toEqual(files.sort());
    // The schema's validator compiled at build time sits beside the code that reads it.
    expect(existsSync(join(ROOT, 'dist', 'bundle', 'schema-validator.cjs'))).toBe(true);
  });

  it('runs sensitivity and allocate and writes their answers and charts', () => {
    const dir = tempDir();
    const sens = rollout(['sensitivity', fixture('known/exponential-crews.yaml'), '--runs', '20', '--workers', '0', '--out', join(dir, 'sens'), '-q']);
    expect(sens.stderr).toBe('');
    expect(sens.status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'sens', 'sensitivity.json'), 'utf8')).swings.length).toBeGreaterThan(0);
    expect(readdirSync(join(dir, 'sens', 'charts')).some((f) => f.endsWith('.svg'))).toBe(true);
    const alloc = rollout(['allocate', fixture('known/three-regions.yaml'), '--target', 'ninety', '--crews', '2', '--runs', '10', '--workers', '0', '--out', join(dir, 'alloc'), '-q']);
    expect(alloc.stderr).toBe('');
    expect(alloc.status).toBe(0);
    expect(existsSync(join(dir, 'alloc', 'allocation.html'))).toBe(true);
    expect(readdirSync(join(dir, 'alloc', 'charts')).filter((f) => f.endsWith('.svg')).sort()).toEqual(['allocation-path.svg', 'allocation-split.svg']);
  }, 120_000);
});
