// `netpol-dojo serve`: the sandbox cluster as a loopback Kubernetes API server, for the real kubectl.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { KUBECONFIG_MARK, startServe, type ServeCluster, type Serving } from '../serve/server.ts';
import { writeSecretFile } from './real-kubectl.ts';
import { currentExamDir, readExamSession, readSession, runningDrill } from './session-files.ts';
import { takeFlag, UsageError, type CliIO } from './io.ts';
import { defaultStateDir, splitStateFlag } from './kubectl-command.ts';

export const SERVE_HELP = `Usage: netpol-dojo serve [--state DIR] [--port N] [--kubeconfig FILE]

Serves the sandbox cluster (the one "netpol-dojo kubectl" uses, kept in DIR; default $NETPOL_DOJO_STATE, else
the sandbox/ folder of the data directory) as a Kubernetes API on https://127.0.0.1:PORT, so that the real
kubectl (1.27 to 1.33) works on it: get, describe, apply, edit, patch, label, delete, explain, wait, get -w.

  --port N          the port to listen on (default 0: a free port chosen by the system)
  --kubeconfig FILE where to write the kubeconfig (default DIR/serve-kubeconfig.yaml); it holds the
                    server's certificate and a random bearer token, and is readable by you only

Prints "export KUBECONFIG=FILE" and runs until Ctrl-C (SIGINT) or SIGTERM. The built-in kubectl, the drill
screen and this server share the state: a change made by one is seen by the others. Without --state, a running
drill (context "drill") and a running mock exam (contexts k8s-t1 …) are served too.
`;

/** A path as a POSIX shell word. */
function shellWord(s: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) throw new UsageError(`error: invalid port "${text}": use a number from 0 to 65535 (0: any free port)`);
  return Number(text);
}

/**
 * Writes the kubeconfig readable by its owner only (it carries the token). A file that `serve` did not write
 * (a user's own ~/.kube/config) is never replaced.
 */
export function writeKubeconfig(file: string, text: string): void {
  let old: string | undefined;
  try { old = readFileSync(file, 'utf8'); } catch { old = undefined; }
  if (old !== undefined && !old.startsWith(KUBECONFIG_MARK)) {
    throw new UsageError(`error: ${file} exists and was not written by netpol-dojo serve: choose another --kubeconfig FILE`);
  }
  mkdirSync(dirname(file), { recursive: true });
  writeSecretFile(file, text);
}

/** The running drill's cluster and the running exam's task clusters, each as its own context. */
export function practiceClusters(env: CliIO['env']): ServeCluster[] {
  const out: ServeCluster[] = [];
  const drill = runningDrill({ ...env, NETPOL_DOJO_DRILL: undefined });
  if (drill && readSession(drill)) out.push({ name: 'drill', stateDir: drill });
  const examDir = currentExamDir(env);
  const exam = readExamSession(examDir);
  if (exam && !exam.finished) for (const t of exam.plan.tasks) out.push({ name: t.context, stateDir: join(examDir, 'clusters', t.context) });
  return out;
}

export interface ServeDeps {
  /** Resolves when the server should stop (SIGINT/SIGTERM by default). */
  readonly untilStopped?: () => Promise<void>;
  readonly onStarted?: (s: Serving) => void;
}

function signals(): Promise<void> {
  return new Promise((done) => {
    const stop = () => { process.off('SIGINT', stop); process.off('SIGTERM', stop); done(); };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export async function runServe(argv: string[], io: CliIO, deps: ServeDeps = {}): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) { io.stdout(SERVE_HELP); return 0; }
  const { state, rest: afterState } = splitStateFlag(argv);
  const p = takeFlag(afterState, 'port');
  const k = takeFlag(p.rest, 'kubeconfig');
  if (k.rest.length) throw new UsageError(k.rest[0].startsWith('-') ? `error: unknown flag: ${k.rest[0]}` : `error: unexpected argument: ${k.rest[0]}`);
  const port = parsePort(p.value);
  const dir = resolve(state ?? defaultStateDir(io.env));
  const file = resolve(k.value ?? join(dir, 'serve-kubeconfig.yaml'));
  // With the default sandbox, a running drill and a running mock exam are served too, each task its own context.
  const practice = state === undefined ? practiceClusters(io.env) : [];
  let s: Serving;
  try {
    s = await startServe({ clusters: [{ name: 'netpol-dojo', stateDir: dir }, ...practice], port });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`error: cannot listen on 127.0.0.1:${port}: the address is already in use`);
    if (code === 'EACCES') throw new UsageError(`error: cannot listen on 127.0.0.1:${port}: permission denied`);
    throw e;
  }
  try {
    try {
      writeKubeconfig(file, s.kubeconfigText());
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`error: cannot write the kubeconfig ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    io.stdout(`export KUBECONFIG=${shellWord(file)}\n`);
    io.stdout(`# serving the sandbox cluster in ${dir} at ${s.url} (context netpol-dojo); Ctrl-C stops\n`);
    if (practice.length) io.stdout(`# also: ${practice.map((c) => c.name).join(', ')} (the running ${practice[0].name === 'drill' ? 'drill' : 'mock exam'}${practice.length > 1 && practice[0].name === 'drill' ? ' and mock exam' : ''}; kubectl config use-context NAME)\n`);
    deps.onStarted?.(s);
    await (deps.untilStopped ?? signals)();
  } finally {
    await s.close();
  }
  return 0;
}
