import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The layers whose code decides a replication's numbers (the report and the command line do not). */
const LAYERS = ['engine', 'model', 'scenario', 'montecarlo'];

/**
 * A fingerprint of the code under `root` that computes results: the sha256 (first 16 hex
 * digits) of every .js or .ts file (not .d.ts) of the engine, model, scenario and
 * montecarlo layers, by relative path and content, in path order. Two builds of the same
 * version whose code differs (a checkout between releases, a fix to a sampler) get
 * different fingerprints, so shards of both are not merged into one answer.
 *
 * @example codeFingerprint('/path/to/rollout/dist')   // '3f2a9c0d1e4b5a6c'
 */
export function codeFingerprint(root: string): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(js|ts)$/.test(e.name) && !e.name.endsWith('.d.ts')) files.push(p);
    }
  };
  for (const layer of LAYERS) walk(join(root, layer));
  const rel = files.map((f) => relative(root, f).split('\\').join('/')).sort();
  const h = createHash('sha256');
  for (const r of rel) h.update(`${r}\n`).update(readFileSync(join(root, r))).update('\n');
  return h.digest('hex').slice(0, 16);
}

let own: string | undefined;
/** The fingerprint of this build's own code (src/ or dist/, whichever this file runs from), computed once. */
export function buildFingerprint(): string {
  own ??= codeFingerprint(fileURLToPath(new URL('..', import.meta.url)));
  return own;
}
