// Starts netpol-dojo child processes (test/cli/cli-child.ts) and runs them at the same moment.
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./cli-child.ts', import.meta.url));

export interface ChildRun { readonly code: number | null; readonly stdout: string; readonly stderr: string }

/** Runs every argv in its own process, released together once all have loaded. */
export async function runTogether(argvs: readonly (readonly string[])[], env: Record<string, string> = {}): Promise<ChildRun[]> {
  const children = argvs.map((argv) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...argv], { env: { ...process.env, ...env, NPD_WAIT_GO: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let readyResolve!: () => void;
    const ready = new Promise<void>((r) => { readyResolve = r; });
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.startsWith('ready\n')) readyResolve();
    });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const done = new Promise<ChildRun>((resolve) => {
      child.on('exit', (code) => { readyResolve(); resolve({ code, stdout: stdout.replace(/^ready\n/, ''), stderr }); });
    });
    return { child, ready, done };
  });
  await Promise.all(children.map((c) => c.ready));
  for (const c of children) c.child.stdin.end('go\n');
  return Promise.all(children.map((c) => c.done));
}

/** Runs one command line in a child process, killed after `timeoutMs` (a hang becomes a failure, not a stuck test). */
export function runChild(argv: readonly string[], env: Record<string, string> = {}, timeoutMs = 30_000): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['--import', 'tsx', CHILD, ...argv], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL' });
}
