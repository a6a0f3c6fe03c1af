import { describe, expect, it } from 'vitest';
import { usageMessage } from '../../src/cli/usage-message.js';
import { fixture, rolloutIn } from './helpers.js';

describe('usageMessage', () => {
  const options = ['runs', 'seed', 'workers', 'quiet', 'json', 'out'];

  it('an unknown option gets the nearest known one, when one is near', () => {
    expect(usageMessage('Unknown argument: sed', 'run', options)).toBe('Unknown argument: sed (did you mean --seed?)');
    expect(usageMessage('Unknown arguments: frobnicate, quite', 'run', options)).toBe('Unknown arguments: frobnicate, quite (quite: did you mean --quiet?)');
    expect(usageMessage('Unknown argument: frobnicate', 'run', options), 'nothing near: as yargs said').toBe('Unknown argument: frobnicate');
  });

  it('a missing positional argument is named, per command', () => {
    const yargsSays = 'Not enough non-option arguments: got 0, need at least 1';
    expect(usageMessage(yargsSays, 'run', options)).toBe('name a scenario file: rollout run <scenario>');
    expect(usageMessage(yargsSays, 'merge', options)).toBe('name the shards\' output directories: rollout merge <dirs..>');
    expect(usageMessage(yargsSays, undefined, options)).toBe(yargsSays);
  });

  it('through the command line: exit 2, the suggestion, the help hint', async () => {
    const r = await rolloutIn(['run', fixture('known/exponential-crews.yaml'), '--sed', '9']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("rollout: Unknown argument: sed (did you mean --seed?)\nRun 'rollout run --help' for usage.\n");
    const none = await rolloutIn(['validate']);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('rollout: name one or more scenario files: rollout validate <scenarios..>');
  });

  it('reads the same under a Russian or Kazakh locale: yargs\' words are not translated (usageMessage reads them in English)', async () => {
    // Before the CLI set yargs' locale, LANG=ru_RU.UTF-8 gave "Неизвестный аргумент: sed" with
    // no suggestion, and a missing scenario an untranslated yargs message beside English ones.
    const saved = { LC_ALL: process.env.LC_ALL, LANG: process.env.LANG };
    try {
      for (const locale of ['ru_RU.UTF-8', 'kk_KZ.UTF-8', 'de_DE.UTF-8']) {
        process.env.LC_ALL = locale;
        process.env.LANG = locale;
        const r = await rolloutIn(['run', fixture('known/exponential-crews.yaml'), '--sed', '9']);
        expect(r.stderr, locale).toBe("rollout: Unknown argument: sed (did you mean --seed?)\nRun 'rollout run --help' for usage.\n");
        const none = await rolloutIn(['run']);
        expect(none.stderr, locale).toContain('rollout: name a scenario file: rollout run <scenario>');
        const missing = await rolloutIn(['run', fixture('known/exponential-crews.yaml'), '--runs']);
        expect(missing.stderr, locale).toContain('rollout: Not enough arguments following: runs');
      }
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    }
  });
});
