import { closeSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { portableCommand, portablePath } from '../scenario/portable-path.js';
import { compileModel } from '../model/index.js';
import { checkRunsCsv, mergePartials, MergeError, partialFromJson, VERSION, type PartialResult } from '../montecarlo/index.js';
import { summaryJson, writeReport } from '../report/index.js';
import { writeStaged } from './output-dir.js';
import { printAnswer } from './print.js';
import { safeJson } from './terminal.js';
import { outputFor, WRITES } from './run-command.js';

export interface MergeArgs {
  dirs: string[];
  out?: string;
  force?: boolean;
  json: boolean;
  quiet: boolean;
  png: boolean;
}

/**
 * A shard's file as text, or a MergeError (exit 2) naming it and saying what is wrong —
 * missing, a directory, not a regular file, unreadable — never a raw EISDIR. (Not the
 * scenario reader's readText: a shard's runs.csv may be far larger than its 10 MB.)
 */
function readShardFile(file: string, expected: string): string {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new MergeError(`${file}: not found; ${expected}`);
    throw new MergeError(`${file}: cannot be read (${code ?? String(e)}); ${expected}`);
  }
  if (st.isDirectory()) throw new MergeError(`${file}: a directory, not a file; ${expected}`);
  if (!st.isFile()) throw new MergeError(`${file}: not a regular file; ${expected}`);
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new MergeError(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)}); ${expected}`);
  }
}

/**
 * `rollout merge <dirs...>`: combines the partial results of `rollout run --shard k/n`
 * into the full result, byte-identical to a single-machine run with the same seed and total.
 */
export async function mergeCommand(a: MergeArgs, signal?: AbortSignal): Promise<void> {
  const t0 = performance.now();
  const parts: { partial: PartialResult; where: string; dir: string; rows: string }[] = a.dirs.map((dir) => {
    const file = join(dir, 'partial.json');
    const partial = partialFromJson(readShardFile(file, `expected a directory written by 'rollout run --shard k/n'`), file);
    const csv = join(dir, 'runs.csv');
    const rows = readShardFile(csv, `every shard directory holds the runs.csv 'rollout run --shard' wrote`);
    const wrong = checkRunsCsv(partial, compileModel(partial.input), rows);
    if (wrong) throw new MergeError(`${csv}: ${wrong}; it does not belong to ${file}`);
    return { partial, where: file, dir, rows };
  });
  const result = mergePartials(parts);
  const out = outputFor(a, join('output', result.summary.scenario.name), a.dirs, 'merge', WRITES.run);
  const outDir = out.dir;
  await writeStaged(out, async (tmp) => {
    // runs.csv: the header once, then every shard's rows in replication order.
    const fd = openSync(join(tmp, 'runs.csv'), 'w');
    try {
      [...parts].sort((x, y) => x.partial.shard.from - y.partial.shard.from).forEach((p, k) => {
        const nl = p.rows.indexOf('\n');
        writeSync(fd, k === 0 ? p.rows : p.rows.slice(nl + 1));
      });
    } finally {
      closeSync(fd);
    }
    const started = new Date();
    await writeReport(result, tmp, { png: a.png, runDate: started.toISOString(), signal, outDir });
    writeFileSync(join(tmp, 'run-info.json'), JSON.stringify({
      tool: 'rollout', version: VERSION, mergedAt: started.toISOString(), seconds: +((performance.now() - t0) / 1000).toFixed(3),
      shards: parts.map((p) => ({ dir: portablePath(p.dir), shard: `${p.partial.shard.index}/${p.partial.shard.count}`, replications: [p.partial.shard.from, p.partial.shard.to - 1] })),
      command: portableCommand(process.argv),
    }, null, 2) + '\n');
  }, signal);
  if (a.json) process.stdout.write(safeJson(summaryJson(result.summary)));
  else if (!a.quiet) printAnswer(result, { outDir, seconds: (performance.now() - t0) / 1000, shards: parts.length });
}
