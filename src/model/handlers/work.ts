import { SLOT } from '../draws.js';
import { FACTOR } from '../factor-parts.js';
import { crewPoolOf } from '../jobs.js';
import { PHASE } from '../job-state.js';
import { TECHNOLOGY_DECLS } from '../pipelines.js';
import { TECH_CODE, TECH_NAMES } from '../technologies.js';
import type { StageHandler } from './types.js';

/**
 * Work by the crew the job holds: the technology's amount of full-rate crew-days (its
 * TECHNOLOGY_DECLS work rule), laid out on the region's seasonal calendar — a crew holding
 * a job through the winter makes no progress and resumes in spring. When done, the crew
 * is released to the next job in the queue. Work that cannot finish within the horizon
 * leaves the job (and its crew) here.
 */
export const workStage: StageHandler = (w) => {
  const { sim, state, jobs } = w;
  const rules = TECH_NAMES.map((t) => {
    const slot = SLOT[TECHNOLOGY_DECLS[t].work.draw];
    return { days: TECHNOLOGY_DECLS[t].work.days, slot, dist: w.m.draws[slot] };
  });
  /** Full-rate crew-days of job j's work, for `km` of line (fibre). */
  const workDays = (j: number, km: number) => {
    const rule = rules[jobs.tech[j]];
    return rule.days(rule.dist!.quantile(w.uOf(j, rule.slot)), km, w.regionProductivity[jobs.region[j]], w.factorAt(FACTOR.productivity, jobs.region[j], w.sim.now));
  };
  const work = (j: number, days: number) => {
    const cal = w.workCalendarOf(j);
    const end = cal === null ? sim.now + days : cal.finishTime(sim.now, days);
    state.enterPhase(j, PHASE.active, sim.now, end);
    if (end !== Infinity) sim.at(end, worked, j);
  };
  const worked = w.onJob((j) => {
    const i = crewPoolOf(jobs, j), crews = w.crews[i];
    // Held beyond the pool's crews (cut, recalled or stopped while at work): it leaves now, unless taken by the next in the queue.
    const beyond = crews.inUse > crews.capacity;
    crews.release();
    if (beyond) w.crewLeft(i);
    w.advance(j);
  }, 'work done');
  // A job whose crew was at work when the run starts keeps it and does only the rest.
  const kept = w.onJob((j) => work(j, w.carried[j]), 'crew kept');
  return {
    start: (j) => work(j, workDays(j, jobs.km[j])),
    resume: (j, p) => {
      w.carried[j] = jobs.tech[j] === TECH_CODE.fibre && p.kmLaid !== undefined
        ? workDays(j, Math.max(0, jobs.km[j] - p.kmLaid))
        : Math.max(0, workDays(j, jobs.km[j]) - (p.workDaysDone ?? 0));
      // A crew at work stays on its job, whatever the pool's crews now (a cut before the run takes effect as crews finish).
      w.crews[crewPoolOf(jobs, j)].hold(kept, j);
    },
  };
};
