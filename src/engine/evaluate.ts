import type { CompiledCluster, CompiledPolicy, CompiledRule } from './compile.ts';
import { matchPorts, resolveNamedPort } from './ports.ts';
import type { Endpoint, Labels, ProbePort, Protocol } from './types.ts';
import { NAME_LABEL } from './types.ts';
import type { RuleRef, SideVerdict, Verdict } from './verdict.ts';

export function endpointName(e: Endpoint): string {
  return e.kind === 'pod' ? `${e.pod.namespace}/${e.pod.name}` : e.ip;
}

function nsLabelsOf(cc: CompiledCluster, ns: string): Labels {
  return cc.nsLabels.get(ns) ?? { [NAME_LABEL]: ns };
}

/** Does the rule's peer list admit the endpoint at the far side? Returns the peer index, -2 for "no peers = all", -1 for no. */
export function matchPeer(cc: CompiledCluster, rule: CompiledRule, far: Endpoint): number {
  if (!rule.peers) return -2;
  for (const peer of rule.peers) {
    const hit = far.kind === 'pod' ? peer.matchesPod(far.pod, nsLabelsOf(cc, far.pod.namespace)) : peer.matchesIP(far.ip);
    if (hit) return peer.index;
  }
  return -1;
}

function judgeSide(
  cc: CompiledCluster,
  policies: readonly CompiledPolicy[],
  direction: 'Ingress' | 'Egress',
  far: Endpoint,
  port: number,
  protocol: Protocol,
  dst: Endpoint,
): SideVerdict {
  if (policies.length === 0) return { kind: 'not-isolated' };
  const allowedBy: RuleRef[] = [];
  const dstPod = dst.kind === 'pod' ? dst.pod : undefined;
  for (const cp of policies) {
    const rules = direction === 'Ingress' ? cp.ingress : cp.egress;
    for (const rule of rules) {
      const peer = matchPeer(cc, rule, far);
      if (peer === -1) continue;
      const portHit = matchPorts(rule.ports, port, protocol, dstPod);
      if (portHit === -1) continue;
      allowedBy.push({
        policy: cp.key,
        direction,
        rule: rule.index,
        peer: peer >= 0 ? peer : undefined,
        port: portHit >= 0 ? portHit : undefined,
      });
    }
  }
  const isolatedBy = policies.map((p) => p.key);
  return allowedBy.length > 0 ? { kind: 'allowed', isolatedBy, allowedBy } : { kind: 'denied', isolatedBy };
}

/** Resolves the probed port on the destination: numbers stay, names resolve on the destination pod. */
export function resolveProbePort(to: Endpoint, port: ProbePort, protocol: Protocol): number | undefined {
  if (typeof port === 'number') return port;
  return to.kind === 'pod' ? resolveNamedPort(to.pod, port, protocol) : undefined;
}

/**
 * The verdict for one connection, with its reasons. The connection is allowed iff the source's egress
 * allows it and the destination's ingress allows it; a pod can always reach itself. An address outside the cluster has no policies:
 * as a source only the destination's ingress applies, as a destination only the source's egress.
 */
export function evaluate(cc: CompiledCluster, from: Endpoint, to: Endpoint, port: ProbePort, protocol: Protocol): Verdict {
  const resolved = resolveProbePort(to, port, protocol);
  if (from.kind === 'pod' && to.kind === 'pod' && from.pod === to.pod) {
    const self: SideVerdict = { kind: 'self' };
    return { from: endpointName(from), to: endpointName(to), port, resolvedPort: resolved, protocol, allowed: resolved !== undefined, egress: self, ingress: self };
  }
  const n = resolved ?? Number.NaN;
  const egress: SideVerdict = from.kind === 'ip'
    ? { kind: 'external' }
    : judgeSide(cc, cc.egressPolicies[cc.podIndex.get(endpointName(from)) ?? -1] ?? [], 'Egress', to, n, protocol, to);
  const ingress: SideVerdict = to.kind === 'ip'
    ? { kind: 'external' }
    : judgeSide(cc, cc.ingressPolicies[cc.podIndex.get(endpointName(to)) ?? -1] ?? [], 'Ingress', from, n, protocol, to);
  const allowed = resolved !== undefined && egress.kind !== 'denied' && ingress.kind !== 'denied';
  return { from: endpointName(from), to: endpointName(to), port, resolvedPort: resolved, protocol, allowed, egress, ingress };
}
