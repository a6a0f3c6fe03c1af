import { basename, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * A file's name as it may appear in an output (summary.json, run-info.json, report.html,
 * partial.json): relative to the current directory when the file is inside it, else just
 * its base name. An output never carries an absolute path of the machine it was made on
 * (a home directory, a user name, a build server's layout) — a result is shared, and
 * `rollout run /home/ana/plans/b.yaml` must give the same summary.json as
 * `rollout run plans/b.yaml` from /home/ana. A relative path that climbs out of the
 * current directory ('../../x.yaml') is not kept either: followed by enough '..' it spells
 * the absolute path of the directory above.
 *
 * @example
 *   // in /home/ana
 *   portablePath('/home/ana/plans/b.yaml');  // 'plans/b.yaml'
 *   portablePath('./plans/b.yaml');          // 'plans/b.yaml'
 *   portablePath('/tmp/x/b.yaml');           // 'b.yaml'
 *   portablePath('../other/b.yaml');         // 'b.yaml'
 */
export function portablePath(file: string, cwd: string = process.cwd()): string {
  if (file === '') return file;
  const abs = resolve(cwd, file);
  const rel = relative(cwd, abs);
  if (rel === '') return '.';
  if (isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) return basename(abs);
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/**
 * Whether `file` lies inside `cwd` (so that portablePath keeps its folders and a relative
 * link from one output to it can be made).
 *
 * @example insideDirectory('scenarios/SOURCES.md'); // true in a clone's root
 */
export function insideDirectory(file: string, cwd: string = process.cwd()): boolean {
  const rel = relative(cwd, resolve(cwd, file));
  return rel !== '' && !isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`);
}

/**
 * A command line as it may appear in an output: every argument that is an absolute path
 * (alone or as `--opt=/path`) made portable, the program itself named 'rollout'.
 *
 * @example portableCommand(['/usr/bin/node', '/opt/rollout/bin/rollout.js', 'run', '/home/ana/b.yaml']); // 'rollout run b.yaml' (outside /home/ana)
 */
export function portableCommand(argv: readonly string[], cwd: string = process.cwd()): string {
  const args = argv.slice(2).map((a) => {
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    if (eq > 0 && isAbsolute(a.slice(eq + 1))) return `${a.slice(0, eq + 1)}${portablePath(a.slice(eq + 1), cwd)}`;
    return isAbsolute(a) ? portablePath(a, cwd) : a;
  });
  return ['rollout', ...args].join(' ');
}
