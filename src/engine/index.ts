/** The generic discrete-event core: knows nothing of fibre, villages or budgets. */
export { EventQueue, type EntryId } from './event-queue.js';
export { TimeQueue } from './time-queue.js';
export { Simulation, TimeTravelError, type Handler, type HandlerId, type EventId } from './simulation.js';
export { Resource, GRANTED, type RequestId } from './resource.js';
export { Container } from './container.js';
export { Calendar, WorkCalendar, isoToEpochDay, epochDayToIso } from './calendar.js';
export { stream, hashUniform, type Uniform } from './random.js';
export { distribution, checkDistribution, scaleDistribution, type Distribution, type DistributionSpec, type DistributionName } from './distributions.js';
export { normalQuantile, normalCdf, gammaP, betaI, logGamma } from './special-functions.js';
