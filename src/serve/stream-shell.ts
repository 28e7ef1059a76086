// What runs in the container for exec and attach, through the simulated container shell: one command (with its
// stdin), or an interactive shell fed line by line. Each run goes through ClusterHandle.update so what the command
// changes in the cluster (the access logs of the servers it reached) is saved under the state lock.
import { execInContainer, locateContainer, shellLine, startShell, type ExecError, type ShellSession as ShellState } from '../kubectl/shell/index.ts';
import type { Sandbox } from '../kubectl/sandbox.ts';
import type { ClusterHandle } from './cluster-handle.ts';

export interface PodRef { readonly namespace: string; readonly name: string }

export interface RunResult { readonly stdout: string; readonly stderr: string; readonly code: number }

export interface ShellStep { readonly stdout: string; readonly stderr: string; readonly exited?: number }

export interface ShellSession {
  /** The prompt shown before the next line (TTY sessions only). */
  prompt(): string;
  /** Runs one input line; null is the end of input (Ctrl-D, stdin closed). */
  line(text: string | null): ShellStep;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'zsh', 'dash']);

/** True for a shell started without a command (`sh`, `/bin/bash -l`, `sh -i`): it reads commands from stdin. */
export function isInteractiveShell(argv: readonly string[]): boolean {
  const cmd = argv[0]?.split('/').pop() ?? '';
  if (!SHELLS.has(cmd)) return false;
  return argv.slice(1).every((a) => /^-[a-z]+$/.test(a) && !a.includes('c'));
}

/** Why the pod's container cannot run a command now (gone, completed, no such container), or undefined. */
export function cannotRun(sb: Sandbox, ref: PodRef, container: string): ExecError | undefined {
  const at = locateContainer(sb, ref, container);
  return at.ok ? undefined : at;
}

/** Programs that read their standard input when no file is named (nc sends it). */
const READERS = ['cat', 'grep', 'egrep', 'fgrep', 'wc', 'head', 'tail', 'sort', 'uniq', 'tee', 'xargs', 'sed', 'awk', 'tr', 'cut', 'nc', 'ncat', 'netcat', 'read', 'base64', 'md5sum', 'sha256sum', 'od', 'hexdump', 'more', 'less'];
const READS_IN_SCRIPT = new RegExp(`(^|[\\s;&|(])(${READERS.join('|')})(?=$|[\\s;&|)])`);

/**
 * Whether a command reads stdin, so `kubectl exec -i` must wait for the client's stdin to end before it runs
 * (`cat`, `grep x`, `sh -c 'wc -l'`); other commands (`wget …`) run at once, as they would in a container.
 */
export function readsStdin(argv: readonly string[]): boolean {
  const cmd = argv[0]?.split('/').pop() ?? '';
  if (SHELLS.has(cmd)) {
    const i = argv.indexOf('-c');
    return i < 0 || READS_IN_SCRIPT.test(argv[i + 1] ?? '');
  }
  return READERS.includes(cmd);
}

function failed(e: ExecError): RunResult {
  return { stdout: '', stderr: `${e.kubectl}\n`, code: 1 };
}

/** Runs one command in the container and saves what it changed. */
export function runOnce(cluster: ClusterHandle, ref: PodRef, container: string, argv: readonly string[], opts: { tty: boolean; stdin?: string; attach?: boolean }): RunResult {
  return cluster.update((sb, now) => {
    const r = execInContainer(sb, ref, argv, { now, tty: opts.tty, container, attach: opts.attach === true, ...(opts.stdin !== undefined ? { stdin: opts.stdin } : {}) });
    if (!r.ok) return { sandbox: sb, value: failed(r) };
    return { sandbox: r.sandbox, value: { stdout: r.stdout, stderr: r.stderr, code: r.code } };
  });
}

/**
 * An interactive shell in the container, or (when the image has no such shell) the runtime's refusal as a finished
 * command.
 */
export function openShell(cluster: ClusterHandle, ref: PodRef, container: string, argv: readonly string[], tty: boolean): ShellSession | RunResult {
  const start = cluster.update((sb, now) => ({ sandbox: sb, value: startShell(sb, ref, argv, { now, container, tty }) }));
  if (!start.ok) return failed(start);
  if (!('session' in start)) return { stdout: start.stdout, stderr: start.stderr, code: start.code };
  let state: ShellState = start.session;
  let prompt = start.prompt;
  return {
    prompt: () => prompt,
    line(text: string | null): ShellStep {
      const step = cluster.update((sb, now) => {
        const s = shellLine(state, sb, text, now);
        return { sandbox: s.sandbox, value: s };
      });
      state = step.session;
      prompt = step.prompt;
      return { stdout: step.stdout, stderr: step.stderr, ...(step.exited ? { exited: step.code } : {}) };
    },
  };
}
