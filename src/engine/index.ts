/** The generic discrete-event core. Knows nothing about telecoms. */
export { EventQueue } from './event-queue.js';
export { Simulation, TimeTravelError, type Handler } from './simulation.js';
export { Resource } from './resource.js';
export { Container } from './container.js';
export { Calendar, WorkCalendar, isoToEpochDay, epochDayToIso } from './calendar.js';
export { stream, hashUniform, type Uniform } from './random.js';
export { distribution, checkDistribution, scaleDistribution, type Distribution, type DistributionSpec, type DistributionName } from './distributions.js';
export { normalQuantile, normalCdf, gammaP, betaI, logGamma } from './special-functions.js';
