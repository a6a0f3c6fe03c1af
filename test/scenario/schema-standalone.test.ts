import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ajvModule, { type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { AJV_OPTIONS, SCHEMA_URL, schemaStamp, standaloneValidatorSource } from '../../src/scenario/schema.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const schemaText = readFileSync(SCHEMA_URL, 'utf8');

/** Evaluates CommonJS source the way Node would load it from a .cjs file in this package. */
function loadCjs(code: string): { default: ValidateFunction; schemaSha256: string } {
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', 'require', code)(module, module.exports, createRequire(join(ROOT, 'package.json')));
  return module.exports as unknown as { default: ValidateFunction; schemaSha256: string };
}

/** Every YAML scenario the repository has, good and bad, parsed to data. */
function corpus(): { file: string; data: unknown }[] {
  const dirs = ['scenarios', 'test/fixtures/scenarios', 'test/fixtures/scenarios/extends', 'test/fixtures/known', 'test/fixtures/bad-scenarios'];
  const out: { file: string; data: unknown }[] = [];
  for (const d of dirs) {
    for (const f of readdirSync(join(ROOT, d)).filter((x) => x.endsWith('.yaml'))) {
      try {
        out.push({ file: `${d}/${f}`, data: parse(readFileSync(join(ROOT, d, f), 'utf8')) });
      } catch {
        // a syntax-error fixture: nothing to validate
      }
    }
  }
  return out;
}

describe('the build-time compiled scenario validator (ajv standalone)', () => {
  const prebuilt = loadCjs(standaloneValidatorSource());

  it('is stamped with the sha256 of the schema it was compiled from', () => {
    expect(prebuilt.schemaSha256).toBe(schemaStamp(schemaText));
    expect(schemaStamp(`${schemaText} `)).not.toBe(prebuilt.schemaSha256);
  });

  it('accepts and rejects exactly what the schema compiled at run time does, with the same errors', () => {
    const runtime = new ajvModule.default(AJV_OPTIONS).compile(JSON.parse(schemaText));
    const files = corpus();
    expect(files.length).toBeGreaterThan(80);
    let rejected = 0;
    for (const { file, data } of files) {
      const ok = runtime(data);
      expect(prebuilt.default(data), file).toBe(ok);
      expect(JSON.stringify(prebuilt.default.errors), file).toBe(JSON.stringify(runtime.errors));
      if (!ok) rejected++;
    }
    expect(rejected).toBeGreaterThan(30); // the bad fixtures exercise the error paths
  });
});
