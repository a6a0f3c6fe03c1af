import { isMainThread } from 'node:worker_threads';

/** The environment variable the test suite sets to inject a fault (never set in normal use). */
export const FAULT_VARIABLE = 'ROLLOUT_TEST_FAULT';

/**
 * Test-only fault injection, kept out of every public option and of the worker protocol:
 * with ROLLOUT_TEST_FAULT=fail:17 replication 17 throws (as a model bug would), with
 * ROLLOUT_TEST_FAULT=crash:33 the worker thread running replication 33 dies (exit code
 * 70; on the calling thread it throws instead). Worker threads inherit the variable from
 * the process that starts them. Called before each replication; costs one environment
 * lookup when the variable is unset.
 *
 * @example ROLLOUT_TEST_FAULT=fail:17 rollout run s.yaml --runs 40   # fails naming replication 17
 */
export function injectFault(rep: number): void {
  const spec = process.env[FAULT_VARIABLE];
  if (spec === undefined) return;
  const m = /^(fail|crash):(\d+)$/.exec(spec);
  if (!m || Number(m[2]) !== rep) return;
  if (m[1] === 'crash' && !isMainThread) process.exit(70);
  throw new Error(`injected failure in replication ${rep} (${FAULT_VARIABLE}=${spec})`);
}
