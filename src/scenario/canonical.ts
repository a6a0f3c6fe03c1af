import { createHash } from 'node:crypto';

/**
 * The scenario's fingerprint in summary.json: sha256 of canonical JSON (keys sorted at
 * every level, no whitespace), so that comments, key order, YAML vs JSON or how the
 * `extends` chain is split never change it, and any change to a value does.
 */

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
