/** The rollout model: settlements, crews, permits, budgets, seasons, targets. No files, workers or charts. */
export * from './input.js';
export { compileModel, servicesOf, type CompiledModel, type CompiledTarget, type CompiledReading, type CompiledSeries, type SeriesLayout, type SeriesKind } from './compile.js';
export { simulateReplication, Replicator, InvariantError, STAGE_NAMES, type ReplicationOutcome, type ReplicationOptions } from './replication.js';
export { buildSettlements, settlementCount, type SettlementTable } from './settlements.js';
export { evaluate, requiredCount, readingNeed, serviceTime, type Evaluation } from './evaluate.js';
export { SERVICES, SERVICE, SERVICE_IDS, N_SERVICES, SERVICE_OF_TECH, servicesOfTechnologies, serviceMask, type ServiceId, type ServiceKey } from './services.js';
export { WAITS, WAIT_STAGES, N_WAIT, STAGES, type WaitStage, type StageDecl, type HandlerKind } from './stages.js';
export { TECH_NAMES, TECH_CODE, N_TECH, type TechCode } from './technologies.js';
export { TECHNOLOGY_DECLS, type TechnologyDecl } from './pipelines.js';
export { DRAWS, inputSummaryKeys, type DrawDecl } from './draws.js';
export { regionTech, regionOffice, regionWork, type RegionTech, type RegionOffice, type RegionWork } from './indices.js';
export { buildJobs, type JobTable } from './jobs.js';
export { JobState, PHASE } from './job-state.js';
export { snapshot, justBefore, type SettlementState } from './status.js';
export { OBSERVATION_METRICS, isShareMetric, observeReplication, compiledObservations, type ObservationMetric, type ObservationInput, type CompiledObservation } from './observe.js';
export { deliveriesByYear, DELIVERY_KINDS, type DeliveryKind } from './deliveries.js';
