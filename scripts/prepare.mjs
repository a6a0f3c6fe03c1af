#!/usr/bin/env node
// npm's `prepare` hook: runs on `npm ci`/`npm install` in a clone and when npm installs this
// package from git (there with dev dependencies, then it packs the result), so those get
// a built dist/. A production install (`npm ci --omit=dev`) has no TypeScript: it keeps
// the dist/ already built (e.g. by an image's build stage) and fails clearly without one.
// An installed tarball has no src/ and is never rebuilt.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const built = existsSync(at('dist/index.js')) && existsSync(at('dist/bundle/main.js'));

if (!existsSync(at('src')) || !existsSync(at('tsconfig.json'))) process.exit(0); // not a source checkout

let hasTsc = true;
try {
  createRequire(at('package.json')).resolve('typescript/bin/tsc');
} catch {
  hasTsc = false;
}

if (!hasTsc) {
  if (built) {
    console.error('rollout-sim: TypeScript is not installed (production install); using the dist/ already built.');
    process.exit(0);
  }
  console.error('rollout-sim: dist/ is not built and TypeScript is not installed (a production install of a fresh clone).\n'
    + 'Build first with dev dependencies (npm ci && npm run build), then `npm ci --omit=dev` keeps dist/; or install the packed tarball (npm pack).');
  process.exit(1);
}

const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
