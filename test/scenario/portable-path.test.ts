import { describe, it, expect } from 'vitest';
import { insideDirectory, portableCommand, portablePath } from '../../src/scenario/portable-path.js';

describe('portable file names for outputs', () => {
  const cwd = '/home/ana/work';
  it('keeps a path inside the current directory relative to it, and only the file name outside it', () => {
    expect(portablePath('/home/ana/work/plans/b.yaml', cwd)).toBe('plans/b.yaml');
    expect(portablePath('./plans/../plans/b.yaml', cwd)).toBe('plans/b.yaml');
    expect(portablePath('plans/b.yaml', cwd)).toBe('plans/b.yaml');
    expect(portablePath('/tmp/x/b.yaml', cwd)).toBe('b.yaml');
    // '../' would spell the directory above once resolved: not kept either.
    expect(portablePath('../other/b.yaml', cwd)).toBe('b.yaml');
    expect(portablePath('/home/ana/workshop/b.yaml', cwd)).toBe('b.yaml'); // a sibling sharing a prefix is outside
    expect(insideDirectory('/home/ana/work/scenarios/SOURCES.md', cwd)).toBe(true);
    expect(insideDirectory('/home/ana/workshop/SOURCES.md', cwd)).toBe(false);
    expect(insideDirectory(cwd, cwd)).toBe(false);
  });

  it('writes a command line with the program as rollout and every absolute path made portable', () => {
    const argv = ['/usr/bin/node', '/home/ana/rollout/bin/rollout.js', 'run', '/home/ana/work/plans/b.yaml', '--out=/tmp/r/out', '--runs', '10', '--out', '/srv/x'];
    expect(portableCommand(argv, cwd)).toBe('rollout run plans/b.yaml --out=out --runs 10 --out x');
  });
});
