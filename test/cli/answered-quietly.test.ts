import { afterEach, describe, expect, it, vi } from 'vitest';
import { answeredQuietly } from '../../src/cli/observed-args.js';
import type { ConditioningSummary } from '../../src/montecarlo/index.js';

/** What answeredQuietly wrote to stdout and stderr. */
function written(a: { json?: boolean; quiet?: boolean }, conditioning: ConditioningSummary | undefined) {
  const out: string[] = [], err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((t) => (out.push(String(t)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((t) => (err.push(String(t)), true));
  const quiet = answeredQuietly(a, () => '{"x":1}\n', conditioning);
  vi.restoreAllMocks();
  return { quiet, out: out.join(''), err: err.join('') };
}

const warned = { warnings: [{ kind: 'ess-collapse', message: 'few futures' }] } as unknown as ConditioningSummary;

describe('answeredQuietly (goal, allocate and sensitivity under --json and --quiet)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('--json: the JSON on stdout, the warnings on stderr', () => {
    expect(written({ json: true }, warned)).toEqual({ quiet: true, out: '{"x":1}\n', err: `${'!'.repeat(78)}\nWARNING (ess-collapse): few futures\n${'!'.repeat(78)}\n` });
  });

  it('--quiet: nothing on stdout, the warnings still on stderr', () => {
    const w = written({ quiet: true }, warned);
    expect(w.quiet).toBe(true);
    expect(w.out).toBe('');
    expect(w.err).toMatch(/^!+\nWARNING \(ess-collapse\): few futures\n!+\n$/);
  });

  it('neither: the command prints its answer (with the warnings in it), nothing written here', () => {
    expect(written({}, warned)).toEqual({ quiet: false, out: '', err: '' });
  });

  it('no conditioning, or no warnings: stderr stays empty', () => {
    expect(written({ quiet: true }, undefined).err).toBe('');
    expect(written({ json: true }, { warnings: [] } as unknown as ConditioningSummary).err).toBe('');
  });
});
