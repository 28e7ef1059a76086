// The controllers of the simulated cluster: Deployments own ReplicaSets, which (like StatefulSets,
// DaemonSets and Jobs) own pods. reconcile() brings pods in line with each workload's replica count and
// template, and removes pods whose controller is gone. CronJobs run no pods (no schedule ever fires).
import type { WorkloadKind } from '../engine/types.ts';
import { runOneShots } from './main-process.ts';
import { admitRaw } from './admit.ts';
import { nameSuffix } from './ids.ts';
import { arr, obj, stableJson } from './json.ts';
import {
  bumpCounters, findObject, objectsOf, putObject, removeObjects, type JsonObject, type ObjectKind, type Sandbox, type StoredObject,
} from './sandbox.ts';

const POD_OWNERS: readonly ObjectKind[] = ['ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job'];

function replicasOf(o: StoredObject): number {
  if (o.kind === 'DaemonSet') return 1; // one node
  if (o.kind === 'Job') return Number(obj(o.manifest.spec).parallelism ?? 1);
  const r = obj(o.manifest.spec).replicas;
  return typeof r === 'number' ? r : 1;
}

export function templateHash(template: unknown): string {
  return nameSuffix(stableJson(template), 10);
}

function ownedBy(sb: Sandbox, kind: ObjectKind, ns: string, owner: string): StoredObject[] {
  return sb.objects.filter((o) => o.kind === kind && o.namespace === ns && o.ownedBy === owner);
}

function patchStatus(sb: Sandbox, o: StoredObject, status: JsonObject): Sandbox {
  const cur = findObject(sb, o) ?? o;
  if (stableJson(cur.manifest.status) === stableJson(status)) return sb;
  return putObject(sb, { ...cur, manifest: { ...cur.manifest, status } });
}

function uniqueName(sb: Sandbox, ns: string, base: string): { name: string; sb: Sandbox } {
  let serial = sb.counters.serial;
  for (;;) {
    serial++;
    const name = `${base}-${nameSuffix(`${ns}/${base}/${serial}`, 5)}`;
    if (!findObject(sb, { kind: 'Pod', namespace: ns, name })) return { name, sb: bumpCounters(sb, { serial }) };
  }
}

function topKind(sb: Sandbox, o: StoredObject): WorkloadKind {
  if (o.kind === 'ReplicaSet' && o.ownedBy?.startsWith('Deployment/')) return 'Deployment';
  return o.kind as WorkloadKind;
}

function reconcileDeployment(sb0: Sandbox, d: StoredObject, now: string): Sandbox {
  let sb = sb0;
  const spec = obj(d.manifest.spec);
  const template = obj(spec.template);
  const hash = templateHash(template);
  const rsName = `${d.name}-${hash}`;
  const owner = `Deployment/${d.name}`;
  for (const old of ownedBy(sb, 'ReplicaSet', d.namespace, owner)) {
    if (old.name !== rsName) sb = removeObjects(sb, (o) => o === old || (o.kind === 'Pod' && o.namespace === d.namespace && o.ownedBy === `ReplicaSet/${old.name}`));
  }
  const labels = { ...obj(obj(template.metadata).labels), 'pod-template-hash': hash };
  const selector = obj(spec.selector);
  const rsRaw: JsonObject = {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: { name: rsName, namespace: d.namespace, labels, annotations: { 'deployment.kubernetes.io/desired-replicas': String(replicasOf(d)), 'deployment.kubernetes.io/revision': '1' }, ownerReferences: [{ apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, kind: 'Deployment', name: d.name, uid: obj(d.manifest.metadata).uid }] },
    spec: {
      replicas: replicasOf(d),
      selector: { ...selector, matchLabels: { ...obj(selector.matchLabels), 'pod-template-hash': hash } },
      template: { ...template, metadata: { ...obj(template.metadata), labels } },
    },
  };
  const existing = findObject(sb, { kind: 'ReplicaSet', namespace: d.namespace, name: rsName });
  const res = admitRaw(sb, rsRaw, d.namespace, { mode: existing ? 'update' : 'create', now, ownedBy: owner });
  if (res.ok) sb = res.sandbox;
  return sb;
}

function podRaw(owner: StoredObject, name: string): JsonObject {
  const template = obj(obj(owner.manifest.spec).template);
  const meta = obj(template.metadata);
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: owner.namespace, labels: obj(meta.labels), ...(meta.annotations ? { annotations: meta.annotations } : {}) },
    spec: obj(template.spec),
  };
}

function reconcilePods(sb0: Sandbox, w: StoredObject, now: string): Sandbox {
  let sb = sb0;
  const owner = `${w.kind}/${w.name}`;
  const want = replicasOf(w);
  let pods = ownedBy(sb, 'Pod', w.namespace, owner);
  if (w.kind === 'StatefulSet') {
    const extra = pods.filter((p) => Number(p.name.slice(w.name.length + 1)) >= want);
    sb = removeObjects(sb, (o) => extra.includes(o));
    for (let i = 0; i < want; i++) {
      const name = `${w.name}-${i}`;
      if (findObject(sb, { kind: 'Pod', namespace: w.namespace, name })) continue;
      const res = admitRaw(sb, podRaw(w, name), w.namespace, { mode: 'create', now, ownedBy: owner, ownerKind: 'StatefulSet' });
      if (res.ok) sb = res.sandbox;
    }
  } else {
    if (pods.length > want) {
      const extra = pods.slice(want);
      sb = removeObjects(sb, (o) => extra.includes(o));
    }
    for (let i = pods.length; i < want; i++) {
      const u = uniqueName(sb, w.namespace, w.name);
      const res = admitRaw(u.sb, podRaw(w, u.name), w.namespace, { mode: 'create', now, ownedBy: owner, ownerKind: topKind(sb, w) });
      if (res.ok) sb = res.sandbox;
    }
  }
  pods = ownedBy(sb, 'Pod', w.namespace, owner);
  const n = pods.length;
  const gen = obj(w.manifest.metadata).generation;
  const status: JsonObject = w.kind === 'Job'
    ? { active: n, ready: n, startTime: obj(w.manifest.metadata).creationTimestamp, uncountedTerminatedPods: {} }
    : w.kind === 'DaemonSet'
      ? { currentNumberScheduled: n, desiredNumberScheduled: 1, numberAvailable: n, numberMisscheduled: 0, numberReady: n, observedGeneration: gen, updatedNumberScheduled: n }
      : { availableReplicas: n, fullyLabeledReplicas: n, observedGeneration: gen, readyReplicas: n, replicas: n };
  return patchStatus(sb, w, status);
}

/** Brings every workload's pods in line with its spec and deletes orphans. */
export function reconcile(sb0: Sandbox, now: string): Sandbox {
  let sb = sb0;
  // Garbage collection: objects whose controller no longer exists.
  for (let pass = 0; pass < 2; pass++) {
    sb = removeObjects(sb, (o) => {
      if (!o.ownedBy) return false;
      const [kind, name] = o.ownedBy.split('/');
      return !sb.objects.some((x) => x.kind === kind && x.name === name && x.namespace === o.namespace);
    });
  }
  for (const d of objectsOf(sb, 'Deployment')) sb = reconcileDeployment(sb, d, now);
  for (const kind of POD_OWNERS) for (const w of objectsOf(sb, kind)) sb = reconcilePods(sb, w, now);
  for (const d of objectsOf(sb, 'Deployment')) {
    const rs = ownedBy(sb, 'ReplicaSet', d.namespace, `Deployment/${d.name}`);
    const n = rs.reduce((acc, r) => acc + arr(ownedBy(sb, 'Pod', d.namespace, `ReplicaSet/${r.name}`)).length, 0);
    sb = patchStatus(sb, d, {
      availableReplicas: n, observedGeneration: obj(d.manifest.metadata).generation, readyReplicas: n, replicas: n, updatedReplicas: n,
    });
  }
  // The kubelet starts the new pods: one-shot commands run now.
  return runOneShots(sb, now);
}
