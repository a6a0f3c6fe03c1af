#!/usr/bin/env node
/**
 * End-to-end check of a report page — report.html, comparison.html or sensitivity.html — in
 * headless Chromium, with the network off:
 *   node scripts/check-report.mjs <page.html> [--screenshot out.png] [--width 1280] [--height 6000]
 * Loads the page, lets the inline scripts run, dumps the DOM and checks that every chart
 * container was rendered by vega-embed (data-rendered="true", with an <svg> inside), that
 * none failed, that the page logged no script error or Content-Security-Policy violation
 * (the report forbids every fetch), and that nothing in it points at the network.
 * Exit 0 when all is well, 1 when a check failed, 2 on bad usage.
 * Needs Debian's chromium (apt-get install -y chromium) or CHROMIUM=/path/to/browser.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

function usage(msg) {
  if (msg) console.error(`check-report: ${msg}`);
  console.error('usage: node scripts/check-report.mjs <report.html|comparison.html|sensitivity.html> [--screenshot out.png] [--width 1280] [--height 6000]');
  process.exit(2);
}

const args = process.argv.slice(2);
let file;
let screenshot;
let width = 1280;
let height = 6000;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--screenshot') screenshot = args[++i];
  else if (a === '--width') width = Number(args[++i]);
  else if (a === '--height') height = Number(args[++i]);
  else if (a === '-h' || a === '--help') usage();
  else if (!file) file = a;
  else usage(`unexpected argument ${a}`);
}
if (!file) usage('no page given');
if (!existsSync(file) || !statSync(file).isFile()) usage(`no such file: ${file}`);

const browser = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));
if (!browser) {
  console.error('check-report: chromium not found; install it with `apt-get update && apt-get install -y chromium` or set CHROMIUM');
  process.exit(1);
}

const url = pathToFileURL(resolve(file)).href;
const profile = mkdtempSync(join(tmpdir(), 'check-report-'));
const common = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--hide-scrollbars',
  // Any attempt to reach the network fails: the report must not need it.
  '--host-resolver-rules=MAP * ~NOTFOUND',
  '--proxy-server=127.0.0.1:9',
  `--user-data-dir=${profile}`,
  '--virtual-time-budget=20000',
  `--window-size=${width},${height}`,
];

function run(extra) {
  const r = spawnSync(browser, [...common, ...extra, url], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000 });
  if (r.error) throw r.error;
  return r;
}

let failures = 0;
try {
  const dump = run(['--dump-dom', '--enable-logging=stderr', '--v=0']);
  const dom = dump.stdout ?? '';
  // The page's console: script errors, CSP violations (anything it tried to fetch) and failed loads fail the check.
  const consoleLines = (dump.stderr ?? '').split('\n').filter((l) => l.includes(':CONSOLE'));
  for (const line of consoleLines) {
    const msg = line.replace(/^.*?:CONSOLE[^\]]*\]\s*/, '');
    if (/Content Security Policy|Uncaught|Failed to load|net::ERR_/i.test(msg)) {
      failures++;
      console.error(`check-report: page error: ${msg.slice(0, 400)}`);
    } else console.warn(`check-report: page console: ${msg.slice(0, 400)}`);
  }
  if (!dom.includes('<html')) {
    console.error(`check-report: chromium returned no DOM (exit ${dump.status})\n${(dump.stderr ?? '').slice(-2000)}`);
    process.exit(1);
  }
  // Each chart container: <div class="chart" id="chart-N" data-chart="..." data-rendered="..."> (attributes in any order).
  const containers = [...dom.matchAll(/<div\b[^>]*\sclass="chart"[^>]*>/g)].map((m) => m[0]);
  const state = (tag, attr) => (new RegExp(`${attr}="([^"]*)"`).exec(tag) ?? [])[1];
  let rendered = 0;
  for (const tag of containers) {
    const name = state(tag, 'data-chart') ?? '?';
    const st = state(tag, 'data-rendered');
    if (st === 'true') rendered++;
    else {
      failures++;
      console.error(`check-report: chart '${name}' not rendered (data-rendered=${st ?? 'missing'}${state(tag, 'data-error') ? `: ${state(tag, 'data-error')}` : ''})`);
    }
  }
  const embedSvgs = (dom.match(/<div class="[^"]*\bvega-embed\b[^"]*"[^>]*>\s*<svg/g) ?? []).length;
  const specCount = (() => {
    const m = /<script type="application\/json" id="chart-specs">([\s\S]*?)<\/script>/.exec(dom);
    try {
      return m ? JSON.parse(m[1]).length : -1;
    } catch {
      return -1;
    }
  })();
  if (containers.length === 0) {
    failures++;
    console.error('check-report: no chart containers found');
  }
  if (specCount !== containers.length) {
    failures++;
    console.error(`check-report: ${specCount} specs but ${containers.length} chart containers`);
  }
  if (embedSvgs !== containers.length) {
    failures++;
    console.error(`check-report: ${embedSvgs} vega-embed <svg> elements for ${containers.length} charts`);
  }
  const remote = dom.match(/\s(?:src|href)="(?:https?:)?\/\/[^"]*"/g) ?? [];
  if (remote.length) {
    failures++;
    console.error(`check-report: remote references in the page: ${remote.slice(0, 5).join(' ')}`);
  }
  console.log(`check-report: ${rendered}/${containers.length} charts rendered by vega-embed (${embedSvgs} <svg>) in ${file}`);

  if (screenshot) {
    const shot = run([`--screenshot=${resolve(screenshot)}`]);
    if (!existsSync(resolve(screenshot))) {
      failures++;
      console.error(`check-report: screenshot not written (exit ${shot.status})\n${(shot.stderr ?? '').slice(-2000)}`);
    } else console.log(`check-report: screenshot ${screenshot} (${width}×${height})`);
  }
} finally {
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failures ? 1 : 0);
