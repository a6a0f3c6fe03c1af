import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScenarioError } from '../../src/scenario/index.js';

/** Absolute path of a file under test/fixtures. */
export const fixture = (rel: string) => fileURLToPath(new URL(`../fixtures/${rel}`, import.meta.url));

/** Absolute path of a file under scenarios/. */
export const shipped = (rel: string) => fileURLToPath(new URL(`../../scenarios/${rel}`, import.meta.url));

/** A fresh temporary folder with the given files written into it. */
export function tempFiles(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'scenario-test-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** Runs fn and returns the ScenarioError it throws (fails the test on success or on any other exception). */
export function scenarioError(fn: () => unknown): ScenarioError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw new Error(`expected a ScenarioError, got ${(e as Error)?.stack ?? String(e)}`);
  }
  throw new Error('expected a ScenarioError, but the scenario loaded');
}
