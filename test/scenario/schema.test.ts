import { readFileSync } from 'node:fs';
import ajvModule from 'ajv';
import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../../src/scenario/index.js';
import { DIST_PARAMS } from '../../src/scenario/distribution-field.js';
import { shipped } from './helpers.js';

describe('scenarios/schema.json', () => {
  const schema = JSON.parse(readFileSync(shipped('schema.json'), 'utf8'));

  it('is a valid draft-07 schema and the one the loader uses', () => {
    const ajv = new ajvModule.default({ strict: false });
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(scenarioSchema()).toEqual(schema);
  });

  it('describes every top-level key and every distribution parameter', () => {
    expect(Object.keys(schema.properties).sort()).toEqual([
      '$schema', 'budget', 'capacity', 'coverageTechnologies', 'crewChanges', 'currency', 'deliveryRecord', 'description', 'extends', 'factors', 'fallback', 'fibre', 'financing', 'horizon',
      'household', 'inflation', 'mast', 'motorways', 'name', 'nationalCrews', 'ordering', 'regions', 'reportEveryDays', 'risks', 'satellite', 'seasons',
      'services', 'settlementDefaults', 'settlementsFile', 'start', 'status', 'targets', 'technology',
    ]);
    const dist = schema.definitions.distributionObject;
    expect([...dist.properties.dist.enum].sort()).toEqual(Object.keys(DIST_PARAMS).sort()); // a copy: the first test compares the file as read
    const params = new Set([...Object.values(DIST_PARAMS).flat(), 'p10', 'p90']); // p10/p90: normal and lognormal by percentiles
    expect(Object.keys(dist.properties).filter((k) => k !== 'dist').sort()).toEqual([...params].sort());
  });
});
