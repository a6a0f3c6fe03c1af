import type { Technology } from './input.js';
import { TECH_CODE, TECH_NAMES } from './technologies.js';

/**
 * What a settlement can have, several at once: backbone fibre to the village node (what
 * `fibre` jobs build: today's "on fibre"), household fibre (the last mile inside a village,
 * only once it is on backbone fibre), mobile coverage from a 4G/5G mast that serves it, and
 * satellite. Each is built by one technology's jobs. A target names the services that count
 * (any of them); typed arrays hold a service as its index here (a bit in a mask: 1 << code).
 *
 * `id` is how scenarios, targets and outputs name it; `key` is its key in a scenario's
 * mappings (`services.householdFibre`, `regions[].services.mobile`) and its settlements
 * CSV column.
 *
 * @example SERVICES[SERVICE['mobile']].tech === 'mast'
 */
export const SERVICES = [
  { id: 'backbone-fibre', key: 'backboneFibre', label: 'on backbone fibre', tech: 'fibre' },
  { id: 'household-fibre', key: 'householdFibre', label: 'with household fibre', tech: 'household' },
  { id: 'mobile', key: 'mobile', label: 'with mobile coverage', tech: 'mast' },
  { id: 'satellite', key: 'satellite', label: 'on satellite', tech: 'satellite' },
] as const satisfies readonly { id: string; key: string; label: string; tech: Technology }[];

export type ServiceId = (typeof SERVICES)[number]['id'];
export type ServiceKey = (typeof SERVICES)[number]['key'];
export const SERVICE_IDS: readonly ServiceId[] = SERVICES.map((s) => s.id);
export const N_SERVICES = SERVICES.length;
/** A service's code (its position in SERVICES). */
export const SERVICE: Readonly<Record<ServiceId, number>> = Object.fromEntries(SERVICES.map((s, k) => [s.id, k])) as Record<ServiceId, number>;
export const SERVICE_BY_KEY: Readonly<Record<ServiceKey, number>> = Object.fromEntries(SERVICES.map((s, k) => [s.key, k])) as Record<ServiceKey, number>;
/** The service each technology's jobs build, by TECH_CODE. */
export const SERVICE_OF_TECH: Uint8Array = Uint8Array.from(TECH_NAMES, (t) => SERVICES.findIndex((s) => s.tech === t));
/** The technology that builds each service, by service code. */
export const TECH_OF_SERVICE: Uint8Array = Uint8Array.from(SERVICES, (s) => TECH_CODE[s.tech]);

/** A set of services as a bit mask (bit `code`). */
export function serviceMask(ids: readonly ServiceId[]): number {
  let m = 0;
  for (const id of ids) m |= 1 << SERVICE[id];
  return m;
}

/** The services that technologies build (`coverageTechnologies` as services). */
export function servicesOfTechnologies(techs: readonly Technology[]): ServiceId[] {
  return SERVICES.filter((s) => techs.includes(s.tech)).map((s) => s.id);
}

/** The service codes in a mask, in code order. */
export function servicesIn(mask: number): number[] {
  const out: number[] = [];
  for (let s = 0; s < N_SERVICES; s++) if (mask & (1 << s)) out.push(s);
  return out;
}
