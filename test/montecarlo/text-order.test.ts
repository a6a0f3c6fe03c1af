import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { byText } from '../../src/montecarlo/text-order.js';
import { ROOT } from '../cli/helpers.js';

describe('byText', () => {
  it('orders by English collation: case after letter, accents after the plain letter', () => {
    expect(['Zebra', 'apple', 'y', 'j'].sort(byText)).toEqual(['apple', 'j', 'y', 'Zebra']);
    expect(['résumé', 'resume', 'Resume'].sort(byText)).toEqual(['resume', 'Resume', 'résumé']);
    expect(byText('a', 'a')).toBe(0);
  });

  it('is the same under any LANG, where localeCompare is not (Lithuanian sorts y beside i)', () => {
    // The built module (npm test builds dist/), in a process started with another locale.
    const module = pathToFileURL(join(ROOT, 'dist', 'montecarlo', 'text-order.js')).href;
    const script = `import { byText } from '${module}';
      const words = ['y', 'j', 'i'];
      console.log(JSON.stringify({ byText: [...words].sort(byText), localeCompare: [...words].sort((a, b) => a.localeCompare(b)) }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'lt_LT.UTF-8', LANG: 'lt_LT.UTF-8' } });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { byText: string[]; localeCompare: string[] };
    expect(out.localeCompare, 'the locale reaches the process (else this test shows nothing)').toEqual(['i', 'y', 'j']);
    expect(out.byText).toEqual(['i', 'j', 'y']);
  });
});
