import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { rollout, scenarioFile, SMALL, tempDir } from './helpers.js';

/**
 * Inputs that used to hang (or run for hours, or exhaust memory after a long run) are
 * stopped at once: exit 2 with what is too big, the limit, and how to make it smaller.
 */

const mastSection = 'mast: { siteAllocation: 1, permit: 1, construction: 1, powerAndBackhaul: 1, cost: 1 }\n';

const cases: { name: string; edit?: (y: string) => string; args?: string[]; message: RegExp }[] = [
  {
    name: 'a rejection probability of 0.9999999999 (resubmissions that never end)',
    edit: (y) => y.replace('kmPerDay: 1', 'kmPerDay: 1\n  approvalOffice: { capacity: 2, rejection: 0.9999999999, resubmission: 1 }'),
    message: /fibre\.approvalOffice\.rejection: expected a probability from 0 to 0\.95, found 0\.9999999999/,
  },
  {
    name: 'a horizon from year 0100 to 9999',
    edit: (y) => y.replace('start: 2026-01-01', 'start: 0100-01-01').replace('horizon: 2026-12-31', 'horizon: 9999-12-31'),
    message: /start: expected a date from 1900 to 2200, found '0100-01-01'[\s\S]*horizon: expected a date from 1900 to 2200, found '9999-12-31'/,
  },
  {
    name: 'a 74-year horizon',
    edit: (y) => y.replace('horizon: 2026-12-31', 'horizon: 2099-12-31'),
    message: /horizon: expected a horizon at most 50 years after start \(2026-01-01\)/,
  },
  {
    name: 'national crews re-balanced every 1e-9 days',
    edit: (y) => y.replace('kmPerDay: 1', 'kmPerDay: 1\nnationalCrews: { crews: { fibre: 2 }, rebalanceEveryDays: 1.0e-9 }'),
    message: /nationalCrews\.rebalanceEveryDays: expected a number >= 1, found 1e-9/,
  },
  {
    name: 'a motorway of 1e9 km',
    edit: (y) => `${y}${mastSection}motorways:\n  - { id: m1, label: M1, region: only, km: 1.0e9, mastEveryKm: 10 }\n`,
    message: /motorways\[0\]\.km: expected a number > 0 and <= 100,000, found 1000000000/,
  },
  {
    name: 'a million motorway masts',
    edit: (y) => `${y}${mastSection}motorways:\n  - { id: m1, label: M1, region: only, km: 100000, mastEveryKm: 0.1 }\n`,
    message: /motorways: expected at most 100,000 motorway masts in all \(km \/ mastEveryKm per corridor\), found 1,000,000 masts/,
  },
  {
    // About 1 TB per thread: more than any machine this runs on.
    name: '100 regions of a million settlements, reported daily (memory estimated before the run)',
    edit: (y) => y.replace('currency: units', 'currency: units\nreportEveryDays: 1').replace(/regions:[\s\S]*?settlementDefaults:/, `regions:\n${Array.from({ length: 100 }, (_, i) => `  - { id: r${i}, name: R${i}, settlements: 1000000, connected: 0, crews: { fibre: 4 } }\n`).join('')}settlementDefaults:`),
    args: ['--workers', '2'],
    message: /this run would need about [\d.]+ GB of memory, more than the [\d.]+ GB it may use[\s\S]*100,000,000 settlements x 202 series x 366 report dates[\s\S]*To make it smaller: fewer --workers/,
  },
  { name: '--runs 1e12', args: ['--runs', '1e12'], message: /--runs must be a whole number from 1 to 10,000,000/ },
  { name: '--workers 1000000', args: ['--workers', '1000000'], message: /--workers must be a whole number from 0 to \d+, got 1000000/ },
];

describe('inputs that would hang or exhaust the machine stop at once: exit 2, nothing written', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const dir = tempDir();
      const file = c.edit ? scenarioFile(c.edit, 'scenario.yaml', dir) : SMALL;
      const out = join(dir, 'out');
      const r = await rollout(['run', file, '--out', out, ...(c.args ?? ['--workers', '0'])]);
      expect(r.stderr).toMatch(c.message);
      expect(r.status).toBe(2);
      expect(existsSync(out)).toBe(false);
    }, 60_000);
  }
});
