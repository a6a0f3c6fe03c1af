#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/bundle/main.js, the bundle of dist/cli/main.js (run `npm run build` first).
import { fileURLToPath } from 'node:url';

// --debug prints stack traces: through the bundle's source maps they name src/*.ts and its
// lines, not positions in dist/bundle/ chunks. Only then: reading the maps costs start-up.
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);

import('../dist/bundle/main.js').then(
  (m) => m.main(process.argv.slice(2)),
  (e) => {
    // A clone that was never built: say what to do, not Node's stack trace.
    if (e?.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('/dist/bundle/main.js')) {
      const root = fileURLToPath(new URL('..', import.meta.url));
      process.stderr.write(`rollout: the command line is not built (dist/bundle/main.js is missing): run 'npm run build' in ${root}\n`);
      process.exit(1);
    }
    throw e;
  },
);
