// What attach does to the pod: when its main process ends, the container terminates. With restartPolicy Never (or
// OnFailure and exit 0) the pod completes (Succeeded / Failed, what `kubectl run --rm -it --restart=Never` waits
// for); otherwise the kubelet restarts the container and the pod stays Running with one more restart. Pure.
import { LOG_LIMIT } from '../kubectl/logs.ts';
import { findObject, putObject, bumpCounters, type JsonObject, type Sandbox } from '../kubectl/sandbox.ts';
import type { PodRef } from './stream-shell.ts';

function obj(v: unknown): JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : {};
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

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
