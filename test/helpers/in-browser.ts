import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const candidates = process.env.CHROMIUM !== undefined ? [process.env.CHROMIUM] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
/** The headless Chromium to measure pages in (undefined: none installed, and such tests skip). */
export const browser = candidates.find((p) => p && existsSync(p));

/**
 * Loads a page in headless Chromium at a desktop window's width and returns what `measure`
 * (the body of a JavaScript function, run once every chart has been drawn by vega-embed)
 * returns, as JSON. The page's own Content-Security-Policy, which forbids added scripts, is
 * taken out of the copy written to `dir`.
 *
 * @example measureInBrowser(html, dir, 'return document.title')   // 'kazakhstan-baseline: …'
 */
export function measureInBrowser<T>(html: string, dir: string, measure: string, width = 1300): T {
  const file = join(dir, `page-${Math.random().toString(36).slice(2)}.html`);
  const script = `<script>(() => {
    const done = () => { const out = (() => { ${measure} })(); document.body.setAttribute('data-measured', JSON.stringify(out)); };
    const wait = () => { const all = document.querySelectorAll('.chart').length; const drawn = document.querySelectorAll('.chart[data-rendered]').length;
      if (drawn >= all) done(); else setTimeout(wait, 50); };
    addEventListener('load', wait); })();</script>`;
  const page = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
  // The page's own </body> is its last: the inlined libraries' text has one too.
  const end = page.lastIndexOf('</body>');
  writeFileSync(file, `${page.slice(0, end)}${script}${page.slice(end)}`);
  const r = spawnSync(browser!, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', `--user-data-dir=${join(dir, 'profile')}`, '--virtual-time-budget=20000', `--window-size=${width},2000`, '--dump-dom', `file://${file}`], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000 });
  const m = /data-measured="([^"]*)"/.exec(r.stdout ?? '');
  if (!m) throw new Error(`the page measured nothing: ${(r.stderr ?? '').slice(-1000)}`);
  return JSON.parse(m[1]!.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')) as T;
}
