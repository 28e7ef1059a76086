// What a pod's main process does once it starts, and the status that follows: a server keeps running; a shell or
// a one-shot command ends at once, so the pod is Completed (restartPolicy Never/OnFailure) or, restarted again and
// again under restartPolicy Always (the default of `kubectl run` and of every workload), in CrashLoopBackOff. Pure.
import { imageProfile } from './images.ts';
import { age } from './format.ts';
import { arr, obj, str } from './json.ts';
import { NODE_IP, type JsonObject, type StoredObject } from './sandbox.ts';

export type Outcome = 'runs' | 'succeeds' | 'fails';

/** Commands that end by themselves (an argument list starting with one of them runs once). */
const ONE_SHOT = new Set(['echo', 'true', 'false', 'wget', 'curl', 'nslookup', 'dig', 'cat', 'env', 'printenv', 'date', 'ls', 'hostname', 'id', 'nc', 'ping', 'uname', 'whoami', 'exit']);
/** Words that keep a shell script alive (a loop, a sleep, a listener, a server in the foreground). */
const LONG_RUNNING = /\b(sleep|while|until|tail\s+-f|nc\s+(-\S*\s+)*-l|httpd|nginx|exec|wait|read)\b/;

/** The argv of a container's main process: command and args, or args after the image's entrypoint; undefined: the image's own. */
export function mainArgv(image: string, command: readonly string[] | undefined, args: readonly string[] | undefined): string[] | undefined {
  const profile = imageProfile(image);
  return command?.length ? [...command, ...(args ?? [])] : args?.length ? (profile.process === 'fails' ? ['curl', ...args] : [...args]) : undefined;
}

/** The outcome of a container's process: its command and args, or the image's own when the pod gives none. */
export function containerOutcome(image: string, command: readonly string[] | undefined, args: readonly string[] | undefined): Outcome {
  const profile = imageProfile(image);
  const cmd = mainArgv(image, command, args);
  if (!cmd) return profile.process === 'serves' ? 'runs' : profile.process === 'exits' ? 'succeeds' : 'fails';
  const first = cmd[0].split('/').pop() ?? cmd[0];
  if (['sh', 'bash', 'ash', 'zsh', 'dash'].includes(first)) {
    const i = cmd.indexOf('-c');
    if (i < 0) return 'succeeds'; // a shell without a terminal reads an empty stdin and ends
    const script = cmd[i + 1] ?? '';
    if (LONG_RUNNING.test(script)) return 'runs';
    return /(^|[;&|]\s*)(false|exit\s+[1-9])/.test(script.trim()) ? 'fails' : 'succeeds';
  }
  if (first === 'false') return 'fails';
  if (first === 'curl' && cmd.length === 1) return 'fails';
  return ONE_SHOT.has(first) ? 'succeeds' : 'runs';
}

/** A shell without -c (given, or the image's own process): it reads commands from its stdin. */
function readsStdin(c: JsonObject): boolean {
  const cmd = [...arr(c.command), ...arr(c.args)].map(String);
  if (cmd.length === 0) return imageProfile(String(c.image ?? '')).process === 'exits';
  return ['sh', 'bash', 'ash', 'zsh', 'dash'].includes(cmd[0].split('/').pop() ?? '') && !cmd.includes('-c');
}

/** How `kubectl get pods` would summarize a pod: its phase, or CrashLoopBackOff for one restarted over and over. */
export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'CrashLoopBackOff';

export function podPhase(o: StoredObject): PodPhase {
  const status = obj(o.manifest.status);
  const waiting = arr(status.containerStatuses).map(obj).some((c) => str(obj(obj(c.state).waiting).reason) === 'CrashLoopBackOff');
  if (waiting) return 'CrashLoopBackOff';
  const phase = str(status.phase);
  return phase === 'Pending' || phase === 'Succeeded' || phase === 'Failed' ? phase : 'Running';
}

/** Restarts counted in the status of a crash-looping container (a few, as a minute after creation). */
export const CRASH_RESTARTS = 3;

/** The status the simulated kubelet reports for a new pod (all its containers start at `startTime`). */
export function podStatus(spec: JsonObject, ip: string, startTime: string | undefined, pod?: { readonly name: string; readonly namespace: string; readonly uid?: string }): JsonObject {
  const restart = str(spec.restartPolicy) ?? 'Always';
  const containers = arr(spec.containers).map(obj);
  // A container attached to kubectl's stdin (run -i) runs its shell for as long as the session lasts; a one-shot
  // command that kubectl attaches to (stdinOnce) starts when kubectl attaches, so its output reaches the terminal.
  const outcomes = containers.map((c) => (c.stdin === true && (readsStdin(c) || c.stdinOnce === true) ? 'runs' : containerOutcome(String(c.image ?? ''), arr(c.command).map(String), arr(c.args).map(String))));
  const terminated = (o: Outcome) => ({ exitCode: o === 'fails' ? 1 : 0, finishedAt: startTime, reason: o === 'fails' ? 'Error' : 'Completed', startedAt: startTime });
  const statuses = containers.map((c, i) => {
    const o = outcomes[i];
    const head = { image: c.image, imageID: '', name: c.name };
    if (o === 'runs') return { ...head, ready: true, restartCount: 0, started: true, state: { running: { startedAt: startTime } } };
    if (restart === 'Never' || (restart === 'OnFailure' && o === 'succeeds')) return { ...head, ready: false, restartCount: 0, started: false, state: { terminated: terminated(o) } };
    return {
      ...head, lastState: { terminated: terminated(o) }, ready: false, restartCount: CRASH_RESTARTS, started: false,
      state: { waiting: { message: `back-off 40s restarting failed container=${String(c.name)} pod=${pod ? `${pod.name}_${pod.namespace}(${pod.uid ?? ''})` : ''}`, reason: 'CrashLoopBackOff' } },
    };
  });
  const allDone = outcomes.every((o) => o !== 'runs') && (restart === 'Never' || (restart === 'OnFailure' && outcomes.every((o) => o === 'succeeds')));
  const phase = allDone ? (outcomes.some((o) => o === 'fails') ? 'Failed' : 'Succeeded') : 'Running';
  return { containerStatuses: statuses, hostIP: NODE_IP, hostIPs: [{ ip: NODE_IP }], phase, podIP: ip, podIPs: [{ ip }], qosClass: 'BestEffort', startTime };
}

/** Whether the pod's containers are up (a completed or crash-looping pod answers nothing). */
export function podServes(o: StoredObject | undefined): boolean {
  return o === undefined || podPhase(o) === 'Running';
}

/**
 * The READY, STATUS and RESTARTS columns of `kubectl get pods`, as kubectl's printer derives them from the status:
 * STATUS is the last container's waiting or terminated reason (CrashLoopBackOff, Completed, Error), else the phase;
 * RESTARTS adds "(AGE ago)" since the last restart.
 */
export function podColumns(manifest: JsonObject, now: string): { readonly ready: string; readonly status: string; readonly restarts: string } {
  const status = obj(manifest.status);
  const statuses = arr(status.containerStatuses).map(obj);
  const total = arr(obj(manifest.spec).containers).length;
  let reason = str(status.reason) ?? str(status.phase) ?? 'Pending';
  let ready = 0;
  let restarts = 0;
  let lastRestart: string | undefined;
  let running = false;
  for (const c of [...statuses].reverse()) {
    restarts += typeof c.restartCount === 'number' ? c.restartCount : 0;
    const finished = str(obj(obj(c.lastState).terminated).finishedAt);
    if (finished && (!lastRestart || finished > lastRestart)) lastRestart = finished;
    const state = obj(c.state);
    const waiting = str(obj(state.waiting).reason);
    const terminated = state.terminated === undefined ? undefined : obj(state.terminated);
    if (waiting) reason = waiting;
    else if (terminated) reason = str(terminated.reason) ?? `ExitCode:${String(terminated.exitCode ?? 0)}`;
    else if (c.ready === true && state.running !== undefined) { running = true; ready++; }
  }
  if (reason === 'Completed' && running) reason = 'Running';
  if (obj(manifest.metadata).deletionTimestamp) reason = 'Terminating';
  return { ready: `${ready}/${total}`, status: reason, restarts: lastRestart && restarts > 0 ? `${restarts} (${age(lastRestart, now)} ago)` : String(restarts) };
}
