import { closeSync, existsSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { mergePartials, MergeError, partialFromJson, VERSION, type PartialResult } from '../montecarlo/index.js';
import { summaryJson, writeReport } from '../report/index.js';
import { writeStaged } from './output-dir.js';
import { printAnswer } from './print.js';

export interface MergeArgs {
  dirs: string[];
  out?: string;
  json: boolean;
  quiet: boolean;
  png: boolean;
}

/**
 * `rollout merge <dirs...>`: combines the partial results of `rollout run --shard k/n`
 * into the full result, byte-identical to a single-machine run with the same seed and total.
 */
export async function mergeCommand(a: MergeArgs): Promise<void> {
  const parts: { partial: PartialResult; where: string; dir: string }[] = a.dirs.map((dir) => {
    const file = join(dir, 'partial.json');
    if (!existsSync(file)) throw new MergeError(`${file}: not found; expected a directory written by 'rollout run --shard k/n'`);
    return { partial: partialFromJson(readFileSync(file, 'utf8'), file), where: file, dir };
  });
  const t0 = performance.now();
  const result = mergePartials(parts);
  const outDir = a.out ?? join('output', result.summary.scenario.name);
  await writeStaged(outDir, async (tmp) => {
    // runs.csv: the header once, then every shard's rows in replication order.
    const fd = openSync(join(tmp, 'runs.csv'), 'w');
    try {
      [...parts].sort((x, y) => x.partial.shard.from - y.partial.shard.from).forEach((p, k) => {
        const text = readFileSync(join(p.dir, 'runs.csv'), 'utf8');
        const nl = text.indexOf('\n');
        writeSync(fd, k === 0 ? text : text.slice(nl + 1));
      });
    } finally {
      closeSync(fd);
    }
    const started = new Date();
    await writeReport(result, tmp, { png: a.png, runDate: started.toISOString() });
    writeFileSync(join(tmp, 'run-info.json'), JSON.stringify({
      tool: 'rollout', version: VERSION, mergedAt: started.toISOString(), seconds: +((performance.now() - t0) / 1000).toFixed(3),
      shards: parts.map((p) => ({ dir: p.dir, shard: `${p.partial.shard.index}/${p.partial.shard.count}`, replications: [p.partial.shard.from, p.partial.shard.to - 1] })),
      command: process.argv.slice(1).join(' '),
    }, null, 2) + '\n');
  });
  if (a.json) process.stdout.write(summaryJson(result.summary));
  else if (!a.quiet) printAnswer(result, { outDir, seconds: (performance.now() - t0) / 1000, workers: 0 });
}
