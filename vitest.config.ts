import { defineConfig } from 'vitest/config';

// The suite must pass on a busy 2-core machine: no test relies on how fast it runs, and the
// time limits only catch a hang (vitest's 5 s default failed tests that take 1-2 s when the
// machine is quiet but 6+ s beside two CPU-bound processes). Slow tests set a longer limit.
//
// isolate: false — the test files of a worker share one module graph instead of loading
// src/ afresh for each of the 143 files. On a 2-core machine vitest runs one worker (cores - 1),
// so the suite ran file after file, importing and warming up the same modules again for
// each: 526 s against 383 s without isolation (CI=1, back to back, 2 Dec 2026, BENCHMARKS.md).
// The price is that a file must not depend on module state another file left behind: the
// suite passes in shuffled orders (npx vitest run --sequence.shuffle --sequence.seed=N).
export default defineConfig({
  test: {
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
  },
});
