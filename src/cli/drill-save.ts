// drill.json is written under its lock (drill.json.lock), like the drill's cluster.json, so that two screens
// on one drill never interleave their writes; temporary files of killed writers are removed first.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DrillSession } from '../practice/drill.ts';
import { withFileLockOrThrow } from './file-lock.ts';
import { removeStaleTemps } from './stale-temps.ts';

const TEMP_FILE = /^drill\.json\.(\d+)\.tmp$/;

/** Writes `dir`/drill.json atomically under its lock; throws (with a message) when it cannot. */
export function saveDrillFile(dir: string, session: DrillSession): void {
  const file = join(dir, 'drill.json');
  mkdirSync(dir, { recursive: true });
  withFileLockOrThrow(file, () => {
    removeStaleTemps(dir, TEMP_FILE);
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, `${JSON.stringify(session, null, 2)}\n`);
      renameSync(tmp, file);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
  });
}
