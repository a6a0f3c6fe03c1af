/** The rollout model: settlements, crews, permits, budgets, seasons, targets. No files, workers or charts. */
export * from './input.js';
export { compileModel, type CompiledModel, type CompiledTarget, type CompiledSeries } from './compile.js';
export { simulateReplication, InvariantError, STAGE_NAMES, type ReplicationOutcome, type ReplicationOptions } from './replication.js';
export { buildSettlements, settlementCount, type SettlementTable } from './settlements.js';
export { evaluate, requiredCount, type Evaluation } from './evaluate.js';
export { WAIT_STAGES, N_WAIT, TECH_NAMES, TECH_CODE, type WaitStage } from './stages.js';
export { inputSummaryKeys } from './draws.js';
export { buildJobs, type JobTable } from './jobs.js';
export { OBSERVATION_METRICS, isShareMetric, observeReplication, compiledObservations, type ObservationMetric, type ObservationInput, type CompiledObservation } from './observe.js';
