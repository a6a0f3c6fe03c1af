/**
 * A question the analyses (goal seek, allocation) cannot answer as asked — an unknown
 * target or lever, a range that makes no sense, a lever the scenario does not have — as
 * opposed to a failure while running: the command line reports it as a usage error (exit 2,
 * nothing written).
 *
 * @example
 *   throw new AnalysisInputError("no target 'fibre-2030'; the scenario's targets are fibre-2026, coverage-2027");
 */
export class AnalysisInputError extends Error {}
