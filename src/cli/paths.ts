// Where netpol-dojo keeps the learner's files: one rule for every command.
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

type Env = Readonly<Record<string, string | undefined>>;

/** The user's data directory for netpol-dojo ($NETPOL_DOJO_DATA_DIR overrides it); a profile has its own inside. */
export function dataDir(env: Env): string {
  const base = baseDataDir(env);
  return env.NETPOL_DOJO_PROFILE ? join(base, 'profiles', env.NETPOL_DOJO_PROFILE) : base;
}

/** A learner profile's name: letters, digits, "-" and "_" (it names files and folders). */
export const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

function baseDataDir(env: Env): string {
  if (env.NETPOL_DOJO_DATA_DIR) return resolve(env.NETPOL_DOJO_DATA_DIR);
  if (process.platform === 'darwin') return join(env.HOME || homedir(), 'Library', 'Application Support', 'netpol-dojo');
  if (process.platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'netpol-dojo', 'Data');
  return join(env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share'), 'netpol-dojo');
}

/** The nearest directory at or above `start` (a file or directory path) holding package.json. */
export function findPackageRoot(start: string): string | undefined {
  const kind = (p: string) => { try { const st = statSync(p); return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : undefined; } catch { return undefined; } };
  let dir = kind(start) === 'dir' ? start : dirname(start);
  for (;;) {
    if (kind(join(dir, 'package.json')) === 'file') return dir;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** The package root (holding package.json, lessons/ and dist/), found from this file (source or bundle). */
export function packageRoot(): string | undefined {
  return findPackageRoot(fileURLToPath(import.meta.url));
}
