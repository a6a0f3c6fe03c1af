import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/scenario/index.js';

/**
 * The YAML examples of scenarios/README.md load as written, each set on the shipped baseline
 * (a label with a comma in a flow mapping once split into an unknown key there).
 */
const scenarios = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const baseline = join(scenarios, 'kazakhstan-baseline.yaml');
const blocks = [...readFileSync(join(scenarios, 'README.md'), 'utf8').matchAll(/```ya?ml\n([^]*?)```/g)].map((m) => m[1]);
const dir = mkdtempSync(join(tmpdir(), 'rollout-readme-'));

/** Loads `yaml` as a scenario extending the baseline (its own `extends` resolved from scenarios/, its `name` kept). */
function onBaseline(yaml: string, k: number, extra = '') {
  const ext = /^extends:\s*(\S+)/m.exec(yaml);
  const body = yaml.replace(/^extends:.*$/m, '');
  const head = `${/^name:/m.test(yaml) ? '' : `name: readme-example-${k}\n`}extends: ${ext ? join(scenarios, ext[1]) : baseline}\n`;
  const file = join(dir, `example-${k}.yaml`);
  writeFileSync(file, head + body + extra);
  return () => loadScenario(file);
}

describe("scenarios/README.md's YAML examples", () => {
  it('are all found', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(10);
  });

  blocks.forEach((yaml, k) => {
    const first = yaml.split('\n').find((l) => l.trim() !== '' && !l.startsWith('#'))!;
    if (first.startsWith('{ dist:')) {
      it(`block ${k}: every distribution form is valid (as inflation, which may be negative)`, () => {
        for (const line of yaml.split('\n').filter((l) => l.startsWith('{'))) {
          expect(onBaseline(`inflation: ${line.replace(/#.*$/, '')}\n`, k), line).not.toThrow();
        }
      });
    } else if (/^financing:/m.test(yaml)) {
      it(`block ${k} (financing): loads; on the baseline, whose household networks none of its programmes pays for, it is refused`, () => {
        expect(onBaseline(yaml, k)).toThrow(/services\.householdFibre\.rules: expected a financing programme that pays for household/);
        expect(onBaseline(yaml, k, 'services:\n  householdFibre: { rules: [] }\n')).not.toThrow();
      });
    } else {
      it(`block ${k} (${first.trim().slice(0, 40)}) loads on the baseline`, () => {
        expect(onBaseline(yaml, k)).not.toThrow();
      });
    }
  });
});
