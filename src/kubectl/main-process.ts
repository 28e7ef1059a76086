// A pod's main process, as the kubelet runs it. A one-shot command (`kubectl run t --image=busybox
// --restart=Never -- wget -qO- -T2 web`) runs once when the pod starts, on the cluster as it is then: what it
// prints is the container's log and its exit code the container's (Completed or Error). An attached process
// (run -it, attach) ends when its session ends. With restartPolicy Never (or OnFailure and exit 0) the pod then
// completes (Succeeded / Failed); otherwise the kubelet restarts the container. Pure.
import { arr, obj } from './json.ts';
import { LOG_LIMIT } from './logs.ts';
import { containerOutcome, mainArgv } from './pod-lifecycle.ts';
import { findObject, putObject, bumpCounters, type JsonObject, type Sandbox } from './sandbox.ts';
import { execInContainer, type PodRef } from './shell/index.ts';

function restartPolicyOf(sb: Sandbox, ref: PodRef): string {
  const o = findObject(sb, { kind: 'Pod', ...ref });
  const p = obj(o?.manifest.spec).restartPolicy;
  return typeof p === 'string' ? p : 'Always';
}

/** Whether the container's stdin closes when the first attached client leaves (`kubectl run -i` sets stdinOnce). */
export function stdinOnce(sb: Sandbox, ref: PodRef, container: string): boolean {
  const o = findObject(sb, { kind: 'Pod', ...ref });
  return arr(obj(o?.manifest.spec).containers).map(obj).some((c) => c.name === container && c.stdinOnce === true);
}

/** The pod after its container's main process (container `container`) exited with `code` at `now`. */
export function containerExited(sb: Sandbox, ref: PodRef, container: string, code: number, now: string): Sandbox {
  const o = findObject(sb, { kind: 'Pod', ...ref });
  if (!o) return sb;
  const status = obj(o.manifest.status);
  const policy = restartPolicyOf(sb, ref);
  const completes = policy === 'Never' || (policy === 'OnFailure' && code === 0);
  const rv = sb.counters.resourceVersion + 1;
  const statuses = arr(status.containerStatuses).map((cs0) => {
    const cs = obj(cs0);
    if (cs.name !== container) return cs;
    const startedAt = obj(obj(cs.state).running).startedAt ?? status.startTime ?? now;
    const terminated = { exitCode: code, reason: code === 0 ? 'Completed' : 'Error', startedAt, finishedAt: now };
    if (completes) return { ...cs, ready: false, started: false, state: { terminated } };
    return { ...cs, ready: true, started: true, restartCount: Number(cs.restartCount ?? 0) + 1, lastState: { terminated }, state: { running: { startedAt: now } } };
  });
  const allDone = completes && statuses.every((cs) => obj(obj(cs).state).terminated !== undefined);
  const failed = statuses.some((cs) => Number(obj(obj(obj(cs).state).terminated).exitCode ?? 0) !== 0);
  const conditions = arr(status.conditions).map((c0) => {
    const c = obj(c0);
    if (!allDone || (c.type !== 'Ready' && c.type !== 'ContainersReady')) return c;
    return { ...c, status: 'False', reason: 'PodCompleted', lastTransitionTime: now };
  });
  const nextStatus: JsonObject = {
    ...status,
    containerStatuses: statuses,
    ...(status.conditions !== undefined ? { conditions } : {}),
    ...(allDone ? { phase: failed ? 'Failed' : 'Succeeded' } : {}),
  };
  const manifest = { ...o.manifest, metadata: { ...obj(o.manifest.metadata), resourceVersion: String(rv) }, status: nextStatus };
  return bumpCounters(putObject(sb, { ...o, manifest }), { resourceVersion: rv });
}

/**
 * The container's log after its main process wrote `text` (what an attached one-shot command printed): a container's
 * stdout and stderr are its log, so `kubectl logs` shows it afterwards, as on a cluster.
 */
export function containerWrote(sb: Sandbox, ref: PodRef, container: string, text: string): Sandbox {
  const o = findObject(sb, { kind: 'Pod', ...ref });
  if (!o || text === '') return sb;
  const uid = obj(o.manifest.metadata).uid;
  const key = `${ref.namespace}/${ref.name}`;
  const old = sb.logs?.[key];
  const kept = old && (old.uid === undefined || old.uid === uid) ? old.lines : [];
  const lines = text.replace(/\n$/, '').split('\n').map((l) => `${container}\t${l}`);
  const entry = { ...(typeof uid === 'string' ? { uid } : {}), lines: [...kept, ...lines].slice(-LOG_LIMIT) };
  return { ...sb, logs: { ...(sb.logs ?? {}), [key]: entry } };
}

/** The one-shot command of a pod's first container that has not run yet (the pod has no log of its own uid). */
function pendingOneShot(sb: Sandbox, o: { manifest: JsonObject; namespace: string; name: string }): { container: string; argv: string[] } | undefined {
  const statuses = arr(obj(o.manifest.status).containerStatuses).map(obj);
  if (!statuses.some((cs) => obj(cs.state).terminated !== undefined || obj(cs.lastState).terminated !== undefined)) return undefined;
  const c = arr(obj(o.manifest.spec).containers).map(obj)[0];
  if (!c || c.stdin === true) return undefined;
  const image = String(c.image ?? '');
  const command = arr(c.command).map(String);
  const args = arr(c.args).map(String);
  if (containerOutcome(image, command, args) === 'runs') return undefined;
  const argv = mainArgv(image, command, args);
  if (!argv) return undefined;
  const uid = obj(o.manifest.metadata).uid;
  const log = sb.logs?.[`${o.namespace}/${o.name}`];
  if (log && log.uid === uid) return undefined;
  return { container: String(c.name), argv };
}

/** The terminated state of a one-shot container set to the exit code its command really had. */
function withExitCode(sb: Sandbox, ref: PodRef, container: string, code: number): Sandbox {
  const o = findObject(sb, { kind: 'Pod', ...ref });
  if (!o) return sb;
  const status = obj(o.manifest.status);
  const reason = code === 0 ? 'Completed' : 'Error';
  const fix = (state: unknown) => (obj(state).terminated ? { ...obj(state), terminated: { ...obj(obj(state).terminated), exitCode: code, reason } } : state);
  const statuses = arr(status.containerStatuses).map(obj).map((cs) => (cs.name !== container ? cs : {
    ...cs, state: fix(cs.state), ...(cs.lastState !== undefined ? { lastState: fix(cs.lastState) } : {}),
  }));
  const policy = String(obj(o.manifest.spec).restartPolicy ?? 'Always');
  // OnFailure restarts a failed command: the pod does not complete.
  const done = statuses.every((cs) => obj(cs.state).terminated !== undefined);
  const failed = statuses.some((cs) => Number(obj(obj(cs.state).terminated).exitCode ?? 0) !== 0);
  const phase = !done ? status.phase : policy === 'OnFailure' && failed ? 'Running' : failed ? 'Failed' : 'Succeeded';
  return putObject(sb, { ...o, manifest: { ...o.manifest, status: { ...status, containerStatuses: statuses, phase } } });
}

/**
 * Runs the one-shot command of every pod that has just started: its output becomes the container's log (empty
 * output still marks it as run), its exit code the container's, its connections the servers' access logs.
 */
export function runOneShots(sb0: Sandbox, now: string): Sandbox {
  let sb = sb0;
  for (const o of sb0.objects) {
    if (o.kind !== 'Pod') continue;
    const pending = pendingOneShot(sb, o);
    if (!pending) continue;
    const ref = { namespace: o.namespace, name: o.name };
    const r = execInContainer(sb, ref, pending.argv, { now, tty: false, attach: true, container: pending.container });
    if (!r.ok) continue;
    const uid = obj(o.manifest.metadata).uid;
    sb = containerWrote(r.sandbox, ref, pending.container, r.stdout + r.stderr);
    if (!sb.logs?.[`${o.namespace}/${o.name}`]) sb = { ...sb, logs: { ...(sb.logs ?? {}), [`${o.namespace}/${o.name}`]: { ...(typeof uid === 'string' ? { uid } : {}), lines: [] } } };
    sb = withExitCode(sb, ref, pending.container, r.code);
  }
  return sb;
}
