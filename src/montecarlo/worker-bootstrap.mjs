// Runs a TypeScript worker entry under tsx (tests and `tsx` runs): Node 20 cannot load .ts
// in a worker by itself. The compiled dist/ build spawns dist/montecarlo/worker.js directly.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
