// API discovery for the simulated cluster: /version, /api, /apis, /api/v1, /apis/GROUP/v1 (legacy lists) and
// the aggregated form (apidiscovery.k8s.io v2 and v2beta1) that kubectl 1.26+ asks for first.
import { RESOURCE_TYPES, ALL_KINDS, type ResourceType } from '../kubectl/resources.ts';
import { KUBE_VERSION, type JsonObject } from '../kubectl/sandbox.ts';

export const GROUPS: readonly string[] = ['', 'apps', 'networking.k8s.io', 'batch', 'discovery.k8s.io'];

/** The groups whose kinds the simulator stores (the others hold computed views only). */
export const STORED_GROUPS: readonly string[] = ['', 'apps', 'networking.k8s.io', 'batch'];

/** discovery.k8s.io/v1: EndpointSlices, computed from Services and pods, read-only. */
const SLICES = { name: 'endpointslices', singular: 'endpointslice', kind: 'EndpointSlice', group: 'discovery.k8s.io', verbs: ['get', 'list'] };

const STORED_VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const VIEW_VERBS = ['get', 'list', 'watch'];

interface Subresource { readonly name: string; readonly kind: string; readonly group?: string; readonly verbs: readonly string[] }

function subresourcesOf(t: ResourceType): Subresource[] {
  switch (t.kind) {
    case 'Pod':
      return [
        { name: 'attach', kind: 'PodAttachOptions', verbs: ['create', 'get'] },
        { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
        { name: 'log', kind: 'Pod', verbs: ['get'] },
        { name: 'status', kind: 'Pod', verbs: ['get'] },
      ];
    case 'Deployment': case 'ReplicaSet': case 'StatefulSet':
      return [{ name: 'scale', kind: 'Scale', group: 'autoscaling', verbs: ['get', 'patch', 'update'] }];
    default:
      return [];
  }
}

function verbsOf(t: ResourceType): string[] {
  return t.kind === 'Endpoints' || t.kind === 'Node' || t.kind === 'Event' ? VIEW_VERBS : STORED_VERBS;
}

function categoriesOf(t: ResourceType): string[] {
  return ALL_KINDS.includes(t.kind) ? ['all'] : [];
}

export function typesOfGroup(group: string): ResourceType[] {
  return RESOURCE_TYPES.filter((t) => t.group === group);
}

export function versionBody(): JsonObject {
  const [major, minor] = KUBE_VERSION.slice(1).split('.');
  return {
    major, minor, gitVersion: KUBE_VERSION, gitCommit: 'a78aa47129b8539636eb86a9d00e31b2720fe06b', gitTreeState: 'clean',
    buildDate: '2024-12-10T11:37:17Z', goVersion: 'go1.22.10', compiler: 'gc', platform: 'linux/amd64',
  };
}

export function apiVersionsBody(host: string): JsonObject {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: host }] };
}

export function apiGroupListBody(): JsonObject {
  return {
    kind: 'APIGroupList', apiVersion: 'v1',
    groups: GROUPS.filter(Boolean).map((g) => ({ name: g, versions: [{ groupVersion: `${g}/v1`, version: 'v1' }], preferredVersion: { groupVersion: `${g}/v1`, version: 'v1' } })),
  };
}

export function apiGroupBody(group: string): JsonObject {
  return { kind: 'APIGroup', apiVersion: 'v1', name: group, versions: [{ groupVersion: `${group}/v1`, version: 'v1' }], preferredVersion: { groupVersion: `${group}/v1`, version: 'v1' } };
}

export function resourceListBody(group: string): JsonObject {
  const resources: JsonObject[] = [];
  if (group === SLICES.group) resources.push({ name: SLICES.name, singularName: SLICES.singular, namespaced: true, kind: SLICES.kind, verbs: SLICES.verbs });
  for (const t of typesOfGroup(group)) {
    const cats = categoriesOf(t);
    resources.push({
      name: t.plural, singularName: t.singular, namespaced: t.namespaced, kind: t.kind, verbs: verbsOf(t),
      ...(t.short.length ? { shortNames: [...t.short] } : {}), ...(cats.length ? { categories: cats } : {}),
    });
    for (const s of subresourcesOf(t)) {
      resources.push({ name: `${t.plural}/${s.name}`, singularName: '', namespaced: t.namespaced, ...(s.group ? { group: s.group, version: 'v1' } : {}), kind: s.kind, verbs: [...s.verbs] });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/v1` : 'v1', resources };
}

/** The aggregated discovery document for /api (core) or /apis (named groups). */
export function aggregatedBody(core: boolean, version: 'v2' | 'v2beta1'): JsonObject {
  const items = (core ? [''] : GROUPS.filter(Boolean)).map((g) => ({
    metadata: { ...(g ? { name: g } : {}), creationTimestamp: null },
    versions: [{
      version: 'v1',
      resources: g === SLICES.group ? [{
        resource: SLICES.name, responseKind: { group: SLICES.group, version: 'v1', kind: SLICES.kind }, scope: 'Namespaced', singularResource: SLICES.singular, verbs: SLICES.verbs,
      }] : typesOfGroup(g).map((t) => {
        const cats = categoriesOf(t);
        const subs = subresourcesOf(t);
        return {
          resource: t.plural, responseKind: { group: t.group, version: 'v1', kind: t.kind }, scope: t.namespaced ? 'Namespaced' : 'Cluster',
          singularResource: t.singular, verbs: verbsOf(t), ...(t.short.length ? { shortNames: [...t.short] } : {}), ...(cats.length ? { categories: cats } : {}),
          ...(subs.length ? {
            subresources: subs.map((s) => ({ subresource: s.name, responseKind: { group: s.group ?? t.group, version: 'v1', kind: s.kind }, verbs: [...s.verbs] })),
          } : {}),
        };
      }),
      freshness: 'Current',
    }],
  }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items };
}

/** Which aggregated discovery version the Accept header asks for, if any (the first one listed wins). */
export function aggregatedVersion(accept: string | undefined): 'v2' | 'v2beta1' | undefined {
  for (const part of (accept ?? '').split(',')) {
    if (!/g=apidiscovery\.k8s\.io/.test(part) || !/as=APIGroupDiscoveryList/.test(part)) continue;
    const v = /v=(v2beta1|v2)\b/.exec(part)?.[1];
    if (v === 'v2' || v === 'v2beta1') return v;
  }
  return undefined;
}
