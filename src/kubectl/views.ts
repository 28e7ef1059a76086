// Objects computed from the stored ones: a Service's endpoints, the node, and the listing of any type.
import { compileSelector } from '../engine/selectors.ts';
import type { Pod, Service } from '../engine/types.ts';
import { makeUid } from './ids.ts';
import { obj } from './json.ts';
import type { ResourceType } from './resources.ts';
import { findObject, KUBE_VERSION, NODE_IP, NODE_NAME, type JsonObject, type Sandbox, type StoredObject } from './sandbox.ts';

/** One listed object of any type: stored, or computed (endpoints, the node). */
export interface Item {
  readonly type: ResourceType;
  readonly namespace: string;
  readonly name: string;
  readonly manifest: JsonObject;
  readonly stored?: StoredObject;
}

export interface Backend { readonly pod: Pod; readonly port: number }

function enginePods(sb: Sandbox): Pod[] {
  return sb.objects.flatMap((o) => (o.engine?.kind === 'Pod' ? [o.engine.value] : []));
}

/** The pods a Service selects that define its target port (a named targetPort resolves per pod), by port index. */
export function serviceBackends(sb: Sandbox, svc: Service): Backend[][] {
  if (!svc.selector) return svc.ports.map(() => []);
  const sel = compileSelector({ matchLabels: svc.selector });
  const pods = enginePods(sb).filter((p) => p.namespace === svc.namespace && sel(p.labels)).sort((a, b) => (a.name < b.name ? -1 : 1));
  return svc.ports.map((sp) => pods.flatMap((pod) => {
    if (typeof sp.targetPort === 'number') return [{ pod, port: sp.targetPort }];
    for (const c of pod.containers) for (const cp of c.ports) if (cp.name === sp.targetPort && cp.protocol === sp.protocol) return [{ pod, port: cp.containerPort }];
    return [];
  }));
}

/** The "ip:port" endpoints of a Service as `get endpoints` lists them. */
export function endpointAddresses(sb: Sandbox, svc: Service): string[] {
  if (svc.namespace === 'default' && svc.name === 'kubernetes' && !svc.selector) return [`${NODE_IP}:6443`];
  const out: string[] = [];
  for (const list of serviceBackends(sb, svc)) for (const b of list) {
    const ep = `${b.pod.ip}:${b.port}`;
    if (!out.includes(ep)) out.push(ep);
  }
  return out;
}

export function endpointsManifest(sb: Sandbox, svcObj: StoredObject): JsonObject {
  const svc = svcObj.engine?.kind === 'Service' ? svcObj.engine.value : undefined;
  const meta = obj(svcObj.manifest.metadata);
  const base = {
    apiVersion: 'v1', kind: 'Endpoints',
    metadata: { creationTimestamp: meta.creationTimestamp, ...(meta.labels ? { labels: meta.labels } : {}), name: svcObj.name, namespace: svcObj.namespace, resourceVersion: meta.resourceVersion, uid: makeUid(`endpoints/${svcObj.namespace}/${svcObj.name}`) },
  };
  if (!svc) return base;
  if (svc.namespace === 'default' && svc.name === 'kubernetes') {
    return { ...base, subsets: [{ addresses: [{ ip: NODE_IP }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }] };
  }
  const backends = serviceBackends(sb, svc);
  const subsets = svc.ports.flatMap((sp, i) => (backends[i].length === 0 ? [] : [{
    addresses: backends[i].map((b) => ({ ip: b.pod.ip, nodeName: NODE_NAME, targetRef: { kind: 'Pod', name: b.pod.name, namespace: b.pod.namespace, uid: b.pod.uid } })),
    ports: [{ ...(sp.name ? { name: sp.name } : {}), port: backends[i][0].port, protocol: sp.protocol }],
  }]));
  return subsets.length ? { ...base, subsets } : base;
}

export function nodeManifest(sb: Sandbox): JsonObject {
  const created = obj(findObject(sb, { kind: 'Namespace', namespace: '', name: 'kube-system' })?.manifest.metadata).creationTimestamp;
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: {
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock', 'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
      creationTimestamp: created, name: NODE_NAME, resourceVersion: String(sb.counters.resourceVersion), uid: makeUid(`node/${NODE_NAME}`),
      labels: { 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': NODE_NAME, 'kubernetes.io/os': 'linux', 'node-role.kubernetes.io/control-plane': '' },
    },
    spec: { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'] },
    status: {
      addresses: [{ address: NODE_IP, type: 'InternalIP' }, { address: NODE_NAME, type: 'Hostname' }],
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
      nodeInfo: { architecture: 'amd64', containerRuntimeVersion: 'containerd://1.7.24', kernelVersion: '6.8.0-generic', kubeletVersion: KUBE_VERSION, operatingSystem: 'linux', osImage: 'Debian GNU/Linux 12 (bookworm)' },
    },
  };
}

const byName = (a: Item, b: Item) => (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Every object of a type, in one namespace or (undefined) all, sorted like the API lists them. */
export function listItems(sb: Sandbox, type: ResourceType, namespace: string | undefined): Item[] {
  const inNs = (o: { namespace: string }) => namespace === undefined || !type.namespaced || o.namespace === namespace;
  switch (type.kind) {
    case 'Node': return [{ type, namespace: '', name: NODE_NAME, manifest: nodeManifest(sb) }];
    case 'Event': return [];
    case 'Endpoints':
      return sb.objects.filter((o) => o.kind === 'Service' && inNs(o)).map((o) => ({ type, namespace: o.namespace, name: o.name, manifest: endpointsManifest(sb, o) })).sort(byName);
    default: {
      const kind = type.kind;
      return sb.objects.filter((o) => o.kind === kind && inNs(o)).map((o) => ({ type, namespace: o.namespace, name: o.name, manifest: o.manifest, stored: o })).sort(byName);
    }
  }
}
