import { describe, it, expect } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFingerprint, codeFingerprint } from '../../src/montecarlo/code-fingerprint.js';

describe('codeFingerprint', () => {
  it('changes with any file of the layers that compute results, and with nothing else', () => {
    const root = mkdtempSync(join(tmpdir(), 'fp-'));
    for (const d of ['engine', 'model', 'report']) mkdirSync(join(root, d));
    writeFileSync(join(root, 'engine', 'a.js'), 'export const a = 1;');
    writeFileSync(join(root, 'model', 'b.js'), 'export const b = 2;');
    const first = codeFingerprint(root);
    expect(first).toMatch(/^[0-9a-f]{16}$/);
    expect(codeFingerprint(root)).toBe(first);
    // The report, type declarations and source maps do not change a replication's numbers.
    writeFileSync(join(root, 'report', 'c.js'), 'export const c = 3;');
    writeFileSync(join(root, 'engine', 'a.d.ts'), 'export declare const a: number;');
    writeFileSync(join(root, 'engine', 'a.js.map'), '{}');
    expect(codeFingerprint(root)).toBe(first);
    writeFileSync(join(root, 'engine', 'a.js'), 'export const a = 1.5;');
    expect(codeFingerprint(root)).not.toBe(first);
  });

  it('gives this build one fingerprint', () => {
    expect(buildFingerprint()).toMatch(/^[0-9a-f]{16}$/);
    expect(buildFingerprint()).toBe(buildFingerprint());
  });
});
