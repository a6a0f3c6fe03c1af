#!/usr/bin/env node
// Build step after tsc: bundles the command line (dist/cli/main.js) and its worker thread
// (dist/montecarlo/worker.js) with esbuild into dist/bundle/, what bin/rollout.js runs.
//
// Why: `rollout validate` loaded ~190 modules of yaml, ~60 of yargs and its helpers and
// ~100 of ours, one file at a time; resolving and compiling them was a third of its
// start-up. A bundle is a handful of files. Code splitting keeps every command's own code
// (and through it the worker pool, the model, the report) in chunks its handler imports
// when it runs, so `--help` still loads neither the scenario parser nor the model.
//
// Not bundled: the chart libraries and the native PNG renderer (vega, vega-lite,
// vega-embed, @resvg/resvg-js: only commands that draw load them, from node_modules as
// before), and ajv, which only a schema that changed after the build needs. The library
// (dist/index.js) is not bundled either: importers get the modules tsc wrote.
//
// dist/bundle/inputs.json lists, per output file, the modules inside it (paths from the
// package root), so test/cli/startup.test.ts can still say which modules a command loaded.
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const out = join(dist, 'bundle');
// Chunk names carry a hash of their content: an earlier build's chunks would stay beside
// the new ones, unused. dist/bundle/ holds only what this script writes.
rmSync(out, { recursive: true, force: true });

const result = await build({
  absWorkingDir: root,
  // Output names matter: the pool starts `./worker.js` beside its own code, and chunks sit
  // two folders below the package root, as dist/<layer>/ files do (../../package.json,
  // ../../scenarios/schema.json resolve the same).
  entryPoints: { main: join(dist, 'cli', 'main.js'), worker: join(dist, 'montecarlo', 'worker.js') },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  // No `target`: the code is kept as written (it runs on the Node its packages require).
  // With target node20, esbuild rewrote string-width's regular-expression literals with
  // Unicode properties as `new RegExp(...)` calls, built when the module loads, where a
  // literal is compiled on first use: /^\p{RGI_Emoji}$/v alone cost 22 ms of every start.
  external: ['vega', 'vega-lite', 'vega-embed', '@resvg/resvg-js', 'ajv', 'ajv/*'],
  // yaml is CommonJS and requires Node's built-ins; an ES module has no `require` of its own.
  banner: { js: "import { createRequire as __rolloutRequire } from 'node:module'; const require = __rolloutRequire(import.meta.url);" },
  // Maps to the TypeScript (through tsc's maps) for `node --enable-source-maps`; the sources
  // themselves stay in src/, not copied into the package a second time.
  sourcemap: true,
  sourcesContent: false,
  metafile: true,
  legalComments: 'linked',
  logLevel: 'warning',
});

const inputs = {};
for (const [file, { inputs: parts }] of Object.entries(result.metafile.outputs)) {
  if (file.endsWith('.map') || file.endsWith('.LEGAL.txt')) continue;
  inputs[relative(out, join(root, file)).split('\\').join('/')] = Object.keys(parts).sort();
}
writeFileSync(join(out, 'inputs.json'), `${JSON.stringify(inputs, null, 1)}\n`);

// The scenario schema compiled at build time is read at run time beside the code that uses it.
copyFileSync(join(dist, 'scenario', 'schema-validator.cjs'), join(out, 'schema-validator.cjs'));
