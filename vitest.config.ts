import { defineConfig } from 'vitest/config';

// The suite must pass on a busy 2-core machine: no test relies on how fast it runs, and the
// time limits only catch a hang (vitest's 5 s default failed tests that take 1-2 s when the
// machine is quiet but 6+ s beside two CPU-bound processes). Slow tests set a longer limit.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
  },
});
