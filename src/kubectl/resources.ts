// Resource type names as kubectl accepts them: plural, singular, short names and group-qualified forms.
import { didYouMean } from '../content/suggest.ts';
import type { ObjectKind } from './sandbox.ts';

/** What `get` can list: stored kinds plus views computed from them. */
export type ResourceKind = ObjectKind | 'Endpoints' | 'Node' | 'Event';

export interface ResourceType {
  readonly kind: ResourceKind;
  readonly plural: string;
  readonly singular: string;
  readonly short: readonly string[];
  readonly group: string;
  readonly namespaced: boolean;
}

export const RESOURCE_TYPES: readonly ResourceType[] = [
  { kind: 'Pod', plural: 'pods', singular: 'pod', short: ['po'], group: '', namespaced: true },
  { kind: 'Service', plural: 'services', singular: 'service', short: ['svc'], group: '', namespaced: true },
  { kind: 'Namespace', plural: 'namespaces', singular: 'namespace', short: ['ns'], group: '', namespaced: false },
  { kind: 'NetworkPolicy', plural: 'networkpolicies', singular: 'networkpolicy', short: ['netpol'], group: 'networking.k8s.io', namespaced: true },
  { kind: 'Endpoints', plural: 'endpoints', singular: 'endpoints', short: ['ep'], group: '', namespaced: true },
  { kind: 'Deployment', plural: 'deployments', singular: 'deployment', short: ['deploy'], group: 'apps', namespaced: true },
  { kind: 'ReplicaSet', plural: 'replicasets', singular: 'replicaset', short: ['rs'], group: 'apps', namespaced: true },
  { kind: 'StatefulSet', plural: 'statefulsets', singular: 'statefulset', short: ['sts'], group: 'apps', namespaced: true },
  { kind: 'DaemonSet', plural: 'daemonsets', singular: 'daemonset', short: ['ds'], group: 'apps', namespaced: true },
  { kind: 'Job', plural: 'jobs', singular: 'job', short: [], group: 'batch', namespaced: true },
  { kind: 'CronJob', plural: 'cronjobs', singular: 'cronjob', short: ['cj'], group: 'batch', namespaced: true },
  { kind: 'Node', plural: 'nodes', singular: 'node', short: ['no'], group: '', namespaced: false },
  { kind: 'Event', plural: 'events', singular: 'event', short: ['ev'], group: '', namespaced: true },
];

/** Real resource types this simulator does not model, so the message can say so instead of "no such type". */
const UNSIMULATED = ['configmaps', 'cm', 'secrets', 'serviceaccounts', 'sa', 'persistentvolumeclaims', 'pvc', 'persistentvolumes', 'pv',
  'ingresses', 'ing', 'roles', 'rolebindings', 'clusterroles', 'clusterrolebindings', 'storageclasses', 'sc', 'endpointslices',
  'limitranges', 'limits', 'resourcequotas', 'quota', 'horizontalpodautoscalers', 'hpa', 'customresourcedefinitions', 'crd', 'crds',
  'ingressclasses', 'poddisruptionbudgets', 'pdb', 'priorityclasses', 'pc', 'leases', 'replicationcontrollers', 'rc',
  'validatingwebhookconfigurations', 'mutatingwebhookconfigurations', 'certificatesigningrequests', 'csr', 'runtimeclasses'];

/** The kubectl types `get all` shows. */
export const ALL_KINDS: readonly ResourceKind[] = ['Pod', 'Service', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet', 'Job', 'CronJob'];

export type TypeLookup = { ok: true; type: ResourceType } | { ok: false; error: string };

export function lookupType(text: string): TypeLookup {
  const lower = text.toLowerCase();
  const dot = lower.indexOf('.');
  const base = dot < 0 ? lower : lower.slice(0, dot);
  const group = dot < 0 ? undefined : lower.slice(dot + 1);
  const type = RESOURCE_TYPES.find((t) => t.plural === base || t.singular === base || t.short.includes(base) || t.kind.toLowerCase() === base);
  if (type && (group === undefined || group === type.group || (type.group && type.group.startsWith(group)))) return { ok: true, type };
  if (UNSIMULATED.includes(base) || UNSIMULATED.includes(`${base}s`)) {
    return { ok: false, error: `error: netpol-dojo does not simulate ${base}: its cluster has pods, services, namespaces, networkpolicies, endpoints and workloads (deployments, replicasets, statefulsets, daemonsets, jobs, cronjobs)` };
  }
  const names = RESOURCE_TYPES.flatMap((t) => [t.plural, t.singular, ...t.short]);
  const hint = didYouMean(base, names);
  return { ok: false, error: `error: the server doesn't have a resource type "${text}"${hint ? `\n\nDid you mean this?\n\t${hint}` : ''}` };
}
