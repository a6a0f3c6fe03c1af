#!/usr/bin/env node
// Build step after tsc: writes dist/scenario/schema-validator.cjs, the scenario schema
// compiled to code by ajv (standalone), so `rollout validate` and every other command skip
// the ~70 ms schema compile at start-up. src/scenario/schema.ts uses it only when its
// stamp matches scenarios/schema.json, and compiles the schema itself otherwise.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const { standaloneValidatorSource, STANDALONE_VALIDATOR_URL } = await import('../dist/scenario/schema.js');
writeFileSync(fileURLToPath(STANDALONE_VALIDATOR_URL), standaloneValidatorSource());
