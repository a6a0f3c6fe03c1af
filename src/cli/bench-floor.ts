import { hashUniform, stream, type WorkCalendar } from '../engine/index.js';
import { DRAWS, TECH_CODE, regionWork, requiredCount, type CompiledModel } from '../model/index.js';

/** Slot of an input in the model's per-job draws (DRAWS order). */
const slot = (path: string) => DRAWS.findIndex((d) => d.path === path);
const APPROVAL = slot('fibre.approval'), KM_PER_DAY = slot('fibre.kmPerDay');

/** What the floor computes for one replication. */
export interface FloorOutcome {
  /** Completion time per village (Infinity: not within the horizon). */
  completion: Float64Array;
  /** Villages connected by the end of the first target's deadline, and the day its threshold was reached (-1: never). */
  countAtDeadline: number;
  reachedDay: number;
}

/**
 * Why a scenario is not the toy's shape (null when it is): fibre only, nothing connected at
 * the start, a permit as a pure delay, no money limit, no design or commissioning time, no
 * national factors, risks, national crews or crew changes, largest village first.
 */
export function notToyShaped(m: CompiledModel): string | null {
  const i = m.input;
  const fibre = Array.from(m.pipelines[TECH_CODE.fibre]);
  if (i.settlements) return 'settlements are listed';
  if (i.regions.some((r) => r.connected > 0)) return 'some settlements are connected at the start';
  if (i.technology.rules.length > 0 || i.technology.default !== 'fibre') return 'not every settlement gets fibre';
  if (fibre.length !== 4) return 'fibre has design or commissioning time';
  if (i.fibre.approvalOffice || i.factors || (i.risks?.length ?? 0) > 0 || i.nationalCrews || i.crewChanges.length > 0) return 'it has offices, factors, risks or crew changes';
  if (i.budget.fibre && !i.budget.fibre.unlimited) return 'fibre money is limited';
  if (i.ordering !== 'population-desc') return 'the ordering is not largest first';
  if (i.targets.length === 0 || i.targets[0].metric !== 'fibre-share' || (i.targets[0].regions?.length ?? 0) > 0) return 'its first target is not national fibre';
  return null;
}

/**
 * The benchmark's floor: the toy rollout (examples/toy-rollout.yaml) computed in plain
 * JavaScript, with no event queue and none of the model's generality. Per region, the
 * villages are taken in the order their permits arrive and the region's crews are
 * scheduled greedily: a free crew goes to the largest village waiting — but no crew is
 * taken while the ground is frozen: villages wait for the thaw, when the free crews go to
 * the largest of them. It draws exactly
 * the numbers rollout's model draws (the same streams and per-village slots), so its
 * completion dates are the model's to the last bit — test/examples checks it — and the
 * ratio of the two speeds is the price of the engine and of the model's generality.
 *
 * @example const o = toyFloor(compileModel(toy), 1, 0); o.countAtDeadline
 */
export function toyFloor(m: CompiledModel, seed: number, rep: number, out?: FloorOutcome): FloorOutcome {
  const why = notToyShaped(m);
  if (why !== null) throw new RangeError(`the floor computes only the toy's shape of scenario: ${why}`);
  const input = m.input, H = m.horizonDays;
  let n = 0;
  for (const r of input.regions) n += r.settlements;
  const o = out ?? { completion: new Float64Array(n), countAtDeadline: 0, reachedDay: -1 };
  const completion = o.completion;
  completion.fill(Infinity);

  // Villages, drawn as the model draws them: population and distance, then one uniform each.
  const us = stream(seed, rep, 'settlements'), uj = stream(seed, rep, 'jobs');
  const population = scratch.population.length >= n ? scratch.population : (scratch.population = new Float64Array(n));
  const work = scratch.work.length >= n ? scratch.work : (scratch.work = new Float64Array(n));
  const arrival = scratch.arrival.length >= n ? scratch.arrival : (scratch.arrival = new Float64Array(n));
  const approval = m.draws[APPROVAL]!, kmPerDay = m.draws[KM_PER_DAY]!;
  let i = 0;
  input.regions.forEach((reg, r) => {
    const pop = m.dist.population[r], km = m.dist.backboneKm[r];
    for (let k = 0; k < reg.settlements; k++, i++) {
      population[i] = Math.max(1, Math.round(pop.quantile(us())));
      work[i] = Math.max(0, km.quantile(us()));
    }
  });
  for (let v = 0; v < n; v++) {
    const u = uj();
    arrival[v] = Math.max(0, approval.quantile(hashUniform(u, APPROVAL, 0)));
    work[v] = work[v] / Math.max(1e-9, kmPerDay.quantile(hashUniform(u, KM_PER_DAY, 0)));
  }

  // Each region: permits in arrival order, crews to the largest village waiting.
  let first = 0;
  input.regions.forEach((reg, r) => {
    const calendar = m.workCalendars[regionWork(r, input.fibre.method)];
    const size = reg.settlements, crews = reg.crews.fibre ?? 0;
    const thaws = thawsOf(calendar, H);
    let nextThaw = 0;
    const order = sortByArrival(arrival, first, size);
    const busyUntil = new Float64Array(crews).fill(-1); // -1: free
    const waiting = new WaitingLine(size, population);
    const start = (v: number, t: number, c: number) => {
      const end = calendar.finishTime(t, work[v]);
      completion[v] = end;
      busyUntil[c] = end;
    };
    let next = 0;
    for (;;) {
      let c = -1, release = Infinity;
      for (let k = 0; k < crews; k++) if (busyUntil[k] >= 0 && busyUntil[k] < release) { release = busyUntil[k]; c = k; }
      const arrive = next < size ? arrival[order[next]] : Infinity;
      const thaw = nextThaw < thaws.length ? thaws[nextThaw] : Infinity;
      if (thaw <= arrive && thaw <= release) {
        // The thaw: the free crews go to the largest villages waiting.
        if (thaw > H) break;
        nextThaw++;
        for (let k = 0; k < crews && waiting.size > 0; k++) if (busyUntil[k] < 0) start(waiting.pop(), thaw, k);
      } else if (arrive <= release) {
        if (arrive > H) break;
        const v = order[next++];
        const free = calendar.factorAt(arrive) > 0 ? busyUntil.indexOf(-1) : -1;
        if (free >= 0) start(v, arrive, free); else waiting.push(v);
      } else {
        if (release > H) break;
        busyUntil[c] = -1;
        if (waiting.size > 0 && calendar.factorAt(release) > 0) start(waiting.pop(), release, c);
      }
    }
    first += size;
  });

  // The first target: villages connected by the end of its deadline, and the day it was reached.
  const t = m.targets[0];
  const byDay = new Int32Array(H + 1);
  let count = 0, done = 0;
  for (let v = 0; v < n; v++) {
    const c = completion[v];
    if (c === Infinity) continue;
    done++;
    byDay[Math.min(H, Math.floor(c))]++;
    if (c < t.deadlineEnd) count++;
  }
  const need = requiredCount(t.threshold, n);
  let reached = need === 0 ? 0 : -1;
  if (need > 0 && need <= done) for (let d = 0, acc = 0; d <= H; d++) { acc += byDay[d]; if (acc >= need) { reached = d; break; } }
  o.countAtDeadline = count;
  o.reachedDay = reached;
  return o;
}

const scratch = { population: new Float64Array(0), work: new Float64Array(0), arrival: new Float64Array(0) };

/** The times work can progress again after each frozen spell of a calendar, within the horizon. */
function thawsOf(calendar: WorkCalendar, H: number): number[] {
  const out: number[] = [];
  for (let t = calendar.nextIdle(0); t < H;) {
    const thaw = calendar.nextWorking(t);
    if (!(thaw < H)) break;
    out.push(thaw);
    t = calendar.nextIdle(thaw);
  }
  return out;
}

/** Indices first..first+size-1 sorted by arrival time (ties: lower index first). */
function sortByArrival(arrival: Float64Array, first: number, size: number): Int32Array {
  const order = new Int32Array(size);
  for (let k = 0; k < size; k++) order[k] = first + k;
  const before = (a: number, b: number) => arrival[a] < arrival[b] || (arrival[a] === arrival[b] && a < b);
  // Heapsort: no recursion, no comparator callbacks through Array.prototype.sort.
  const sift = (i: number, end: number) => {
    for (;;) {
      let c = 2 * i + 1;
      if (c >= end) return;
      if (c + 1 < end && before(order[c], order[c + 1])) c++;
      if (!before(order[i], order[c])) return;
      const x = order[i]; order[i] = order[c]; order[c] = x;
      i = c;
    }
  };
  for (let i = (size >> 1) - 1; i >= 0; i--) sift(i, size);
  for (let end = size - 1; end > 0; end--) {
    const x = order[0]; order[0] = order[end]; order[end] = x;
    sift(0, end);
  }
  return order;
}

/** Villages waiting for a crew: largest population first, then first come first served. */
class WaitingLine {
  private readonly heap: Int32Array;
  private readonly rank: Int32Array;
  size = 0;
  private arrivals = 0;

  constructor(capacity: number, private readonly population: Float64Array) {
    this.heap = new Int32Array(capacity);
    this.rank = new Int32Array(capacity);
  }

  private before(i: number, j: number): boolean {
    const pi = this.population[this.heap[i]], pj = this.population[this.heap[j]];
    return pi > pj || (pi === pj && this.rank[i] < this.rank[j]);
  }

  private swap(i: number, j: number): void {
    const h = this.heap[i]; this.heap[i] = this.heap[j]; this.heap[j] = h;
    const r = this.rank[i]; this.rank[i] = this.rank[j]; this.rank[j] = r;
  }

  push(v: number): void {
    let i = this.size++;
    this.heap[i] = v;
    this.rank[i] = this.arrivals++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  pop(): number {
    const v = this.heap[0];
    this.size--;
    this.heap[0] = this.heap[this.size];
    this.rank[0] = this.rank[this.size];
    for (let i = 0; ;) {
      let c = 2 * i + 1;
      if (c >= this.size) break;
      if (c + 1 < this.size && this.before(c + 1, c)) c++;
      if (!this.before(c, i)) break;
      this.swap(i, c);
      i = c;
    }
    return v;
  }
}
