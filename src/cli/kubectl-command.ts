// `netpol-dojo kubectl ...`: the simulated kubectl on a sandbox cluster kept in a state directory.
// This file does the effects: state file (atomic write), -f files, $EDITOR for edit, the clock.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finishEdit, freshSandbox, runKubectl, splitCommandLine, type KubectlEnv, type KubectlResult, type Sandbox } from '../kubectl/index.ts';
import { UsageError, type CliIO } from './io.ts';
import { dataDir } from './paths.ts';

export const KUBECTL_HELP = `Usage: netpol-dojo kubectl [--state DIR] ARGS...
       netpol-dojo kubectl [--state DIR] reset

A simulated kubectl on an offline sandbox cluster (namespaces default, kube-system, kube-public,
kube-node-lease; CoreDNS behind kube-dns 10.96.0.10). Successive invocations share one cluster, kept in
DIR (default: $NETPOL_DOJO_STATE, else the sandbox/ folder of the data directory:
$XDG_DATA_HOME/netpol-dojo or ~/.local/share/netpol-dojo on Linux). "reset" restores the fresh cluster.

  netpol-dojo kubectl run web --image=nginx
  netpol-dojo kubectl exec web -- curl -s -m 2 kubernetes.default
  netpol-dojo kubectl explain networkpolicy.spec.ingress
`;

const STATE_FILE = 'cluster.json';

export function defaultStateDir(env: CliIO['env']): string {
  if (env.NETPOL_DOJO_STATE) return env.NETPOL_DOJO_STATE;
  return join(dataDir(env), 'sandbox');
}

/** Pulls --state DIR / --state=DIR out of the arguments before kubectl's own "--". */
export function splitStateFlag(argv: readonly string[]): { state?: string; rest: string[] } {
  const rest: string[] = [];
  let state: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { rest.push(...argv.slice(i)); break; }
    if (a === '--state') {
      if (i + 1 >= argv.length) throw new UsageError('error: flag needs an argument: --state');
      state = argv[++i];
    } else if (a.startsWith('--state=')) state = a.slice('--state='.length);
    else rest.push(a);
  }
  return { state, rest };
}

/** The stored sandbox; `fresh` when there was none yet (a new cluster created at `now`). */
export function loadSandbox(dir: string, now: string): { sandbox: Sandbox; fresh: boolean } {
  const file = join(dir, STATE_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { sandbox: freshSandbox(now), fresh: true };
    throw new UsageError(`error: cannot read the sandbox state ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    const sb = JSON.parse(text) as Sandbox;
    if (sb?.format !== 'netpol-dojo-sandbox/1' || !Array.isArray(sb.objects) || typeof sb.counters !== 'object') throw new Error('unknown format');
    return { sandbox: sb, fresh: false };
  } catch {
    throw new UsageError(`error: the sandbox state ${file} is damaged or from another version; run "netpol-dojo kubectl reset" to start a fresh cluster`);
  }
}

/** Writes the state atomically: a temporary file in the same directory, then rename. */
export function saveSandbox(dir: string, sb: Sandbox): void {
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = join(dir, `.${STATE_FILE}.${process.pid}.tmp`);
    writeFileSync(tmp, JSON.stringify(sb));
    renameSync(tmp, join(dir, STATE_FILE));
  } catch (e) {
    throw new UsageError(`error: cannot write the sandbox state in ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function fileSystemEnv(io: CliIO, argv: readonly string[]): Omit<KubectlEnv, 'now'> {
  const wantsStdin = argv.some((a, i) => (a === '-' && (argv[i - 1] === '-f' || argv[i - 1] === '--filename')) || a === '--filename=-' || a === '-f-');
  return {
    readFile: (p) => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } },
    listDir: (p) => { try { return statSync(p).isDirectory() ? readdirSync(p) : undefined; } catch { return undefined; } },
    stdin: wantsStdin && io.readStdin ? io.readStdin() : undefined,
  };
}

function runEditor(io: CliIO, file: string): Promise<number> {
  const editor = io.env.EDITOR || io.env.VISUAL || 'vi';
  const [cmd, ...args] = splitCommandLine(editor);
  return new Promise((resolve) => {
    const child = spawn(cmd, [...args, file], { stdio: 'inherit' });
    child.on('error', () => resolve(-1));
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function editLoop(io: CliIO, first: KubectlResult, env: KubectlEnv): Promise<KubectlResult> {
  let result = first;
  while (result.edit) {
    const req = result.edit;
    const file = join(tmpdir(), req.file.split('/').pop() ?? 'kubectl-edit.yaml');
    writeFileSync(file, req.text);
    const code = await runEditor(io, file);
    if (code !== 0) {
      rmSync(file, { force: true });
      return { ...result, edit: undefined, stdout: '', stderr: `error: there was a problem with the editor "${io.env.EDITOR || io.env.VISUAL || 'vi'}"\n`, exitCode: 1 };
    }
    const edited = readFileSync(file, 'utf8');
    rmSync(file, { force: true });
    result = finishEdit(result.sandbox, req, edited, env);
  }
  return result;
}

export async function runKubectlCommand(argv: string[], io: CliIO): Promise<number> {
  const { state, rest } = splitStateFlag(argv);
  if (rest.length === 1 && (rest[0] === '--help' || rest[0] === '-h')) { io.stdout(KUBECTL_HELP); return 0; }
  const dir = state ?? defaultStateDir(io.env);
  const now = new Date().toISOString();
  if (rest.length === 1 && rest[0] === 'reset') {
    saveSandbox(dir, freshSandbox(now));
    io.stdout(`sandbox cluster reset (state in ${dir})\n`);
    return 0;
  }
  const { sandbox: before, fresh } = loadSandbox(dir, now);
  const env: KubectlEnv = { now, ...fileSystemEnv(io, rest) };
  let result = runKubectl(before, rest, env);
  if (result.edit) result = await editLoop(io, result, env);
  if (result.stdout) io.stdout(result.stdout);
  if (result.stderr) io.stderr(result.stderr);
  if (fresh || result.sandbox !== before) saveSandbox(dir, result.sandbox);
  return result.exitCode;
}
