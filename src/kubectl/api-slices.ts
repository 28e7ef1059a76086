// EndpointSlices (discovery.k8s.io/v1), computed from the Services and pods like the Endpoints view: what
// `kubectl describe service` (1.29+) reads to show a Service's endpoints, and `kubectl get endpointslices`.
// One slice per Service and set of resolved ports (a named targetPort can resolve differently per pod). Pure.
import { age } from './format.ts';
import { makeUid, nameSuffix } from './ids.ts';
import { obj } from './json.ts';
import type { SelectorTerm } from './labelsel.ts';
import { selectorMatches } from './labelsel.ts';
import { NODE_IP, NODE_NAME, type JsonObject, type Sandbox, type StoredObject } from './sandbox.ts';
import { serviceBackends } from './views.ts';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

function slicesOf(sb: Sandbox, svcObj: StoredObject): JsonObject[] {
  const svc = svcObj.engine?.kind === 'Service' ? svcObj.engine.value : undefined;
  const meta = obj(svcObj.manifest.metadata);
  const base = (suffix: string) => ({
    name: `${svcObj.name}-${nameSuffix(`${svcObj.namespace}/${svcObj.name}/${suffix}`, 5)}`, namespace: svcObj.namespace,
    creationTimestamp: meta.creationTimestamp, resourceVersion: meta.resourceVersion, uid: makeUid(`endpointslice/${svcObj.namespace}/${svcObj.name}/${suffix}`),
    generateName: `${svcObj.name}-`,
    labels: { 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', [SERVICE_NAME_LABEL]: svcObj.name, ...obj(meta.labels) },
    ownerReferences: [{ apiVersion: 'v1', blockOwnerDeletion: true, controller: true, kind: 'Service', name: svcObj.name, uid: meta.uid }],
  });
  const head = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4' };
  if (!svc) return [];
  if (svc.namespace === 'default' && svc.name === 'kubernetes' && !svc.selector) {
    return [{ ...head, metadata: { ...base('apiserver'), name: 'kubernetes' }, endpoints: [{ addresses: [NODE_IP], conditions: { ready: true, serving: true, terminating: false } }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }];
  }
  if (!svc.selector) return [];
  const backends = serviceBackends(sb, svc);
  const groups = new Map<string, { ports: JsonObject[]; pods: { ip: string; name: string; uid?: string }[] }>();
  const pods = new Map<string, { ip: string; name: string; uid?: string; ports: JsonObject[] }>();
  svc.ports.forEach((sp, i) => {
    for (const b of backends[i]) {
      const p = pods.get(b.pod.name) ?? { ip: b.pod.ip, name: b.pod.name, uid: b.pod.uid, ports: [] };
      p.ports.push({ ...(sp.name ? { name: sp.name } : { name: '' }), port: b.port, protocol: sp.protocol });
      pods.set(b.pod.name, p);
    }
  });
  for (const p of pods.values()) {
    const key = JSON.stringify(p.ports);
    const g = groups.get(key) ?? { ports: p.ports, pods: [] };
    g.pods.push(p);
    groups.set(key, g);
  }
  if (groups.size === 0) return [{ ...head, metadata: base('empty'), endpoints: null, ports: null }];
  return [...groups.entries()].map(([key, g]) => ({
    ...head, metadata: base(key),
    endpoints: g.pods.map((p) => ({
      addresses: [p.ip], conditions: { ready: true, serving: true, terminating: false }, nodeName: NODE_NAME,
      targetRef: { kind: 'Pod', name: p.name, namespace: svc.namespace, ...(p.uid ? { uid: p.uid } : {}) },
    })),
    ports: g.ports,
  }));
}

/** The slices of the Services in a namespace (every namespace when undefined) whose labels match. */
export function endpointSlices(sb: Sandbox, namespace: string | undefined, labels: readonly SelectorTerm[]): JsonObject[] {
  return sb.objects
    .filter((o) => o.kind === 'Service' && (namespace === undefined || o.namespace === namespace))
    .sort((a, b) => (a.namespace + '/' + a.name < b.namespace + '/' + b.name ? -1 : 1))
    .flatMap((o) => slicesOf(sb, o))
    .filter((s) => labels.length === 0 || selectorMatches(labels, obj(obj(s.metadata).labels) as Record<string, string>));
}

/** `kubectl get endpointslices` as a server-side Table. */
export function endpointSliceTable(sb: Sandbox, now: string, slices: readonly JsonObject[], includeObject: 'None' | 'Metadata' | 'Object'): JsonObject {
  const col = (name: string, priority = 0) => ({ name, type: 'string', format: name === 'Name' ? 'name' : '', description: `${name} of the EndpointSlice.`, priority });
  const rows = slices.map((s) => {
    const m = obj(s.metadata);
    const ports = (s.ports as JsonObject[] | null) ?? [];
    const eps = ((s.endpoints as JsonObject[] | null) ?? []).flatMap((e) => e.addresses as string[]);
    const shown = eps.length === 0 ? '<unset>' : eps.length > 3 ? `${eps.slice(0, 3).join(',')} + ${eps.length - 3} more...` : eps.join(',');
    const object = includeObject === 'None' ? undefined : includeObject === 'Object' ? s : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: m };
    return { cells: [m.name, s.addressType, ports.length ? ports.map((p) => p.port).join(',') : '<unset>', shown, age(m.creationTimestamp, now)], ...(object ? { object } : {}) };
  });
  return {
    kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: String(sb.counters.resourceVersion) },
    columnDefinitions: [col('Name'), col('AddressType'), col('Ports'), col('Endpoints'), col('Age')], rows,
  };
}
