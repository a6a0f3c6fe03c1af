import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../cli/helpers.js';

/**
 * What npm ships and installs. The full check — `npm pack`, `npm install <tarball>` into an
 * empty project, the README's examples run there, and `npm ci --omit=dev` — is
 * scripts/check-package.sh (run by .ci/run); these are its fast, local parts.
 */
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('package.json', () => {
  it('is MIT licensed, with the LICENSE text shipped', () => {
    expect(pkg.license).toBe('MIT');
    const license = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) 2026 rollout-sim contributors\n/);
    expect(license).toMatch(/THE SOFTWARE IS PROVIDED "AS IS"/);
  });

  it('ships the built library, the command, the scenarios and the examples, and exports the scenarios', () => {
    expect(pkg.files).toEqual(expect.arrayContaining(['dist', 'bin', 'scenarios', 'examples/*.mjs']));
    expect(pkg.exports['./scenarios/*']).toBe('./scenarios/*');
    expect(pkg.bin.rollout).toBe('bin/rollout.js');
  });

  it('has no dependency that needs an override to install (a consumer never gets the repo\'s overrides)', () => {
    expect(pkg.overrides).toBeUndefined();
    expect(Object.keys(pkg.dependencies)).not.toContain('arquero');
  });
});

describe('README', () => {
  for (const file of ['examples/run.mjs', 'examples/compare.mjs', 'examples/observed.mjs']) {
    it(`quotes ${file} exactly (CI runs the file in a fresh project)`, () => {
      expect(readme).toContain(`\`\`\`js\n${readFileSync(join(ROOT, file), 'utf8')}\`\`\``);
    });
  }
});

describe('scripts/prepare.mjs (npm\'s prepare: clones, git installs, production installs)', () => {
  /** A copy of the package's skeleton with no node_modules (so no TypeScript), with or without src/ and dist/. */
  function skeleton(parts: { src: boolean; dist: boolean }): string {
    const dir = tempDir('rollout-prepare-');
    mkdirSync(join(dir, 'scripts'));
    cpSync(join(ROOT, 'scripts', 'prepare.mjs'), join(dir, 'scripts', 'prepare.mjs'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'rollout-sim', type: 'module' }));
    if (parts.src) {
      mkdirSync(join(dir, 'src'));
      writeFileSync(join(dir, 'tsconfig.json'), '{}');
    }
    if (parts.dist) {
      mkdirSync(join(dir, 'dist', 'bundle'), { recursive: true });
      writeFileSync(join(dir, 'dist', 'index.js'), '');
      writeFileSync(join(dir, 'dist', 'bundle', 'main.js'), '');
    }
    return dir;
  }
  const prepare = (dir: string) => spawnSync(process.execPath, [join(dir, 'scripts', 'prepare.mjs')], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_PATH: '' } });

  it('without TypeScript keeps a built dist/ (npm ci --omit=dev on a built copy)', () => {
    const r = prepare(skeleton({ src: true, dist: true }));
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/TypeScript is not installed .*using the dist\/ already built/);
  });

  it('without TypeScript and without dist/ fails, saying how to build', () => {
    const r = prepare(skeleton({ src: true, dist: false }));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/dist\/ is not built and TypeScript is not installed/);
    expect(r.stderr).toMatch(/npm ci && npm run build/);
  });

  it('does nothing in an installed package (no src/)', () => {
    const dir = skeleton({ src: false, dist: true });
    const r = prepare(dir);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);
  });
});
