import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The layers of src/, bottom up: each may import only from itself and the layers before
 * it (engine knows nothing about fibre; the model nothing about files, workers or charts).
 */
const LAYERS = ['engine', 'model', 'scenario', 'montecarlo', 'report', 'cli'];
const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|mjs)$/.test(f) ? [p] : [];
  });
}

describe('the layers of src/', () => {
  for (const layer of LAYERS) {
    it(`${layer}/ imports only from ${LAYERS.slice(0, LAYERS.indexOf(layer) + 1).join(', ')}`, () => {
      const allowed = new Set(LAYERS.slice(0, LAYERS.indexOf(layer) + 1));
      const bad: string[] = [];
      for (const file of files(join(SRC, layer))) {
        const text = readFileSync(file, 'utf8');
        for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)) {
          const target = relative(SRC, resolve(dirname(file), m[1])).split(/[\\/]/)[0];
          if (LAYERS.includes(target) && !allowed.has(target)) bad.push(`${relative(SRC, file)} imports ${m[1]}`);
        }
      }
      expect(bad).toEqual([]);
    });
  }
});

describe('text order in src/', () => {
  it('is byText (montecarlo/text-order.ts): no bare localeCompare, which would follow the machine\'s LANG', () => {
    const bare = files(SRC).filter((f) => /\.localeCompare\(\s*[^,()]*\)/.test(readFileSync(f, 'utf8'))).map((f) => relative(SRC, f));
    expect(bare).toEqual([]);
  });
});
