import type { World } from '../world.js';

/** Starts job j's current stage (the job's state already says which). */
export type StageStart = (j: number) => void;

/**
 * A kind of stage: given the world and a stage code, registers what it needs (handlers)
 * once, and returns how to start that stage for a job. When the stage is over — now or
 * from an event — it calls `w.advance(j)`.
 */
export type StageHandler = (w: World, stage: number) => StageStart;
