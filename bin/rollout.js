#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/cli/main.js (run `npm run build` first).
import('../dist/cli/main.js').then((m) => m.main(process.argv.slice(2)));
