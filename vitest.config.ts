import { defineConfig } from 'vitest/config';

// The suite must pass on a loaded, shared 2-core machine (TEAM.md): a test that starts CLI
// processes can take several seconds each there, so no test fails on vitest's 5 s default.
export default defineConfig({ test: { testTimeout: 60_000 } });
