// `netpol-dojo kubectl ...`: the simulated kubectl on a sandbox cluster kept in a state directory.
// This file does the effects: state file (atomic write), -f files, $EDITOR for edit, the clock.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unwatchFile, watchFile, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { editConflict } from '../kubectl/edit-conflict.ts';
import { finishEdit, freshSandbox, runKubectl, splitCommandLine, type KubectlEnv, type KubectlResult, type Sandbox } from '../kubectl/index.ts';
import { parseSandbox } from '../kubectl/state-schema.ts';
import { currentContext, parseKubeconfig, runConfig, type Kubeconfig } from '../kubectl/kubeconfig.ts';
import { attachPlan, type AttachPlan } from '../kubectl/shell/attach.ts';
import { shellLine, startShell, type ShellSession } from '../kubectl/shell/index.ts';
import { acquireLock } from './file-lock.ts';
import { takeFlag, UsageError, type CliIO } from './io.ts';
import { dataDir } from './paths.ts';
import { removeStaleTemps } from './stale-temps.ts';
import { followLines, tableWidths, wantsFollow, wantsWatch, watchRows } from '../kubectl/watch.ts';

export const KUBECTL_HELP = `Usage: netpol-dojo kubectl [--state DIR] ARGS...
       netpol-dojo kubectl [--state DIR] reset

A simulated kubectl on an offline sandbox cluster (namespaces default, kube-system, kube-public,
kube-node-lease; CoreDNS behind kube-dns 10.96.0.10). Successive invocations share one cluster, kept in
DIR (default: $NETPOL_DOJO_STATE, else the sandbox/ folder of the data directory:
$XDG_DATA_HOME/netpol-dojo or ~/.local/share/netpol-dojo on Linux). "reset" restores the fresh cluster.

  netpol-dojo kubectl run web --image=nginx
  netpol-dojo kubectl exec web -- curl -s -m 2 kubernetes.default
  netpol-dojo kubectl run tmp --rm -it --image=busybox        (a shell in a new pod; exit deletes it)
  netpol-dojo kubectl logs web                                 (one line per connection nginx received)
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

function fileSystemEnv(io: CliIO, argv: readonly string[], attached = false): Omit<KubectlEnv, 'now'> {
  const wantsStdin = attached || argv.some((a, i) => (a === '-' && (argv[i - 1] === '-f' || argv[i - 1] === '--filename')) || a === '--filename=-' || a === '-f-');
  return {
    readFile: (p) => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } },
    listDir: (p) => { try { return statSync(p).isDirectory() ? readdirSync(p) : undefined; } catch { return undefined; } },
    stdin: wantsStdin && io.readStdin ? io.readStdin() : undefined,
  };
}

/** Where an interactive shell reads its lines: a terminal (with its prompt), or a scripted source in tests. */
export interface LineSource {
  /** Shows the prompt, then waits for the next line; null at end of input (Ctrl-D). */
  readonly next: (prompt: string) => Promise<string | null>;
  readonly close: () => void;
}

function terminalLines(): LineSource {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true, historySize: 100 });
  const queue: (string | null)[] = [];
  let waiting: ((l: string | null) => void) | undefined;
  const push = (l: string | null) => { if (waiting) { const w = waiting; waiting = undefined; w(l); } else queue.push(l); };
  rl.on('line', (l) => push(l));
  rl.on('close', () => push(null));
  rl.on('SIGINT', () => { process.stdout.write('^C\n'); rl.prompt(); });
  return {
    next: (prompt) => {
      rl.setPrompt(prompt);
      if (queue.length) return Promise.resolve(queue.shift() ?? null);
      rl.prompt();
      return new Promise((resolve) => { waiting = resolve; });
    },
    close: () => rl.close(),
  };
}

/**
 * An interactive shell in a container (kubectl exec -it POD -- sh, run -it): each line runs on the cluster as it
 * is then, under the state lock, and what it changed (servers' access logs) is saved. Returns the exit code.
 */
export async function driveShell(io: CliIO, dir: string, plan: AttachPlan, lines: LineSource): Promise<number> {
  const start = startShell(loadSandbox(dir, new Date().toISOString()).sandbox, { namespace: plan.namespace, name: plan.pod }, plan.argv,
    { now: new Date().toISOString(), tty: true, ...(plan.container ? { container: plan.container } : {}) });
  if (!start.ok) { io.stderr(`${start.kubectl}\n`); return 1; }
  if (!('session' in start)) {
    if (start.stdout) io.stdout(start.stdout);
    if (start.stderr) io.stderr(start.stderr);
    if (start.code !== 0) io.stderr(`command terminated with exit code ${start.code}\n`);
    return start.code;
  }
  let session: ShellSession = start.session;
  let prompt = start.prompt;
  let code = 0;
  try {
    for (;;) {
      const line = await lines.next(prompt);
      const now = new Date().toISOString();
      const step = withSandboxLock(dir, () => {
        const cur = loadSandbox(dir, now).sandbox;
        const s = shellLine(session, cur, line, now);
        if (s.sandbox !== cur) saveSandbox(dir, s.sandbox);
        return s;
      });
      if (step.stdout) io.stdout(step.stdout);
      if (step.stderr) io.stderr(step.stderr);
      session = step.session;
      if (step.exited) { code = step.code; break; }
      prompt = step.prompt;
    }
  } finally {
    lines.close();
  }
  if (code !== 0) io.stderr(`command terminated with exit code ${code}\n`);
  return code;
}

/** kubectl exec -it / run -it with a shell on a terminal: the session, and for run --rm the pod's deletion. */
async function runAttached(io: KubectlIO, dir: string, args: readonly string[], env: KubectlEnv, plan: AttachPlan, lines: LineSource): Promise<number> {
  if (plan.verb === 'run') {
    const created = withSandboxLock(dir, () => {
      const { sandbox: before, fresh } = loadSandbox(dir, env.now);
      const r = runKubectl(before, args, { ...env, terminal: true });
      if (fresh || r.sandbox !== before) saveSandbox(dir, r.sandbox);
      return r;
    });
    if (created.stdout) io.stdout(created.stdout);
    if (created.stderr) io.stderr(created.stderr);
    if (created.exitCode !== 0) { lines.close(); return created.exitCode; }
  }
  const code = await driveShell(io, dir, plan, lines);
  if (plan.verb === 'run') {
    if (plan.rm) {
      const now = new Date().toISOString();
      const del = withSandboxLock(dir, () => {
        const before = loadSandbox(dir, now).sandbox;
        const r = runKubectl(before, ['delete', 'pod', plan.pod, '-n', plan.namespace, '--wait=false'], { now });
        if (r.sandbox !== before) saveSandbox(dir, r.sandbox);
        return r;
      });
      if (del.stdout) io.stdout(del.stdout);
    } else if (plan.tty) {
      io.stderr(`Session ended, resume using 'kubectl attach ${plan.pod} -c ${plan.pod} -i -t' command when the pod is running\n`);
    }
  }
  return code;
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

/** The CLI's effects, plus the terminal an interactive shell reads (tests script both). */
export type KubectlIO = CliIO & {
  /** Whether stdin is a terminal (default: process.stdin.isTTY). */
  readonly stdinIsTTY?: () => boolean;
  /** The lines of an interactive shell (default: a readline prompt on the terminal). */
  readonly shellLines?: () => LineSource;
};

export async function runKubectlCommand(argv: string[], io: KubectlIO): Promise<number> {
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
  // Reads need no lock (the state file is replaced atomically). A command that changes the cluster runs
  // again under the lock on the state as it is then, so that a concurrent writer's change is never lost.
  const first = loadSandbox(dir, now);
  const plan = attachPlan(first.sandbox, rest, ctx.namespace);
  const terminal = io.stdinIsTTY ? io.stdinIsTTY() : process.stdin.isTTY === true;
  if (plan?.tty && plan.shell && terminal) {
    const env: KubectlEnv = { now, ...fileSystemEnv(io, rest), ...(ctx.namespace ? { defaultNamespace: ctx.namespace } : {}) };
    return runAttached(io, dir, rest, env, plan, io.shellLines ? io.shellLines() : terminalLines());
  }
  // Without a terminal, -t is refused as kubectl does and the command reads stdin to its end.
  if (plan?.tty) io.stderr('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  const env: KubectlEnv = {
    now, ...fileSystemEnv(io, rest, plan !== undefined && !terminal), ...(ctx.namespace ? { defaultNamespace: ctx.namespace } : {}),
    ...(wantsFollow(rest) ? { follows: true } : {}),
  };
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
  writeResult(io, result);
  if (result.exitCode === 0 && wantsWatch(rest)) return watchState(io, dir, rest, env, result.sandbox, tableWidths(result.stdout));
  if (result.exitCode === 0 && wantsFollow(rest)) return followLog(io, dir, rest, env, result.sandbox);
  return result.exitCode;
}

/**
 * Calls `onState` with the state each time the state file changes (polled), until it returns false or the reader
 * of stdout goes away; resolves with 0 then. A damaged or half-written state is skipped: the next change is read.
 */
function pollState(io: CliIO, dir: string, onState: (next: Sandbox, now: string) => boolean): Promise<number> {
  const file = join(dir, STATE_FILE);
  return new Promise((done) => {
    const stop = () => { unwatchFile(file, onChange); done(0); };
    function onChange(): void {
      if (io.stdoutClosed?.()) { stop(); return; }
      const now = new Date().toISOString();
      let next: Sandbox;
      try {
        next = loadSandbox(dir, now).sandbox;
      } catch {
        return;
      }
      if (!onState(next, now)) stop();
    }
    watchFile(file, { interval: 250 }, onChange);
  });
}

/** kubectl logs -f: the lines the pod logs from now on (another terminal's requests), until it is deleted or Ctrl-C. */
function followLog(io: CliIO, dir: string, args: readonly string[], env: KubectlEnv, start: Sandbox): Promise<number> {
  let shown = followLines([], start, args, env)?.log ?? [];
  return pollState(io, dir, (next, now) => {
    const f = followLines(shown, next, args, { ...env, now });
    if (!f) return false;
    shown = f.log;
    if (f.lines.length) io.stdout(`${f.lines.join('\n')}\n`);
    return true;
  });
}

/** The command's output on stdout and stderr, in the order it was written (a terminal shows both). */
function writeResult(io: CliIO, r: KubectlResult): void {
  if (r.sequence) {
    for (const c of r.sequence) (c.fd === 1 ? io.stdout : io.stderr)(c.text);
    return;
  }
  if (r.stdout) io.stdout(r.stdout);
  if (r.stderr) io.stderr(r.stderr);
}

/**
 * kubectl get -w: a row for every change another command (or terminal) makes to the listed objects, until the
 * command is interrupted or its reader goes away. Each new state is diffed with the last.
 */
function watchState(io: CliIO, dir: string, args: readonly string[], env: KubectlEnv, start: Sandbox, widths: number[] | undefined): Promise<number> {
  let last = start;
  return pollState(io, dir, (next, now) => {
    const rows = watchRows(last, next, args, { ...env, now }, widths);
    last = next;
    if (rows) io.stdout(rows);
    return true;
  });
}
