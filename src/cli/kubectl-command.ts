// `netpol-dojo kubectl ...`: the simulated kubectl on a sandbox cluster kept in a state directory.
// This file does the effects: state file (atomic write), -f files, $EDITOR for edit, the clock.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { editConflict } from '../kubectl/edit-conflict.ts';
import { finishEdit, freshSandbox, runKubectl, splitCommandLine, type KubectlEnv, type KubectlResult, type Sandbox } from '../kubectl/index.ts';
import { parseSandbox } from '../kubectl/state-schema.ts';
import { currentContext, parseKubeconfig, runConfig, type Kubeconfig } from '../kubectl/kubeconfig.ts';
import { acquireLock } from './file-lock.ts';
import { takeFlag, UsageError, type CliIO } from './io.ts';
import { dataDir } from './paths.ts';
import { removeStaleTemps } from './stale-temps.ts';

export const KUBECTL_HELP = `Usage: netpol-dojo kubectl [--state DIR] ARGS...
       netpol-dojo kubectl [--state DIR] reset

A simulated kubectl on an offline sandbox cluster (namespaces default, kube-system, kube-public,
kube-node-lease; CoreDNS behind kube-dns 10.96.0.10). Successive invocations share one cluster, kept in
DIR (default: $NETPOL_DOJO_STATE, else the sandbox/ folder of the data directory:
$XDG_DATA_HOME/netpol-dojo or ~/.local/share/netpol-dojo on Linux). "reset" restores the fresh cluster.

  netpol-dojo kubectl run web --image=nginx
  netpol-dojo kubectl exec web -- curl -s -m 2 kubernetes.default
  netpol-dojo kubectl explain networkpolicy.spec.ingress

kubectl config current-context, get-contexts, use-context, set-context --current --namespace=NS and view
work on the sandbox's one context; with --kubeconfig FILE (a mock exam's, set in the exam shell) each
context is its own cluster.
`;

const STATE_FILE = 'cluster.json';

export function defaultStateDir(env: CliIO['env']): string {
  if (env.NETPOL_DOJO_STATE) return env.NETPOL_DOJO_STATE;
  return join(dataDir(env), 'sandbox');
}

/** Pulls --state DIR / --state=DIR out of the arguments before kubectl's own "--". */
export function splitStateFlag(argv: readonly string[]): { state?: string; rest: string[] } {
  const r = takeFlag(argv, 'state');
  return { state: r.value, rest: r.rest };
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
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw damaged(file);
  }
  const parsed = parseSandbox(data);
  if (!parsed.ok) throw damaged(file, parsed.error);
  return { sandbox: parsed.sandbox, fresh: false };
}

function damaged(file: string, detail?: string): UsageError {
  return new UsageError(`error: the sandbox state ${file} is damaged or from another version${detail ? ` (${detail})` : ''}; run "netpol-dojo kubectl reset" to start a fresh cluster`);
}

/** The state file's temporary files: `.cluster.json.<pid>.tmp`. */
const TEMP_FILE = /^\.cluster\.json\.(\d+)\.tmp$/;

/**
 * Runs `fn` holding the state directory's lock (cluster.json.lock), so that concurrent invocations never
 * interleave their read–change–write of the cluster. Re-entrant: saveSandbox inside `fn` does not wait.
 */
export function withSandboxLock<T>(dir: string, fn: () => T): T {
  const lock = acquireLock(join(dir, STATE_FILE));
  if (!lock.ok) throw new UsageError(`error: the sandbox state in ${dir} is busy: ${lock.error}`);
  try {
    return fn();
  } finally {
    lock.release();
  }
}

/**
 * Writes the state atomically: a temporary file in the same directory, then rename; under the state lock.
 * Temporary files left by killed writers (their pid is gone) are removed.
 */
export function saveSandbox(dir: string, sb: Sandbox): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new UsageError(`error: cannot write the sandbox state in ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  withSandboxLock(dir, () => {
    const tmp = join(dir, `.${STATE_FILE}.${process.pid}.tmp`);
    try {
      removeStaleTemps(dir, TEMP_FILE);
      writeFileSync(tmp, JSON.stringify(sb));
      renameSync(tmp, join(dir, STATE_FILE));
    } catch (e) {
      rmSync(tmp, { force: true });
      throw new UsageError(`error: cannot write the sandbox state in ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  });
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

/**
 * The editor runs without the state lock (it may stay open for minutes). Each save re-reads the state under
 * the lock: the change is applied to the latest cluster unless an edited object changed (or went away)
 * meanwhile, which is a conflict, like the API server's resourceVersion check; the learner's text is kept.
 */
async function editLoop(io: CliIO, dir: string, first: KubectlResult, env: KubectlEnv): Promise<KubectlResult> {
  let result = first;
  while (result.edit) {
    const req = result.edit;
    const base = result.sandbox;
    const file = join(tmpdir(), req.file.split('/').pop() ?? 'kubectl-edit.yaml');
    writeFileSync(file, req.text);
    const code = await runEditor(io, file);
    if (code !== 0) {
      rmSync(file, { force: true });
      return { ...result, edit: undefined, stdout: '', stderr: `error: there was a problem with the editor "${io.env.EDITOR || io.env.VISUAL || 'vi'}"\n`, exitCode: 1 };
    }
    const edited = readFileSync(file, 'utf8');
    const kept = `A copy of your changes has been stored to "${file}"\n`;
    let step: { result: KubectlResult; keep: boolean };
    try {
      step = withSandboxLock(dir, () => {
        const latest = loadSandbox(dir, env.now).sandbox;
        const conflict = editConflict(base, latest, req.targets);
        if (conflict) {
          // A file saved unchanged (or emptied) cancels the edit whatever happened meanwhile.
          const cancelled = finishEdit(base, req, edited, env);
          if (cancelled.sandbox === base && !cancelled.edit) return { result: { ...cancelled, sandbox: latest }, keep: false };
          return { result: { sandbox: latest, stdout: '', stderr: `${kept}${conflict}\n`, exitCode: 1 }, keep: true };
        }
        const r = finishEdit(latest, req, edited, env);
        if (r.sandbox !== latest) saveSandbox(dir, r.sandbox);
        return { result: r, keep: false };
      });
    } catch (e) {
      if (e instanceof UsageError) throw new UsageError(`${kept}${e.message}`);
      throw e;
    }
    if (!step.keep) rmSync(file, { force: true });
    result = step.result;
  }
  return result;
}


const SANDBOX_CONTEXT = 'netpol-dojo';

/**
 * The kubeconfig in use. With --kubeconfig (or $NETPOL_DOJO_KUBECONFIG, as in a mock exam) each context names
 * a cluster folder under clusters/ beside the file. Without, the sandbox has one context, kept (once its
 * namespace is set) in kubeconfig.json of the state folder.
 */
function loadKubeconfig(file: string, sandbox: boolean): Kubeconfig {
  let text: string | undefined;
  try { text = readFileSync(file, 'utf8'); } catch { text = undefined; }
  if (text === undefined) {
    if (sandbox) return { format: 'netpol-dojo-kubeconfig/1', currentContext: SANDBOX_CONTEXT, contexts: [{ name: SANDBOX_CONTEXT, cluster: SANDBOX_CONTEXT }] };
    throw new UsageError(`error: cannot read the kubeconfig ${file}`);
  }
  let data: unknown;
  try { data = JSON.parse(text); } catch { data = undefined; }
  const kc = parseKubeconfig(data);
  if (!kc) throw new UsageError(`error: the kubeconfig ${file} is damaged; ${sandbox ? 'remove it to get the default context back' : 'the exam cannot go on with it'}`);
  return kc;
}

function saveKubeconfig(file: string, kc: Kubeconfig): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(kc, null, 2)}\n`);
  renameSync(tmp, file);
}

/** `kubectl config …`: under the kubeconfig's lock, saved when it changed. */
function runConfigCommand(file: string, sandbox: boolean, args: readonly string[], io: CliIO): number {
  const lock = acquireLock(file);
  if (!lock.ok) throw new UsageError(`error: the kubeconfig ${file} is busy: ${lock.error}`);
  try {
    const kc = loadKubeconfig(file, sandbox);
    const r = runConfig(kc, args);
    if (r.kubeconfig !== kc) saveKubeconfig(file, r.kubeconfig);
    if (r.stdout) io.stdout(r.stdout);
    if (r.stderr) io.stderr(r.stderr);
    return r.exitCode;
  } finally {
    lock.release();
  }
}

export async function runKubectlCommand(argv: string[], io: CliIO): Promise<number> {
  const { state, rest: afterState } = splitStateFlag(argv);
  const { value: kcFlag, rest } = takeFlag(afterState, 'kubeconfig');
  if (rest.length === 1 && (rest[0] === '--help' || rest[0] === '-h')) { io.stdout(KUBECTL_HELP); return 0; }
  const kcPath = kcFlag ?? (state === undefined ? io.env.NETPOL_DOJO_KUBECONFIG || undefined : undefined);
  const sandboxDir = state ?? defaultStateDir(io.env);
  const kcFile = kcPath ?? join(sandboxDir, 'kubeconfig.json');
  const firstWord = rest.find((a) => !a.startsWith('-'));
  if (firstWord === 'config') return runConfigCommand(kcFile, kcPath === undefined, rest.slice(rest.indexOf('config') + 1), io);
  const kc = loadKubeconfig(kcFile, kcPath === undefined);
  const ctx = currentContext(kc);
  if (!ctx) { io.stderr(`error: the current context "${kc.currentContext}" does not exist; see kubectl config get-contexts\n`); return 1; }
  const dir = kcPath === undefined ? sandboxDir : join(dirname(kcPath), 'clusters', ctx.cluster);
  const now = new Date().toISOString();
  if (rest.length === 1 && rest[0] === 'reset') {
    saveSandbox(dir, freshSandbox(now));
    io.stdout(`sandbox cluster reset (state in ${dir})\n`);
    return 0;
  }
  const env: KubectlEnv = { now, ...fileSystemEnv(io, rest), ...(ctx.namespace ? { defaultNamespace: ctx.namespace } : {}) };
  // Reads need no lock (the state file is replaced atomically). A command that changes the cluster runs
  // again under the lock on the state as it is then, so that a concurrent writer's change is never lost.
  const first = loadSandbox(dir, now);
  let result = runKubectl(first.sandbox, rest, env);
  if (first.fresh || result.sandbox !== first.sandbox) {
    result = withSandboxLock(dir, () => {
      const { sandbox: before, fresh } = loadSandbox(dir, now);
      const r = runKubectl(before, rest, env);
      if (fresh || r.sandbox !== before) saveSandbox(dir, r.sandbox);
      return r;
    });
  }
  if (result.edit) result = await editLoop(io, dir, result, env);
  if (result.stdout) io.stdout(result.stdout);
  if (result.stderr) io.stderr(result.stderr);
  return result.exitCode;
}
