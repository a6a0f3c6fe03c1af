import { SLOT } from '../draws.js';
import { crewPoolOf } from '../jobs.js';
import { PHASE } from '../job-state.js';
import { TECHNOLOGY_DECLS } from '../pipelines.js';
import { TECH_NAMES } from '../technologies.js';
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
  const worked = w.onJob((j) => {
    w.crews[crewPoolOf(jobs, j)].release();
    w.advance(j);
  }, 'work done');
  return (j) => {
    const t = jobs.tech[j], r = jobs.region[j];
    const rule = rules[t];
    const days = rule.days(rule.dist!.quantile(w.uOf(j, rule.slot)), jobs.km[j], w.regionProductivity[r], w.factors.productivity);
    const cal = w.calendarOf(j);
    const end = cal === null ? sim.now + days : cal.finishTime(sim.now, days);
    state.phase[j] = PHASE.active;
    state.due[j] = end;
    if (end !== Infinity) sim.at(end, worked, j);
  };
};
