import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvText, settlementsCsv } from '../../src/report/csv.js';
import { clean, safeJson } from '../../src/cli/terminal.js';
import { rollout, scenarioFile, tempDir } from './helpers.js';

/**
 * Nothing a file says may act on another tool: a settlement id '=HYPERLINK(...)' must not
 * become a live formula in the planner's spreadsheet, a label must not drive the terminal,
 * and an error must never quote a file that is not a scenario (settlementsFile: /etc/shadow).
 */

const FORMULAS = ['=HYPERLINK("http://evil.example","click")', '+1+1', '-2+3', '@SUM(A1:A2)', '\tcmd', '\rcmd'];

/** The CSV cells of a line (simple: quoted cells hold no commas in these tests). */
const cells = (line: string) => line.split(',').map((c) => c.replace(/^"|"$/g, '').replace(/""/g, '"'));

describe('CSV cells a spreadsheet would execute are neutralised', () => {
  it('text starting with = + - @ tab or CR gets a leading quote; numbers stay numbers', () => {
    for (const f of FORMULAS) expect(csvText(f)).toBe(`'${f}`);
    expect(csvText('Akmola')).toBe('Akmola');
    expect(csvText(-0.5)).toBe(-0.5);
    const text = settlementsCsv([{ settlement: '=1+1', region: 'a', delta: -0.5 }]);
    expect(text.trim().split('\n')[1]).toBe("'=1+1,a,-0.5");
  });

  it('in the settlements CSV of a replay, whatever the ids in the planner\'s list', async () => {
    const dir = tempDir();
    const file = scenarioFile((y) => y.replace(/regions:[\s\S]*?settlementDefaults:/, 'settlementsFile: s.csv\nregions:\n  - { id: only, name: Only, crews: { fibre: 4 } }\nsettlementDefaults:'), 'scenario.yaml', dir);
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    writeFileSync(join(dir, 's.csv'), `id,region,population,connected,backboneKm\n${FORMULAS.map((f, i) => `${quote(f)},only,${10 + i},false,3`).join('\n')}\n`);
    const out = join(dir, 'out');
    const r = await rollout(['run', file, '--replay', '0', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const rows = readFileSync(join(out, 'replication-0-settlements.csv'), 'utf8').split('\n').slice(1).filter(Boolean);
    expect(rows).toHaveLength(FORMULAS.length);
    for (const row of rows) expect(row.replace(/^"/, '')).toMatch(/^'/);
  }, 30_000);

  it('in every CSV of a run: no text cell starts like a formula (ids and currency cannot carry one)', async () => {
    const dir = tempDir();
    const file = scenarioFile((y) => y.replace('currency: units', 'currency: "=cmd|\' /C calc\'!A0"'), 'scenario.yaml', dir);
    const out = join(dir, 'out');
    expect((await rollout(['run', file, '--runs', '20', '--workers', '0', '--out', out, '-q'])).status).toBe(0);
    for (const f of readdirSync(out).filter((x) => x.endsWith('.csv'))) {
      for (const line of readFileSync(join(out, f), 'utf8').trim().split('\n')) {
        for (const c of cells(line)) if (!/^-?\d/.test(c)) expect(c, `${f}: ${line}`).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
  }, 30_000);
});

describe('terminal output carries no control characters or escape sequences from files', () => {
  const ESC = '\u001b';
  it('clean() strips CSI, OSC and other escapes, C0/C1 controls and bidi overrides', () => {
    expect(clean(`Akmola${ESC}[2J${ESC}]0;pwned\u0007 ok`)).toBe('Akmola ok');
    expect(clean(`a${ESC}[31mred${ESC}[0m`)).toBe('ared');
    expect(clean('a\u202Eb\u0085c\rd')).toBe('abcd');
    expect(clean('line 1\nline 2\tx')).toBe('line 1\nline 2\tx');
    expect(clean('fake\u2028line')).toBe('fake line');
  });

  it('a label with escape sequences is printed without them', async () => {
    const dir = tempDir();
    const file = scenarioFile((y) => y.replace('label: Half of the jobs done', 'label: "Half \\e[2J\\e]0;pwned\\a done"'), 'scenario.yaml', dir);
    const r = await rollout(['run', file, '--runs', '20', '--workers', '0', '--out', join(dir, 'out')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Half\s+done/);
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  }, 30_000);

  it('--json and show write C1 controls, bidi overrides and line separators as \\u escapes: the same data, harmless on a screen', async () => {
    expect(safeJson('{"label":"a\u202Eb\u009b2J\u0085c\u2028d"}')).toBe('{"label":"a\\u202eb\\u009b2J\\u0085c\\u2028d"}');
    expect(JSON.parse(safeJson(JSON.stringify({ label: 'a\u202Eb\u009b' })))).toEqual({ label: 'a\u202Eb\u009b' });
    const dir = tempDir();
    const file = scenarioFile((y) => y.replace('label: Half of the jobs done', 'label: "Half \\u202E of the \\x9b2J jobs done"'), 'scenario.yaml', dir);
    for (const args of [['show', file], ['run', file, '--runs', '5', '--workers', '0', '--out', join(dir, 'out'), '--json']]) {
      const r = await rollout(args);
      expect(r.status).toBe(0);
      expect(r.stdout).not.toMatch(/[\u007f-\u009f\u202a-\u202e]/);
      expect(r.stdout).toContain('Half \\u202e of the \\u009b2J jobs done');
    }
  }, 30_000);

  it('an error quoting a value with escape sequences prints it without them', async () => {
    const dir = tempDir();
    const file = scenarioFile((y) => y.replace('  - id: only', '  - season: "winter\\e[2J\\e]0;pwned\\a"\n    id: only'), 'scenario.yaml', dir);
    const r = await rollout(['run', file, '--workers', '0', '--out', join(dir, 'out')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/expected a season declared in seasons/);
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  }, 30_000);
});

describe('errors never quote a file that is not a scenario', () => {
  const SECRET = 'root:$6$SECRETHASH$x:19000:0:99999:7:::';
  it('settlementsFile pointing at a system file: named, not quoted, with the header expected', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'shadow'), `${SECRET}\ndaemon:*:19000:0:99999:7:::\n`);
    const file = scenarioFile((y) => y.replace('regions:', 'settlementsFile: shadow\nregions:'), 'scenario.yaml', dir);
    const r = await rollout(['validate', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/expected a settlements CSV whose first line names its columns \(id, region, population, connected required/);
    expect(r.stderr).not.toMatch(/SECRET|root|daemon/);
  }, 30_000);

  it('extends pointing at a file that is not a scenario', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'shadow'), `${SECRET}\n`);
    writeFileSync(join(dir, 'child.yaml'), 'extends: shadow\nname: child\n');
    const r = await rollout(['validate', join(dir, 'child.yaml')]);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/SECRET|root/);
  }, 30_000);
});
