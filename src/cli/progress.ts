import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

const silent: Progress = { update() {}, stop() {} };

/**
 * The bar's line: the time left once replications have finished to time them by; before
 * that there is no rate to go on, and '0s left' would be a claim (a user saw it at 0 %).
 *
 * @example progressFormat('baseline')   // the line reads 'baseline [░░…] 0% | 0/200 replications | timing…', then '… | 1m20s left'
 */
export function progressFormat(label: string): cliProgress.GenericFormatter {
  const timed = `${label} [{bar}] {percentage}% | {value}/{total} replications | {eta_formatted} left`;
  const untimed = `${label} [{bar}] {percentage}% | {value}/{total} replications | timing…`;
  return (options, params, payload) => cliProgress.Format.Formatter({ ...options, format: params.value > 0 && Number.isFinite(params.eta) ? timed : untimed }, params, payload);
}

/**
 * A progress bar on stderr, only when a person is watching: stdout and stderr are
 * terminals and neither --quiet nor --json was given.
 */
export function progressBar(label: string, enabled: boolean): Progress {
  if (!enabled || !process.stdout.isTTY || !process.stderr.isTTY) return silent;
  const bar = new cliProgress.SingleBar(
    { format: progressFormat(label), stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) { bar.start(total, 0); started = true; }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** Runs `fn` and takes the progress bar off the terminal afterwards, whatever happens. */
export async function withBar<T>(bar: Progress, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } finally {
    bar.stop();
  }
}
