// The policy doctor: valid NetworkPolicies that probably do not do what their author meant. Each finding
// names the policy and the YAML path inside it, so callers can point at the line.
import {
  compileSelector, effectivePolicyTypes, formatSelector, inCIDR, isEmptySelector, resolveNamedPort,
  type Cluster, type LabelSelector, type NetworkPolicy, type NetworkPolicyPeer, type Pod,
} from '../engine/index.ts';

export interface DoctorFinding {
  /** "namespace/name" of the policy. */
  readonly policy: string;
  /** Path inside the policy object, e.g. ["spec", "ingress", 0, "from", 1, "namespaceSelector"]. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

const sel = (s: LabelSelector | undefined) => (isEmptySelector(s) ? '{}' : formatSelector(s));

function podsIn(cluster: Cluster, namespaces: ReadonlySet<string> | undefined): Pod[] {
  return namespaces ? cluster.pods.filter((p) => namespaces.has(p.namespace)) : [...cluster.pods];
}

function checkPeer(cluster: Cluster, policy: NetworkPolicy, peer: NetworkPolicyPeer, path: (string | number)[], out: DoctorFinding[]): void {
  const key = `${policy.namespace}/${policy.name}`;
  if (peer.ipBlock) {
    const { cidr } = peer.ipBlock;
    const [, bits] = cidr.split('/');
    const v4 = !cidr.includes(':');
    // Wide blocks (the internet, a VPC) naturally contain pods; narrow ones aimed at pods are the trap.
    if (v4 && Number(bits) >= 16) {
      const hit = cluster.pods.filter((p) => inCIDR(p.ip, cidr) && !(peer.ipBlock!.except ?? []).some((e) => inCIDR(p.ip, e)));
      if (hit.length) {
        out.push({
          policy: key, path: [...path, 'ipBlock', 'cidr'],
          message: `ipBlock ${cidr} matches pod addresses (${hit.slice(0, 3).map((p) => `${p.namespace}/${p.name} ${p.ip}`).join(', ')}${hit.length > 3 ? ', …' : ''}); pod IPs change when pods are recreated: select pods with podSelector/namespaceSelector instead`,
        });
      }
    }
    return;
  }
  let namespaces: Set<string>;
  if (peer.namespaceSelector) {
    const m = compileSelector(peer.namespaceSelector);
    namespaces = new Set(cluster.namespaces.filter((n) => m(n.labels)).map((n) => n.name));
    if (namespaces.size === 0) {
      out.push({ policy: key, path: [...path, 'namespaceSelector'], message: `namespaceSelector ${sel(peer.namespaceSelector)} matches no namespace (namespaces: ${cluster.namespaces.map((n) => n.name).join(', ')}); label the namespace or use kubernetes.io/metadata.name` });
      return;
    }
  } else {
    namespaces = new Set([policy.namespace]);
  }
  if (peer.podSelector && !isEmptySelector(peer.podSelector) && cluster.pods.length > 0) {
    const m = compileSelector(peer.podSelector);
    if (!podsIn(cluster, namespaces).some((p) => m(p.labels))) {
      const where = peer.namespaceSelector ? `the namespaces matching ${sel(peer.namespaceSelector)}` : `namespace ${policy.namespace} (a podSelector alone looks only in the policy's own namespace)`;
      out.push({ policy: key, path: [...path, 'podSelector'], message: `podSelector ${sel(peer.podSelector)} matches no pod in ${where}` });
    }
  }
}

/** Findings for every policy of the cluster, in policy order. */
export function diagnosePolicies(cluster: Cluster): DoctorFinding[] {
  const out: DoctorFinding[] = [];
  for (const policy of cluster.policies) {
    const key = `${policy.namespace}/${policy.name}`;
    const types = effectivePolicyTypes(policy);
    const selects = compileSelector(policy.spec.podSelector);
    const selected = cluster.pods.filter((p) => p.namespace === policy.namespace && selects(p.labels));
    if (cluster.pods.length > 0 && selected.length === 0) {
      out.push({ policy: key, path: ['spec', 'podSelector'], message: `podSelector ${sel(policy.spec.podSelector)} selects no pod in namespace ${policy.namespace}, so this policy has no effect` });
    }
    if ((policy.spec.ingress ?? []).length > 0 && !types.includes('Ingress')) {
      out.push({ policy: key, path: ['spec', 'ingress'], message: `spec.ingress is ignored: policyTypes is [${types.join(', ')}] (add Ingress to policyTypes)` });
    }
    if ((policy.spec.egress ?? []).length > 0 && !types.includes('Egress')) {
      out.push({ policy: key, path: ['spec', 'egress'], message: `spec.egress is ignored: policyTypes is [${types.join(', ')}] (add Egress to policyTypes)` });
    }
    // Rules of a direction the policy does not cover are reported once above, not peer by peer.
    (types.includes('Ingress') ? policy.spec.ingress ?? [] : []).forEach((rule, i) => {
      (rule.from ?? []).forEach((peer, j) => checkPeer(cluster, policy, peer, ['spec', 'ingress', i, 'from', j], out));
      (rule.ports ?? []).forEach((port, j) => {
        if (typeof port.port !== 'string' || selected.length === 0) return;
        const proto = port.protocol ?? 'TCP';
        if (!selected.some((p) => resolveNamedPort(p, port.port as string, proto) !== undefined)) {
          out.push({ policy: key, path: ['spec', 'ingress', i, 'ports', j, 'port'], message: `named port "${port.port}"/${proto} is not declared by any pod this policy selects, so this port entry matches nothing` });
        }
      });
    });
    (types.includes('Egress') ? policy.spec.egress ?? [] : []).forEach((rule, i) => {
      (rule.to ?? []).forEach((peer, j) => checkPeer(cluster, policy, peer, ['spec', 'egress', i, 'to', j], out));
    });
  }
  return out;
}
