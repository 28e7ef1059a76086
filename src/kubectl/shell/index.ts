// Running commands in a container of the simulated cluster: one command (kubectl exec POD -- CMD, the API's exec
// subresource), or an interactive shell session driven line by line (kubectl exec -it POD -- sh). Pure: the
// caller passes the clock as `now` and keeps the sandbox each call returns (exec writes server access logs).
import { compileCluster } from '../../engine/compile.ts';
import type { Pod } from '../../engine/types.ts';
import { imageProfile, type ShellFlavor } from '../images.ts';
import { recordHits } from '../logs.ts';
import type { AccessHit } from '../net.ts';
import { podPhase } from '../pod-lifecycle.ts';
import { findObject, sandboxCluster, type Sandbox } from '../sandbox.ts';
import { newMachine, runArgv, runShellText, shellFlavorOf, shellPromptOf, terminalText, type Machine } from './interp.ts';

export interface PodRef { readonly namespace: string; readonly name: string }

export interface ExecOptions {
  readonly now: string;
  /** A terminal is attached (kubectl exec -t): curl draws no progress meter on a terminal, ls prints columns. */
  readonly tty: boolean;
  /** Standard input (kubectl exec -i): a shell without -c runs it as a script; cat and grep read it. */
  readonly stdin?: string;
  /** The container (default: the first). */
  readonly container?: string;
  /** The pod's own process (kubectl run -i): it runs whatever phase the pod has reached since. */
  readonly attach?: boolean;
}

/** Why a command could not start, as the API server (message, reason, HTTP status) and kubectl word it. */
export interface ExecError {
  readonly ok: false;
  readonly reason: 'NotFound' | 'BadRequest';
  readonly status: 404 | 400;
  /** The API server's Status message. */
  readonly message: string;
  /** What kubectl prints on stderr. */
  readonly kubectl: string;
}

export interface ExecDone {
  readonly ok: true;
  readonly stdout: string;
  readonly stderr: string;
  /** The command's exit code: 126 when the executable is not in the image, 127 for a shell's "not found". */
  readonly code: number;
  /** The cluster afterwards (servers that were reached have logged the connection). */
  readonly sandbox: Sandbox;
}

export type ExecResult = ExecDone | ExecError;

/** An interactive shell in a container; plain data, so a caller may keep it between requests. */
export interface ShellSession {
  readonly namespace: string;
  readonly pod: string;
  readonly uid?: string;
  readonly container: string;
  /** The shell as invoked ("sh", "/bin/bash"). */
  readonly shell: string;
  readonly flavor: ShellFlavor;
  readonly cwd: string;
  readonly lastCode: number;
  /** Lines read so far (dash numbers its messages by line). */
  readonly line: number;
  /** Shell variables (not exported). */
  readonly vars: Readonly<Record<string, string>>;
  /** Exported variables set in the session, and the container's variables it unset. */
  readonly env: Readonly<Record<string, string>>;
  readonly unset?: readonly string[];
  /** The container's image (its shell's prompt and tools). */
  readonly image: string;
  /** Files written by redirection during the session. */
  readonly files: Readonly<Record<string, string>>;
  readonly tty: boolean;
}

export type ShellStart = { readonly ok: true; readonly session: ShellSession; readonly prompt: string } | ExecError;

export interface ShellStep {
  readonly stdout: string;
  readonly stderr: string;
  /** true after `exit` (or when the pod went away); `code` is then the session's exit code. */
  readonly exited: boolean;
  readonly code: number;
  readonly session: ShellSession;
  readonly sandbox: Sandbox;
  /** The prompt to show before the next line ('' once exited). */
  readonly prompt: string;
}

function error(reason: ExecError['reason'], message: string, kubectl: string): ExecError {
  return { ok: false, reason, status: reason === 'NotFound' ? 404 : 400, message, kubectl };
}

type Located = { ok: true; pod: Pod; container: string; image: string; env: Record<string, string> } | ExecError;

/** Finds the pod and container a command runs in, and refuses the ones that cannot run anything. */
export function locateContainer(sb: Sandbox, ref: PodRef, container?: string, anyPhase = false): Located {
  const o = findObject(sb, { kind: 'Pod', namespace: ref.namespace, name: ref.name });
  if (!o || o.engine?.kind !== 'Pod') return error('NotFound', `pods "${ref.name}" not found`, `Error from server (NotFound): pods "${ref.name}" not found`);
  const pod = o.engine.value;
  const phase = anyPhase ? 'Running' : podPhase(o);
  if (phase === 'Succeeded' || phase === 'Failed') {
    const msg = `cannot exec into a container in a completed pod; current phase is ${phase}`;
    return error('BadRequest', msg, `error: ${msg}`);
  }
  const c = container === undefined ? pod.containers[0] : pod.containers.find((x) => x.name === container);
  if (!c) {
    const name = container ?? '';
    return error('BadRequest', `container ${name} is not valid for pod ${pod.name}`, `Error from server (BadRequest): container ${name} is not valid for pod ${pod.name}`);
  }
  if (phase === 'CrashLoopBackOff') {
    return error('BadRequest', `container not found ("${c.name}")`, `error: unable to upgrade connection: container not found ("${c.name}")`);
  }
  const spec = (o.manifest.spec ?? {}) as { containers?: { name?: string; env?: { name?: unknown; value?: unknown }[] }[] };
  const env: Record<string, string> = {};
  for (const e of spec.containers?.find((x) => x.name === c.name)?.env ?? []) {
    if (typeof e.name === 'string' && typeof e.value === 'string') env[e.name] = e.value;
  }
  return { ok: true, pod, container: c.name, image: c.image, env };
}

function machineFor(sb: Sandbox, at: Extract<Located, { ok: true }>, now: string, tty: boolean, hits: AccessHit[]): Machine {
  return newMachine({ cc: compileCluster(sandboxCluster(sb)), sb, now, tty, hits, pod: at.pod, image: at.image, profile: imageProfile(at.image), podEnv: at.env });
}

/**
 * Runs argv in the container, as the container runtime does: argv[0] must be an executable of the image
 * (else exit 126 and the runtime's message); a shell runs its -c script, or stdin when there is no -c.
 */
export function execInContainer(sb: Sandbox, podRef: PodRef, argv: readonly string[], opts: ExecOptions): ExecResult {
  const at = locateContainer(sb, podRef, opts.container, opts.attach);
  if (!at.ok) return at;
  if (argv.length === 0) return error('BadRequest', 'you must specify at least one command for the container', 'error: you must specify at least one command for the container');
  const hits: AccessHit[] = [];
  const m = machineFor(sb, at, opts.now, opts.tty, hits);
  const r = runArgv(m, argv, opts.stdin ?? '');
  // With a terminal (-t) there is one stream: stderr arrives on stdout, in the order it was written.
  if (opts.tty) {
    const screen = shellFlavorOf(argv[0], m.profile) ? terminalText(m) : r.stdout + r.stderr;
    return { ok: true, stdout: screen, stderr: '', code: r.code, sandbox: recordHits(sb, hits, opts.now) };
  }
  return { ok: true, stdout: r.stdout, stderr: r.stderr, code: r.code, sandbox: recordHits(sb, hits, opts.now) };
}

/** Whether argv is a shell that reads its commands from stdin (sh, /bin/bash -l; not sh -c '…'). */
export function isShellCommand(argv: readonly string[]): boolean {
  return argv.length >= 1 && shellFlavorOf(argv[0]) !== undefined && argv.slice(1).every((a) => /^-[a-z]+$/.test(a) && !a.includes('c'));
}

/**
 * Opens an interactive shell. argv is the shell command (["sh"], ["bash", "-l"], …); a shell the image lacks is
 * the runtime's "executable file not found" (code 126), returned as a finished step by the caller's exec.
 */
export function startShell(sb: Sandbox, podRef: PodRef, argv: readonly string[], opts: { readonly now: string; readonly container?: string; readonly tty?: boolean }): ShellStart | ExecDone {
  const at = locateContainer(sb, podRef, opts.container);
  if (!at.ok) return at;
  const shell = argv[0] ?? 'sh';
  const flavor = shellFlavorOf(shell, imageProfile(at.image));
  if (!flavor) {
    const hits: AccessHit[] = [];
    const r = runArgv(machineFor(sb, at, opts.now, true, hits), argv, '');
    return { ok: true, stdout: r.stdout, stderr: r.stderr, code: r.code, sandbox: sb };
  }
  const profile = imageProfile(at.image);
  const session: ShellSession = {
    namespace: podRef.namespace, pod: podRef.name, uid: at.pod.uid, container: at.container, shell, flavor,
    cwd: profile.workdir, lastCode: 0, line: 0, vars: {}, env: {}, image: at.image, files: {}, tty: opts.tty ?? true,
  };
  return { ok: true, session, prompt: shellPrompt(session) };
}

/** The prompt the shell prints before reading a line. */
export function shellPrompt(session: ShellSession): string {
  return shellPromptOf(session.flavor, session.shell, session.pod, session.cwd, session.env.HOME, imageProfile(session.image));
}

/** Runs one line typed at the shell's prompt (`exit` or end of input ends the session: pass line = null for EOF). */
export function shellLine(session: ShellSession, sb: Sandbox, line: string | null, now: string): ShellStep {
  const done = (code: number, stdout = '', stderr = ''): ShellStep => ({ stdout, stderr, exited: true, code, session, sandbox: sb, prompt: '' });
  if (line === null) return done(session.lastCode, session.tty ? 'exit\n' : '');
  const at = locateContainer(sb, { namespace: session.namespace, name: session.pod }, session.container);
  if (!at.ok || (session.uid !== undefined && at.pod.uid !== session.uid)) return done(137);
  const hits: AccessHit[] = [];
  const m = machineFor(sb, at, now, session.tty, hits);
  m.shell = session.shell;
  const r = runShellText(m, session, line);
  const after = recordHits(sb, hits, now);
  return {
    stdout: r.stdout, stderr: r.stderr, exited: r.exited, code: r.code, session: r.session, sandbox: after,
    prompt: r.exited ? '' : shellPrompt(r.session),
  };
}
