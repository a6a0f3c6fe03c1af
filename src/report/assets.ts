import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The browser builds inlined into report.html (the packages' `exports` hide build/, so they are found on disk). */
export const BROWSER_BUILDS = [
  { pkg: 'vega', file: 'build/vega.min.js' },
  { pkg: 'vega-lite', file: 'build/vega-lite.min.js' },
  { pkg: 'vega-embed', file: 'build/vega-embed.min.js' },
] as const;

/** The folder of an installed package: resolve its main entry, then walk up to the package.json naming it. */
export function packageDir(pkg: string): string {
  const starts: string[] = [];
  try {
    starts.push(fileURLToPath(import.meta.resolve(pkg)));
  } catch {
    // import.meta.resolve is missing under some test runners; fall through.
  }
  try {
    starts.push(createRequire(import.meta.url).resolve(pkg));
  } catch {
    // no CommonJS-resolvable entry; fall through.
  }
  for (const start of starts) {
    let dir = dirname(start);
    for (;;) {
      const manifest = join(dir, 'package.json');
      if (existsSync(manifest)) {
        try {
          if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === pkg) return dir;
        } catch {
          // unreadable manifest: keep walking.
        }
      }
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  // Last resort: node_modules folders above this file.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'node_modules', pkg);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new Error(`report: cannot find the installed package '${pkg}'`);
}

let cache: string[] | undefined;

/** The three minified scripts' text, made safe to place inside <script> elements. */
export function browserScripts(): string[] {
  if (!cache) {
    cache = BROWSER_BUILDS.map(({ pkg, file }) => {
      const path = join(packageDir(pkg), file);
      if (!existsSync(path)) throw new Error(`report: ${pkg} has no ${file} (looked at ${path})`);
      // '</script' cannot occur in these builds today; escape it anyway so a future build cannot end the element early.
      return readFileSync(path, 'utf8').replace(/<\/(script)/gi, '<\\/$1');
    });
  }
  return cache;
}
