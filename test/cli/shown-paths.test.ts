import { describe, it, expect } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, rollout, rolloutIn, tempDir } from './helpers.js';
import { shownPath } from '../../src/cli/terminal.js';

const small = fixture('observe/small.yaml');

describe('paths on the terminal are ones the user can use from where they are', () => {
  it('relative to the current directory when inside it, else absolute', () => {
    expect(shownPath('/home/ana/out/report.html', '/home/ana')).toBe('out/report.html');
    expect(shownPath('out/report.html', '/home/ana')).toBe('out/report.html');
    expect(shownPath('/home/rp/summary.json', '/home/ana')).toBe('/home/rp/summary.json');
    expect(shownPath('../rp/summary.json', '/home/ana')).toBe('/home/rp/summary.json');
    expect(shownPath('/home/ana/..x/summary.json', '/home/ana')).toBe('..x/summary.json'); // a folder whose name starts with two dots is still inside
    expect(shownPath('/home/ana', '/home/ana')).toBe('.');
  });

  it('run --previous from another directory: the earlier summary.json and the report, each as it opens from there', async () => {
    const dir = tempDir();
    const rp = join(dir, 'rp');
    expect((await rolloutIn(['run', small, '--runs', '20', '--workers', '0', '--out', rp, '--quiet'])).status).toBe(0);
    const here = join(dir, 'x');
    mkdirSync(here);
    const r = rollout(['run', small, '--runs', '20', '--workers', '0', '--previous', rp, '--out', join(here, 'o')], { cwd: here });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // Outside the current directory: absolute ('rp/summary.json' does not exist from here).
    expect(r.stdout).toContain(`\nSince the previous forecast (${join(rp, 'summary.json')}: `);
    // Inside it, though named absolute with --out: relative.
    expect(r.stdout).toMatch(/^Report: {2}o\/report\.html$/m);
    expect(r.stdout).toMatch(/^Summary: o\/summary\.json$/m);
    const replay = rollout(['run', small, '--runs', '5', '--replay', '1', '--out', join(here, 'rep')], { cwd: here });
    expect(replay.status).toBe(0);
    expect(replay.stdout).toMatch(/^ {2}every settlement: rep\/replication-1-settlements\.csv$/m);
  }, 120_000);
});
