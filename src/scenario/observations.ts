import { isoToEpochDay } from '../engine/calendar.js';
import { OBSERVATION_METRICS, isKmMetric, isShareMetric, type ObservationInput, type ObservationMetric } from '../model/observe.js';
import type { ModelInput } from '../model/input.js';
import { parseCsv, withoutComments } from './csv.js';
import { otherDelimiter } from './csv-delimiter.js';
import { csvHeader } from './csv-header.js';
import { OBSERVATIONS_REQUIRED } from './csv-kinds.js';
import { describeFound, ScenarioError, type ScenarioProblem } from './problems.js';
import { readText } from './read-text.js';
import { suggestion } from './suggest.js';

/**
 * An observations file (`rollout run S --observed FILE`, `--score FILE`): what was seen
 * of the programme, one value per row —
 *
 *     date,region,metric,value,sd,source
 *     2025-12-31,,fibre-count,2606,,Ministry year-end statement
 *     2026-06-30,akmola,fibre-share,0.55,0.02,regional akimat report
 *
 * `date` YYYY-MM-DD from the scenario's start to its horizon (the value holds at the end
 * of that date); `region` a region id, empty for the whole country; `metric` one of
 * OBSERVATION_METRICS; `value` a plain decimal number (a whole number of settlements
 * for a count, 0..1 for a share, km for `fibre-km`); `sd` (optional, may be empty) the observation error
 * in the value's unit; `source` and `notes` (optional) for people. Lines starting with
 * `#` are comments. Every mistake is reported with the file, the line, the column and
 * what was expected, as a ScenarioError (exit 2, nothing written).
 */

const REQUIRED = OBSERVATIONS_REQUIRED;
const OPTIONAL = ['sd'] as const;
const IGNORED = ['source', 'notes'] as const;

/** A plain decimal number: digits with an optional fraction (no sign, exponent, separators or hex). */
const DECIMAL = /^(\d+(\.\d*)?|\.\d+)$/;

/**
 * Reads and checks an observations file against a scenario: dates within the scenario,
 * known regions and metrics, numbers that make sense for the metric, no observation
 * twice. `display` is the path to show in messages (default: as given).
 *
 * A run that starts from a status (`status: FILE`) starts the day after the status's date,
 * which already says where the programme stood: rows dated before that start are no
 * mistake (a file kept month after month holds them) but nothing a run from the status can
 * simulate. With `setAside`, they are put there (each checked like any row) and left out;
 * without it, they are errors as in a run without a status.
 *
 * @example
 *   const observed = loadObservations('scenarios/kazakhstan-observed.csv', loadScenario('scenarios/kazakhstan-baseline.yaml').input);
 *   observed[0]   // { date: '2025-10-21', metric: 'fibre-count', value: 2606, origin: 'scenarios/kazakhstan-observed.csv:12' }
 */
export function loadObservations(file: string, input: ModelInput, display = file, setAside?: ObservationInput[]): ObservationInput[] {
  const read = readText(file, display, 'an observations CSV file (date,region,metric,value)');
  if (!read.ok) throw new ScenarioError([read.problem]);
  const csv = parseCsv(withoutComments(read.text));
  if (!csv.ok) throw new ScenarioError([{ file: display, path: `row ${csv.line}`, line: csv.line, column: csv.column, expected: 'valid CSV', found: csv.message }]);
  const [header, ...rows] = csv.records;
  if (!header) throw new ScenarioError([{ file: display, path: '', expected: 'a header row date,region,metric,value', found: 'only comments' }]);
  const delimiter = otherDelimiter(header, display, [...REQUIRED, ...OPTIONAL, ...IGNORED]);
  if (delimiter) throw new ScenarioError([delimiter]);
  const head = csvHeader(header, display, REQUIRED, OPTIONAL, IGNORED);
  if (!head.ok) throw new ScenarioError(head.problems);
  if (rows.length === 0) throw new ScenarioError([{ file: display, path: '', line: header.line, expected: 'at least one observation row', found: 'only the header' }]);

  const regionIds = input.regions.map((r) => r.id);
  const sizes = new Map(input.regions.map((r) => [r.id, input.settlements ? input.settlements.filter((s) => s.region === r.id).length : r.settlements]));
  const national = [...sizes.values()].reduce((a, b) => a + b, 0);
  const start = isoToEpochDay(input.start), horizon = isoToEpochDay(input.horizon);
  const hasMotorways = (input.motorways?.length ?? 0) > 0;

  const problems: ScenarioProblem[] = [];
  const observations: ObservationInput[] = [];
  const firstRow = new Map<string, number>();
  for (const row of rows) {
    if (row.fields.length !== header.fields.length) {
      problems.push({ file: display, path: `row ${row.line}`, line: row.line, expected: `${header.fields.length} fields, as in the header`, found: `${row.fields.length}` });
      continue;
    }
    const cell = (name: string) => { const i = head.columns.get(name); return i === undefined ? undefined : row.fields[i]; };
    const before = problems.length;
    const bad = (name: string, expected: string, raw: string | undefined) => {
      problems.push({ file: display, path: `row ${row.line}, column ${name}`, line: row.line, column: head.columns.get(name)! + 1, expected, found: raw === '' || raw === undefined ? 'an empty cell' : describeFound(raw) });
    };

    const date = cell('date')!;
    const day = isoToEpochDay(date);
    const early = setAside !== undefined && input.status !== undefined && day < start;
    if (Number.isNaN(day)) bad('date', 'a real calendar date YYYY-MM-DD', date);
    else if ((day < start && !early) || day > horizon) {
      bad('date', `a date from the ${input.status ? `run's start (${input.start}, the day after its status's date)` : `scenario's start (${input.start})`} to its horizon (${input.horizon})`, date);
    }

    const region = cell('region')!;
    if (region !== '' && !regionIds.includes(region)) bad('region', `a region id of the scenario, or empty for the whole country (${suggestion(region, regionIds)})`, region);

    const metricRaw = cell('metric')!;
    const metric = (OBSERVATION_METRICS as readonly string[]).includes(metricRaw) ? (metricRaw as ObservationMetric) : undefined;
    if (!metric) bad('metric', `a metric (${suggestion(metricRaw, OBSERVATION_METRICS)})`, metricRaw);
    else if (metric === 'motorway-share' && region !== '') bad('region', 'empty: motorway-share is national', region);
    else if (metric === 'motorway-share' && !hasMotorways) bad('metric', 'a metric the scenario can simulate (motorway-share needs motorways in the scenario)', metricRaw);

    const valueRaw = cell('value')!;
    let value = NaN;
    if (!DECIMAL.test(valueRaw)) bad('value', 'a plain decimal number >= 0 (digits and an optional decimal point: no sign, exponent or thousands separator)', valueRaw);
    else value = Number(valueRaw);
    if (metric && Number.isFinite(value)) {
      const size = region === '' ? national : sizes.get(region);
      if (isShareMetric(metric)) {
        if (value > 1) bad('value', 'a share from 0 to 1 (e.g. 0.42 for 42 %)', valueRaw);
        else if (size === 0 && metric !== 'motorway-share') bad('region', `a region with settlements (${region} has none: a share of it is 0 of 0, and says nothing)`, region);
      } else if (isKmMetric(metric)) {
        // Any length >= 0: the km a scenario can build are drawn, so there is no bound to check.
      } else if (!Number.isInteger(value)) bad('value', 'a whole number of settlements', valueRaw);
      else if (size !== undefined && value > size) bad('value', `at most ${size} (the settlements ${region === '' ? 'in the scenario' : `in ${region}`})`, valueRaw);
    }

    const sdRaw = cell('sd');
    let sd: number | undefined;
    if (sdRaw !== undefined && sdRaw !== '') {
      if (!DECIMAL.test(sdRaw) || !(Number(sdRaw) > 0)) bad('sd', "a plain decimal number > 0 (the observation error in the value's unit), or empty for the default", sdRaw);
      else sd = Number(sdRaw);
    }

    if (problems.length > before) continue;
    const key = `${date}|${region}|${metric}`;
    if (firstRow.has(key)) {
      problems.push({ file: display, path: `row ${row.line}`, line: row.line, expected: `each date, region and metric once`, found: `${metric}${region ? ` in ${region}` : ''} on ${date} again (first on row ${firstRow.get(key)})` });
      continue;
    }
    firstRow.set(key, row.line);
    const o: ObservationInput = { date, metric: metric!, value, origin: `${display}:${row.line}` };
    if (region !== '') o.region = region;
    if (sd !== undefined) o.sd = sd;
    (early ? setAside! : observations).push(o);
  }
  if (problems.length > 0) throw new ScenarioError(problems);
  return observations;
}
