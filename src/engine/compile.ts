import { compileIPBlock, type IPMatcher } from './cidr.ts';
import { compileSelector, type LabelMatcher } from './selectors.ts';
import type {
  Cluster, Labels, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort, Pod, PolicyType, Protocol,
} from './types.ts';
import { NAME_LABEL } from './types.ts';

export type Direction = PolicyType;

/**
 * Which pods a peer can select, for evaluating a peer over many endpoints at once (see matrix.ts):
 * by address, in namespaces whose labels match, in one namespace, or none. `key` is equal for peers
 * that select the same endpoints.
 */
export type PeerScope =
  | { readonly kind: 'ipBlock'; readonly key: string }
  | { readonly kind: 'namespaces'; readonly key: string; readonly namespaces: LabelMatcher; readonly pods: LabelMatcher }
  | { readonly kind: 'namespace'; readonly key: string; readonly namespace: string; readonly pods: LabelMatcher }
  | { readonly kind: 'none'; readonly key: string };

export interface CompiledPeer {
  readonly index: number;
  readonly peer: NetworkPolicyPeer;
  readonly scope: PeerScope;
  /** Does this peer select the pod (given its namespace's labels)? ipBlock peers test the pod IP. */
  readonly matchesPod: (pod: Pod, nsLabels: Labels) => boolean;
  /** Does this peer select an address outside the cluster? Only ipBlock peers can. */
  readonly matchesIP: IPMatcher;
}

export interface CompiledPort {
  readonly protocol: Protocol;
  readonly port?: number | string;
  readonly endPort?: number;
}

export interface CompiledRule {
  readonly index: number;
  readonly direction: Direction;
  /** undefined = the rule names no peers: every source/destination matches. */
  readonly peers?: readonly CompiledPeer[];
  /** undefined = the rule names no ports: every port and protocol matches. */
  readonly ports?: readonly CompiledPort[];
}

export interface CompiledPolicy {
  readonly index: number;
  readonly key: string;
  readonly policy: NetworkPolicy;
  readonly selects: LabelMatcher;
  readonly affectsIngress: boolean;
  readonly affectsEgress: boolean;
  readonly ingress: readonly CompiledRule[];
  readonly egress: readonly CompiledRule[];
}

/** The policyTypes a policy affects, applying the API defaulting rule when the field is absent. */
export function effectivePolicyTypes(p: NetworkPolicy): readonly PolicyType[] {
  if (p.spec.policyTypes && p.spec.policyTypes.length > 0) return p.spec.policyTypes;
  return (p.spec.egress ?? []).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

const never = () => false;

function compilePeer(peer: NetworkPolicyPeer, index: number, policyNs: string): CompiledPeer {
  if (peer.ipBlock) {
    const ip = compileIPBlock(peer.ipBlock);
    const key = `ip\0${peer.ipBlock.cidr}\0${(peer.ipBlock.except ?? []).join('\0')}`;
    return { index, peer, scope: { kind: 'ipBlock', key }, matchesPod: (pod) => ip(pod.ip), matchesIP: ip };
  }
  const podSel = compileSelector(peer.podSelector);
  if (peer.namespaceSelector) {
    const nsSel = compileSelector(peer.namespaceSelector);
    const key = `ns\0${JSON.stringify(peer.namespaceSelector)}\0${JSON.stringify(peer.podSelector ?? {})}`;
    return {
      index, peer, scope: { kind: 'namespaces', key, namespaces: nsSel, pods: podSel },
      matchesPod: (pod, nsLabels) => nsSel(nsLabels) && podSel(pod.labels), matchesIP: never,
    };
  }
  if (peer.podSelector) {
    const key = `pod\0${policyNs}\0${JSON.stringify(peer.podSelector)}`;
    return {
      index, peer, scope: { kind: 'namespace', key, namespace: policyNs, pods: podSel },
      matchesPod: (pod) => pod.namespace === policyNs && podSel(pod.labels), matchesIP: never,
    };
  }
  // A peer with no selector at all is rejected by validation; if one slips through it selects nothing.
  return { index, peer, scope: { kind: 'none', key: 'none' }, matchesPod: never, matchesIP: never };
}

function compilePorts(ports: readonly NetworkPolicyPort[] | undefined): CompiledPort[] | undefined {
  if (!ports || ports.length === 0) return undefined;
  return ports.map((p) => ({ protocol: p.protocol ?? 'TCP', port: p.port, endPort: p.endPort }));
}

export function compilePolicy(policy: NetworkPolicy, index: number): CompiledPolicy {
  const types = effectivePolicyTypes(policy);
  const ns = policy.namespace;
  const rules = (direction: Direction, list: readonly { from?: readonly NetworkPolicyPeer[]; to?: readonly NetworkPolicyPeer[]; ports?: readonly NetworkPolicyPort[] }[] | undefined): CompiledRule[] =>
    (list ?? []).map((r, i) => {
      const peers = direction === 'Ingress' ? r.from : r.to;
      return {
        index: i,
        direction,
        peers: peers && peers.length > 0 ? peers.map((p, j) => compilePeer(p, j, ns)) : undefined,
        ports: compilePorts(r.ports),
      };
    });
  return {
    index,
    key: `${ns}/${policy.name}`,
    policy,
    selects: compileSelector(policy.spec.podSelector),
    affectsIngress: types.includes('Ingress'),
    affectsEgress: types.includes('Egress'),
    ingress: types.includes('Ingress') ? rules('Ingress', policy.spec.ingress) : [],
    egress: types.includes('Egress') ? rules('Egress', policy.spec.egress) : [],
  };
}

/** A cluster with its policies compiled and per-pod isolation precomputed, built once and reused. */
export interface CompiledCluster {
  readonly cluster: Cluster;
  readonly policies: readonly CompiledPolicy[];
  readonly nsLabels: ReadonlyMap<string, Labels>;
  readonly podIndex: ReadonlyMap<string, number>;
  /** For each pod (by index in cluster.pods), the policies that select it for ingress / egress. */
  readonly ingressPolicies: readonly (readonly CompiledPolicy[])[];
  readonly egressPolicies: readonly (readonly CompiledPolicy[])[];
}

export function namespaceLabels(cluster: Cluster, ns: string): Labels {
  return cluster.namespaces.find((n) => n.name === ns)?.labels ?? { [NAME_LABEL]: ns };
}

export function compileCluster(cluster: Cluster): CompiledCluster {
  const nsLabels = new Map<string, Labels>();
  for (const n of cluster.namespaces) nsLabels.set(n.name, n.labels);
  for (const p of cluster.pods) if (!nsLabels.has(p.namespace)) nsLabels.set(p.namespace, { [NAME_LABEL]: p.namespace });
  const policies = cluster.policies.map(compilePolicy);
  const byNs = new Map<string, CompiledPolicy[]>();
  for (const cp of policies) {
    const list = byNs.get(cp.policy.namespace) ?? [];
    list.push(cp);
    byNs.set(cp.policy.namespace, list);
  }
  const podIndex = new Map<string, number>();
  const ingressPolicies: CompiledPolicy[][] = [];
  const egressPolicies: CompiledPolicy[][] = [];
  cluster.pods.forEach((pod, i) => {
    podIndex.set(`${pod.namespace}/${pod.name}`, i);
    const selecting = (byNs.get(pod.namespace) ?? []).filter((cp) => cp.selects(pod.labels));
    ingressPolicies.push(selecting.filter((cp) => cp.affectsIngress));
    egressPolicies.push(selecting.filter((cp) => cp.affectsEgress));
  });
  return { cluster, policies, nsLabels, podIndex, ingressPolicies, egressPolicies };
}
