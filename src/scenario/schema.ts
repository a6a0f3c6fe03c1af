import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type ajvModule from 'ajv';
import type { ErrorObject, Options, ValidateFunction } from 'ajv';
import { describeFound, type ScenarioProblem } from './problems.js';
import { getAt, parsePointer, type Path, type PathSegment } from './paths.js';
import { closest, suggestion } from './suggest.js';

/**
 * Structural validation with the published scenarios/schema.json, the same file editors
 * use for autocompletion, so the two can never disagree. ajv finds the violations; this
 * module turns them into plain-language problems ("expected a whole number >= 0, found
 * -2"), picks the intended branch of "a number or a distribution" instead of listing
 * every branch's complaint, and adds did-you-mean to unknown keys.
 *
 * Start-up: compiling the schema takes ajv ~70 ms, most of `rollout validate`'s time, so
 * `npm run build` writes the compiled validator as code (ajv "standalone",
 * dist/scenario/schema-validator.cjs, stamped with the schema's sha256). It is used when
 * its stamp matches the schema on disk; otherwise (running from src/, or schema.json
 * edited since the build) the schema is compiled here as before. ajv itself is loaded
 * only then, or to explain a problem.
 */

type Schema = Record<string, unknown>;
type AjvClass = typeof ajvModule.default;
type Ajv = InstanceType<AjvClass>;

/** scenarios/schema.json sits two folders up from both src/scenario and dist/scenario. */
export const SCHEMA_URL = new URL('../../scenarios/schema.json', import.meta.url);

/** The build-time compiled validator beside this module (only in dist/). */
export const STANDALONE_VALIDATOR_URL = new URL('./schema-validator.cjs', import.meta.url);

/**
 * ajv's options for the scenario schema. strictRequired/strictTypes off: the conditional
 * `required` lists in `complete` name properties declared elsewhere, which is valid JSON Schema.
 */
export const AJV_OPTIONS: Options = { allErrors: true, verbose: true, strict: true, strictRequired: false, strictTypes: false };

const require = createRequire(import.meta.url);
let ajvInstance: Ajv | undefined;

/** One ajv instance, loaded on first need (ajv is CommonJS, so a synchronous require works). */
function ajv(): Ajv {
  if (!ajvInstance) {
    const Ajv = (require('ajv') as { default: AjvClass }).default;
    ajvInstance = new Ajv(AJV_OPTIONS);
  }
  return ajvInstance;
}

let compiled: { root: Schema; validate: ValidateFunction; branches: Map<string, ValidateFunction> } | undefined;

function compiledSchema() {
  if (!compiled) {
    const text = readFileSync(SCHEMA_URL, 'utf8');
    const root = JSON.parse(text) as Schema;
    compiled = { root, validate: prebuiltValidator(schemaStamp(text)) ?? ajv().compile(root), branches: new Map() };
  }
  return compiled;
}

/** The stamp a standalone validator carries: the sha256 of the schema text it was compiled from. */
export function schemaStamp(schemaText: string): string {
  return createHash('sha256').update(schemaText).digest('hex');
}

/** The build's standalone validator, if there is one and it was compiled from this very schema. */
function prebuiltValidator(stamp: string): ValidateFunction | undefined {
  const file = fileURLToPath(STANDALONE_VALIDATOR_URL);
  if (!existsSync(file)) return undefined;
  const mod = require(file) as { default: ValidateFunction; schemaSha256?: string };
  return mod.schemaSha256 === stamp ? mod.default : undefined;
}

/**
 * The scenario schema's validator as standalone CommonJS code (what `npm run build` writes
 * to dist/scenario/schema-validator.cjs): needs only ajv's small runtime helpers to run.
 */
export function standaloneValidatorSource(): string {
  const text = readFileSync(SCHEMA_URL, 'utf8');
  const Ajv = (require('ajv') as { default: AjvClass }).default;
  const standalone = (require('ajv/dist/standalone') as { default: (ajv: Ajv, v: ValidateFunction) => string }).default;
  const builder = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
  const code = standalone(builder, builder.compile(JSON.parse(text) as Schema));
  return `${code}\nmodule.exports.schemaSha256 = ${JSON.stringify(schemaStamp(text))};\n`;
}

/** The schema object (for tests and tools). */
export function scenarioSchema(): Schema {
  return compiledSchema().root;
}

/** Where a path lies in the user's file, and how to show it there. */
export type Locator = (path: Path, at?: 'key' | 'value') => { file: string; path: string; line?: number; column?: number };

/** Validates data against the scenario schema; returns problems located through `where`. */
export function validateScenario(data: unknown, where: Locator): ScenarioProblem[] {
  const c = compiledSchema();
  return validateWith(c.validate, data, [], where);
}

function validateWith(validate: ValidateFunction, data: unknown, base: PathSegment[], where: Locator): ScenarioProblem[] {
  if (validate(data)) return [];
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
  // An anyOf owns every complaint at or below its position: they are re-derived from the
  // one branch the user evidently meant.
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const owned = (e: ErrorObject) => anyOfs.some((a) => a !== e && (e.instancePath === a.instancePath || e.instancePath.startsWith(a.instancePath + '/')));
  const problems: ScenarioProblem[] = [];
  const seenAt = new Set<string>();
  for (const e of errors) {
    if (owned(e)) continue;
    const rel = parsePointer(e.instancePath, data);
    const path = [...base, ...rel];
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') {
      problems.push(...explainAnyOf(e, path, where));
      continue;
    }
    if (e.keyword === 'additionalProperties') {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys(((e.parentSchema as Schema).properties as Schema | undefined) ?? {});
      // A mapping that names its kind (a risk impact's `type`) gets the kind in the message.
      const kind = (e.data as { type?: unknown } | null)?.type;
      const of = typeof kind === 'string' && allowed.includes('type') ? ` of a ${kind} impact` : '';
      problems.push({ ...where([...path, key], 'key'), expected: `a known key${of} (${suggestion(key, allowed)})`, found: `unknown key '${key}'` });
      continue;
    }
    if (e.keyword === 'required') {
      const key = String((e.params as { missingProperty: string }).missingProperty);
      const root = compiledSchema().root;
      const props = ((e.parentSchema as Schema).properties as Schema | undefined) ?? {};
      // Conditional `required` lists (complete, per-distribution) declare no properties, or only
      // what is required further down (`regions: { items: { required } }`), which says nothing
      // of the value: find the field's own schema by path.
      const own = props[key] as Schema | undefined;
      const sub = own !== undefined && saysWhatKind(own) ? own : (schemaAt(root, [...rel, key], data) ?? own);
      let what = sub ? describe(sub, root) : '';
      const dist = (e.data as { dist?: unknown } | null)?.dist;
      if (typeof dist === 'string') what = `a ${dist} distribution needs ${((e.parentSchema as Schema).required as string[]).join(' and ')}`;
      problems.push({ ...where([...path, key]), expected: `a value for '${key}'${what ? ` (${what})` : ''}`, found: 'nothing' });
      continue;
    }
    if (e.keyword === 'propertyNames') continue; // reported by the nested error on the key itself
    if (e.propertyName !== undefined) {
      // A key that breaks `propertyNames` (e.g. an appropriation year 'twenty').
      const key = e.propertyName;
      problems.push({ ...where([...path, key], 'key'), expected: `a key that is ${describe(e.parentSchema as Schema, compiledSchema().root)}`, found: `'${key}'` });
      continue;
    }
    // One problem per position: type, minimum, enum... all describe the same field.
    const k = JSON.stringify(path);
    if (seenAt.has(k)) continue;
    seenAt.add(k);
    let expected = describe(e.parentSchema as Schema, compiledSchema().root);
    const allowed = (e.parentSchema as Schema).enum;
    if (e.keyword === 'enum' && typeof e.data === 'string' && Array.isArray(allowed)) {
      const guess = closest(e.data, allowed.map(String));
      if (guess !== undefined) expected += ` (did you mean '${guess}'?)`;
    }
    let found = describeFound(e.data);
    if (e.keyword === 'maxLength' && typeof e.data === 'string') {
      expected += ` of at most ${(e.parentSchema as Schema).maxLength} characters`;
      found = `text of ${e.data.length.toLocaleString('en-US')} characters`;
    }
    problems.push({ ...where(path), expected, found });
  }
  return problems;
}

/** Whether a schema says what kind of value it takes (not only what a value must hold further down). */
function saysWhatKind(s: Schema): boolean {
  return ['type', 'enum', 'const', 'anyOf', 'oneOf', '$ref', 'title', 'pattern'].some((k) => k in s);
}

/** Picks the branch of an anyOf the value was meant to match and reports that branch's problems. */
function explainAnyOf(e: ErrorObject, path: PathSegment[], where: Locator): ScenarioProblem[] {
  const c = compiledSchema();
  const branches = e.schema as Schema[];
  const data = e.data;
  let best = -1, bestScore = -Infinity;
  branches.forEach((b, i) => {
    const s = shapeScore(resolve(b, c.root), data, c.root);
    if (s > bestScore) { best = i; bestScore = s; }
  });
  if (best < 0 || bestScore === -Infinity) {
    return [{ ...where(path), expected: describe(e.parentSchema as Schema, c.root), found: describeFound(data) }];
  }
  // A plain value (text, a number, true) that fits none of several plain forms may have
  // been meant for any of them: `preAllocatedSites: yes please` is no date, but it may be a
  // true that was not written as one. Name every form rather than the nearest one's alone.
  const plain = data === null || typeof data !== 'object';
  if (plain && branches.filter((b) => takesPlainValue(resolve(b, c.root), c.root)).length > 1) {
    return [{ ...where(path), expected: describe(e.parentSchema as Schema, c.root), found: describeFound(data) }];
  }
  const branch = branches[best];
  const key = JSON.stringify(branch);
  let v = c.branches.get(key);
  if (!v) {
    v = ajv().compile({ ...branch, definitions: c.root.definitions }) as ValidateFunction;
    c.branches.set(key, v);
  }
  const problems = validateWith(v, data, path, where);
  return problems.length > 0 ? problems : [{ ...where(path), expected: describe(e.parentSchema as Schema, c.root), found: describeFound(data) }];
}

/** How well a value's shape fits a branch: -Infinity if its type is wrong; more matching keys score higher. */
function shapeScore(schema: Schema, data: unknown, root: Schema): number {
  if (Array.isArray(schema.anyOf)) return Math.max(...(schema.anyOf as Schema[]).map((b) => shapeScore(resolve(b, root), data, root)));
  if (!typeMatches(schema.type, data)) return -Infinity;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return 0;
  const props = (schema.properties as Schema | undefined) ?? {};
  const required = (schema.required as string[] | undefined) ?? [];
  let score = 0;
  for (const k of Object.keys(data)) score += k in props ? 2 : -1;
  for (const r of required) if (!(r in (data as object))) score -= 3;
  return score;
}

/** Whether a branch of an anyOf accepts some value that is neither a mapping nor a list. */
function takesPlainValue(schema: Schema, root: Schema): boolean {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives)) return (alternatives as Schema[]).some((b) => takesPlainValue(resolve(b, root), root));
  if (schema.type === undefined) return true;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.some((t) => t !== 'object' && t !== 'array');
}

function typeMatches(type: unknown, data: unknown): boolean {
  if (type === undefined) return true;
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => {
    switch (t) {
      case 'number': return typeof data === 'number';
      case 'integer': return typeof data === 'number' && Number.isInteger(data);
      case 'string': return typeof data === 'string';
      case 'boolean': return typeof data === 'boolean';
      case 'array': return Array.isArray(data);
      case 'object': return data !== null && typeof data === 'object' && !Array.isArray(data);
      case 'null': return data === null;
      default: return false;
    }
  });
}

/** The schema of the value at `path` (walking properties, items, additionalProperties and anyOf branches). */
function schemaAt(root: Schema, path: Path, data: unknown): Schema | undefined {
  let s: Schema | undefined = root;
  let d: unknown = data;
  for (const seg of path) {
    if (!s) return undefined;
    s = resolve(s, root);
    if (Array.isArray(s.anyOf)) {
      const branches = (s.anyOf as Schema[]).map((b) => resolve(b, root));
      s = branches.find((b) => (typeof seg === 'number' ? b.type === 'array' : b.type === 'object' && (b.properties as Schema | undefined)?.[seg] !== undefined));
      if (!s) return undefined;
    }
    if (typeof seg === 'number') s = s.items as Schema | undefined;
    else {
      const props = s.properties as Schema | undefined;
      s = (props?.[seg] as Schema | undefined) ?? (typeof s.additionalProperties === 'object' ? (s.additionalProperties as Schema) : undefined);
    }
    d = d !== null && typeof d === 'object' ? (d as Record<string | number, unknown>)[seg] : undefined;
  }
  return s ? resolve(s, root) : undefined;
}

/** Follows a local '#/definitions/x' reference (once per level). */
function resolve(schema: Schema, root: Schema): Schema {
  let s = schema;
  for (let i = 0; i < 10 && typeof s.$ref === 'string'; i++) {
    const parts = (s.$ref as string).replace(/^#\//, '').split('/');
    const target = getAt(root, parts) as Schema | undefined;
    if (!target) break;
    // Keep sibling annotations (description) but take the target's constraints.
    const { $ref: _ignored, ...rest } = s;
    s = { ...target, ...rest };
  }
  return s;
}

const PATTERNS: Record<string, string> = {
  '^\\d{4}-\\d{2}-\\d{2}$': 'a date YYYY-MM-DD',
  // "Latin": an id or a name is ASCII (it ends up in file names, CSV columns and chart
  // fields); a label or a region's `name` may be in any script, which the message says.
  '^[a-z0-9][a-z0-9-]*$': 'lower-case Latin letters, digits and hyphens, e.g. my-scenario',
  '^[A-Za-z0-9][A-Za-z0-9_.-]*$': "an id of Latin letters, digits, '-', '_' or '.', starting with a letter or digit (a name or label may be in any script)",
  '^\\d{4}$': 'a year (4 digits)',
  '^[A-Za-z0-9_-]+$': "a name of Latin letters, digits, '-' or '_'",
};

/**
 * Alternatives as the schema's own titles write them: "a or b", "a, b, or c", and a comma
 * before the last "or" when an alternative has its own "or" or commas ("true or false, or a date").
 *
 * @example orList(['true or false', 'a date YYYY-MM-DD'])   // 'true or false, or a date YYYY-MM-DD'
 */
function orList(parts: string[]): string {
  if (parts.length === 2 && !parts.some((p) => p.includes(' or ') || p.includes(','))) return `${parts[0]} or ${parts[1]}`;
  return `${parts.slice(0, -1).join(', ')}, or ${parts[parts.length - 1]}`;
}

/** Plain-language description of what a schema accepts: "a whole number >= 0", "one of fibre, mast, satellite". */
export function describe(schema: Schema, root: Schema): string {
  const s = resolve(schema, root);
  if (typeof s.title === 'string') return s.title;
  if (Array.isArray(s.enum)) return `one of ${(s.enum as unknown[]).map((v) => String(v)).join(', ')}`;
  if (s.type === undefined && typeof s.pattern === 'string') return describe({ ...s, type: 'string' }, root);
  if (s.const !== undefined) return `'${String(s.const)}'`;
  const alternatives = s.anyOf ?? s.oneOf;
  if (Array.isArray(alternatives)) return alternatives.length === 1 ? describe(alternatives[0] as Schema, root) : orList((alternatives as Schema[]).map((b) => describe(b, root)));
  const type = s.type;
  // `budget: [object, null]`: each type in turn ('null' drops a parent's value).
  if (Array.isArray(type)) return orList(type.map((one) => (one === 'null' ? 'null' : describe({ ...s, type: one }, root))));
  if (type === 'integer' || type === 'number') {
    let d = type === 'integer' ? 'a whole number' : 'a number';
    const min = s.minimum as number | undefined, max = s.maximum as number | undefined, xmin = s.exclusiveMinimum as number | undefined;
    const n = (v: number) => (Math.abs(v) >= 10000 ? v.toLocaleString('en-US') : String(v));
    if (min !== undefined && max !== undefined) d += ` from ${n(min)} to ${n(max)}`;
    else if (xmin !== undefined && max !== undefined) d += ` > ${n(xmin)} and <= ${n(max)}`;
    else if (min !== undefined) d += ` >= ${min}`;
    else if (xmin !== undefined) d += ` > ${xmin}`;
    else if (max !== undefined) d += ` <= ${max}`;
    return d;
  }
  if (type === 'string') {
    if (typeof s.pattern === 'string') return PATTERNS[s.pattern] ?? `text matching /${s.pattern}/`;
    return s.minLength ? 'non-empty text' : 'text';
  }
  if (type === 'boolean') return 'true or false';
  if (type === 'array') {
    const items = s.items ? describe(s.items as Schema, root) : 'values';
    const n = s.minItems === s.maxItems && s.minItems !== undefined ? `${s.minItems} items` : s.minItems ? 'at least one item' : 'items';
    const unique = s.uniqueItems ? ' (no repeats)' : '';
    return `a list of ${n}, each ${items}${unique}`;
  }
  if (type === 'object') {
    const props = Object.keys((s.properties as Schema | undefined) ?? {});
    return props.length > 0 ? `a mapping with keys among ${props.join(', ')}` : 'a mapping';
  }
  return 'a valid value';
}
