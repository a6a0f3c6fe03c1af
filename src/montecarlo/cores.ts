import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/**
 * CPU cores this process may really use: Node's count (which respects the CPU affinity
 * mask) capped by a cgroup CPU quota — a container limited to 2 CPUs on a 64-core node
 * gets 2 workers, not 64 threads fighting over 2 CPUs' worth of time. Reads cgroup v2
 * (`/sys/fs/cgroup/cpu.max`, "quota period" or "max period") and falls back to cgroup v1
 * (`cpu.cfs_quota_us` / `cpu.cfs_period_us`); no quota means no cap. At least 1.
 *
 * @example
 *   availableCores()          // 2 in a pod with `limits: { cpu: 2 }`, else the machine's cores
 *   quotaCores('150000 100000') // 2 (1.5 CPUs of time: two threads can use it)
 */
export function availableCores(): number {
  const quota = cgroupQuota();
  const cores = availableParallelism();
  return Math.max(1, quota === null ? cores : Math.min(cores, quota));
}

/** Cores allowed by a cgroup v2 `cpu.max` line ("max 100000" = no limit): the quota rounded up. */
export function quotaCores(cpuMax: string): number | null {
  const [quota, period] = cpuMax.trim().split(/\s+/);
  if (quota === undefined || quota === 'max') return null;
  const q = Number(quota), p = Number(period ?? 100000);
  return q > 0 && p > 0 ? Math.max(1, Math.ceil(q / p)) : null;
}

function cgroupQuota(): number | null {
  const read = (f: string) => {
    try {
      return readFileSync(f, 'utf8');
    } catch {
      return null;
    }
  };
  const v2 = read('/sys/fs/cgroup/cpu.max');
  if (v2 !== null) return quotaCores(v2);
  const q = read('/sys/fs/cgroup/cpu/cpu.cfs_quota_us'), p = read('/sys/fs/cgroup/cpu/cpu.cfs_period_us');
  if (q === null || p === null || Number(q) <= 0) return null;
  return quotaCores(`${q.trim()} ${p.trim()}`);
}
