import { describe, it, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/scenario/index.js';
import { sourcesSection } from '../../src/report/html-sources.js';

const scenario = (name: string) => fileURLToPath(new URL(`../../scenarios/${name}`, import.meta.url));

describe('where the numbers come from', () => {
  it('collects every annotated value of the baseline with the value in force', () => {
    const { sources } = loadScenario(scenario('kazakhstan-baseline.yaml'));
    expect(sources.length).toBeGreaterThan(100);
    const start = sources.find((x) => x.path === 'start')!;
    expect(start.value).toBe('2025-10-21');
    expect(start.note).toMatch(/^E: press release/);
    expect(sources.find((x) => x.path === 'regions.akmola.settlements')?.note).toMatch(/KATO 2022/);
  });

  it('takes an option file\'s own note over its parent\'s', () => {
    const { sources } = loadScenario(scenario('option-permit-reform.yaml'));
    const cap = sources.find((x) => x.path === 'fibre.approvalOffice.capacity')!;
    expect(cap.file).toMatch(/option-permit-reform\.yaml$/);
    expect(cap.value).toBe('120');
    expect(sources.find((x) => x.path === 'start')!.file).toMatch(/kazakhstan-baseline\.yaml$/);
  });

  it('shows notes in the report as text, never markup', () => {
    const html = sourcesSection([{ path: 'a.b', value: '1', note: '<script>alert(1)</script> estimate', file: 'x.yaml' }]);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toMatch(/1 annotated values, 1 of them estimates/);
  });
});
