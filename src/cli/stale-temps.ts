// Temporary files of atomic writes (FILE.<pid>.tmp, renamed over FILE when complete) stay behind when the
// writer is killed between the write and the rename. The next writer removes those whose pid is gone.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pidAlive } from './file-lock.ts';

/**
 * Removes the files in `dir` whose name matches `pattern` (first group: the writer's pid) and whose writer
 * is no longer running. Returns the names removed; never throws (cleaning up is best effort).
 */
export function removeStaleTemps(dir: string, pattern: RegExp, alive: (pid: number) => boolean = pidAlive): string[] {
  let names: string[];
  try { names = readdirSync(dir); } catch { return []; }
  const removed: string[] = [];
  for (const name of names) {
    const m = pattern.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || alive(pid)) continue;
    try { rmSync(join(dir, name), { force: true }); removed.push(name); } catch { /* leave it */ }
  }
  return removed;
}
