/**
 * src/scenario: from a scenario file (YAML or JSON, with `extends` and an optional
 * settlements CSV) to a checked, fully resolved ModelInput — or a ScenarioError that
 * names every problem's file, line, path, what was expected and what was found.
 */
export { loadScenario, type LoadedScenario, type ScenarioSource } from './load.js';
export { ScenarioError, formatProblems, formatProblem, type ScenarioProblem } from './problems.js';
export { canonicalJson, sha256Hex } from './canonical.js';
export { scenarioSchema, SCHEMA_URL } from './schema.js';
export { DEFAULTS } from './normalise.js';
export type { ScenarioFile } from './file-types.js';
export { stateCsv, readStatus, STATE_COLUMNS } from './status.js';
export { countState, countsCsv, type CountRow, type StateCounts } from './state-counts.js';
export { loadObservations } from './observations.js';
export { portablePath, portableCommand, insideDirectory } from './portable-path.js';
export { parseSourceCatalogue, findSourceCatalogue, resolveCitations, type SourceCatalogue, type SourceEntry, type Citation } from './source-catalogue.js';
export { noteBasis, regionStartBasis, type StartBasis } from './start-basis.js';
