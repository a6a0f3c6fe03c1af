import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rollout, scenarioFile, tempDir } from './helpers.js';

/**
 * Valid input must never crash after the whole simulation. Today a region id `toString`,
 * a label with U+2028 and 2,000 regions all crashed in the charts once every replication
 * had run; huge crew numbers overflowed 32-bit counters; a 30,000-character label with
 * --png ate 13.6 GB.
 */

const valid: { name: string; edit: (y: string) => string; csv?: string; runs?: string }[] = [
  { name: "a region id 'toString'", edit: (y) => y.replace('id: only', 'id: toString') },
  { name: "a region id 'constructor' and another 'valueOf'", edit: (y) => y.replace('  - id: only', '  - { id: valueOf, name: V, settlements: 3, connected: 0, crews: { fibre: 1 } }\n  - id: constructor') },
  { name: "a target id 'hasOwnProperty'", edit: (y) => y.replace('id: half', 'id: hasOwnProperty') },
  { name: 'a label with U+2028 and U+2029', edit: (y) => y.replace('label: Half of the jobs done', 'label: "Half\\u2028of the\\u2029 jobs"').replace('name: Only region', 'name: "Only\\u2028region"') },
  { name: 'a label with a line feed and a tab', edit: (y) => y.replace('label: Half of the jobs done', 'label: "Half\\nof the\\tjobs"') },
  {
    name: "settlement ids '__proto__', 'constructor' and 'toString' in the CSV",
    edit: (y) => y.replace(/regions:[\s\S]*?settlementDefaults:/, 'settlementsFile: s.csv\nregions:\n  - { id: only, name: Only, crews: { fibre: 4 } }\nsettlementDefaults:'),
    csv: 'id,region,population,connected,backboneKm\n__proto__,only,10,false,3\nconstructor,only,20,false,4\ntoString,only,30,true,5\n',
  },
  {
    name: '2,000 regions (the waits and region charts overflowed the stack)',
    edit: (y) => y.replace(/regions:[\s\S]*?settlementDefaults:/, `regions:\n${Array.from({ length: 2000 }, (_, i) => `  - { id: r${i}, name: Region ${i}, settlements: 1, connected: 0, crews: { fibre: 1 } }\n`).join('')}settlementDefaults:`),
    runs: '3',
  },
];

describe('valid input runs and writes its report', () => {
  for (const c of valid) {
    it(c.name, async () => {
      const dir = tempDir();
      const file = scenarioFile(c.edit, 'scenario.yaml', dir);
      if (c.csv) writeFileSync(join(dir, 's.csv'), c.csv);
      const out = join(dir, 'out');
      const r = await rollout(['run', file, '--runs', c.runs ?? '20', '--workers', '0', '--out', out, '-q']);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(existsSync(join(out, 'report.html'))).toBe(true);
      const charts = readdirSync(join(out, 'charts'));
      expect(charts.filter((f) => f.endsWith('.svg')).length).toBe(charts.filter((f) => f.endsWith('.vl.json')).length);
      // Labels drawn on one line: no line or paragraph separator reaches a chart spec.
      for (const f of charts.filter((x) => x.endsWith('.vl.json'))) expect(readFileSync(join(out, 'charts', f), 'utf8')).not.toMatch(/\u2028|\u2029|\\n|\\t/);
    }, 180_000);
  }
});

const refused: { name: string; edit: (y: string) => string; args?: string[]; message: RegExp }[] = [
  {
    name: 'nationalCrews of 1e11 (32-bit overflow)',
    edit: (y) => y.replace('kmPerDay: 1', 'kmPerDay: 1\nnationalCrews: { crews: { fibre: 100000000000 }, rebalanceEveryDays: 30 }'),
    message: /nationalCrews\.crews\.fibre: expected a whole number from 0 to 100,000, found 100000000000/,
  },
  {
    name: 'crew changes that compound past a million crews',
    edit: (y) => y.replace('kmPerDay: 1', 'kmPerDay: 1\ncrewChanges:\n  - { date: 2026-02-01, technology: fibre, multiply: 100 }\n  - { date: 2026-03-01, technology: fibre, multiply: 100 }\n  - { date: 2026-04-01, technology: fibre, multiply: 100 }'),
    message: /crewChanges\[2\]: expected crew changes that keep every region within 1,000,000 fibre crews, found 4,000,000 fibre crews in region 'only' after this change/,
  },
  {
    name: 'a 30,000-character label with --png',
    edit: (y) => y.replace('label: Half of the jobs done', `label: ${'x'.repeat(30_000)}`),
    args: ['--png'],
    message: /targets\[0\]\.label: expected non-empty text of at most 200 characters, found text of 30,000 characters/,
  },
];

describe('valid-looking input beyond what a replication can hold is refused at validation: exit 2', () => {
  for (const c of refused) {
    it(c.name, async () => {
      const dir = tempDir();
      const file = scenarioFile(c.edit, 'scenario.yaml', dir);
      const out = join(dir, 'out');
      const r = await rollout(['run', file, '--workers', '0', '--out', out, ...(c.args ?? [])]);
      expect(r.stderr).toMatch(c.message);
      expect(r.stderr.length).toBeLessThan(2000); // the label is not echoed back whole
      expect(r.status).toBe(2);
      expect(existsSync(out)).toBe(false);
    }, 30_000);
  }
});
