// Where netpol-dojo keeps the learner's files: one rule for every command.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/** The user's data directory for netpol-dojo ($NETPOL_DOJO_DATA_DIR overrides it). */
export function dataDir(env: Env): string {
  if (env.NETPOL_DOJO_DATA_DIR) return resolve(env.NETPOL_DOJO_DATA_DIR);
  if (process.platform === 'darwin') return join(env.HOME || homedir(), 'Library', 'Application Support', 'netpol-dojo');
  if (process.platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'netpol-dojo', 'Data');
  return join(env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share'), 'netpol-dojo');
}
