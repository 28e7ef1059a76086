// Verdicts in plain words. Pure text; the CLI and the TUI print it.
import type { CompiledCluster } from './compile.ts';
import { formatSelector, isEmptySelector } from './selectors.ts';
import type { LabelSelector, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort } from './types.ts';
import { NAME_LABEL } from './types.ts';
import type { RuleRef, SideVerdict, Verdict } from './verdict.ts';

function namespacesText(sel: LabelSelector): string {
  if (isEmptySelector(sel)) return 'all namespaces';
  const only = Object.entries(sel.matchLabels ?? {});
  if (only.length === 1 && only[0][0] === NAME_LABEL && (sel.matchExpressions ?? []).length === 0) return `namespace ${only[0][1]}`;
  return `namespaces ${formatSelector(sel)}`;
}

function podsText(sel: LabelSelector | undefined): string {
  return !sel || isEmptySelector(sel) ? 'all pods' : `pods ${formatSelector(sel)}`;
}

export function describePeer(peer: NetworkPolicyPeer, policyNs: string): string {
  if (peer.ipBlock) {
    const ex = peer.ipBlock.except ?? [];
    return `addresses in ${peer.ipBlock.cidr}${ex.length ? ` except ${ex.join(', ')}` : ''}`;
  }
  if (peer.namespaceSelector) {
    const ns = namespacesText(peer.namespaceSelector);
    return `${podsText(peer.podSelector)} in ${ns}`;
  }
  return `${podsText(peer.podSelector)} in namespace ${policyNs}`;
}

export function describePort(p: NetworkPolicyPort): string {
  const proto = p.protocol ?? 'TCP';
  if (p.port === undefined) return `any ${proto} port`;
  if (typeof p.port === 'string') return `named port ${p.port}/${proto}`;
  if (p.endPort !== undefined) return `ports ${p.port}-${p.endPort}/${proto}`;
  return `port ${p.port}/${proto}`;
}

/** "port 53/UDP to namespace kube-system" for one rule of a policy. */
export function describeRule(policy: NetworkPolicy, direction: 'Ingress' | 'Egress', index: number): string {
  const rule = direction === 'Ingress' ? policy.spec.ingress?.[index] : policy.spec.egress?.[index];
  if (!rule) return '';
  const peers = direction === 'Ingress' ? (rule as { from?: NetworkPolicyPeer[] }).from : (rule as { to?: NetworkPolicyPeer[] }).to;
  const ports = rule.ports && rule.ports.length ? rule.ports.map(describePort).join(', ') : 'all ports';
  const who = peers && peers.length ? peers.map((p) => describePeer(p, policy.namespace)).join(' or ') : 'anywhere';
  return `${ports} ${direction === 'Ingress' ? 'from' : 'to'} ${who}`;
}

function ruleText(cc: CompiledCluster, ref: RuleRef): string {
  const cp = cc.policies.find((p) => p.key === ref.policy);
  const summary = cp ? describeRule(cp.policy, ref.direction, ref.rule) : '';
  return `${ref.policy} ${ref.direction.toLowerCase()} rule ${ref.rule + 1}${summary ? ` (${summary})` : ''}`;
}

export function sideText(cc: CompiledCluster, side: SideVerdict, direction: 'Ingress' | 'Egress', v: Verdict): string {
  const who = direction === 'Egress' ? `egress from ${v.from}` : `ingress to ${v.to}`;
  const port = `${v.resolvedPort ?? v.port}/${v.protocol}`;
  switch (side.kind) {
    case 'external':
      return `${who}: not subject to NetworkPolicy (address outside the cluster)`;
    case 'self':
      return `${who}: same pod; a pod can always reach itself (NetworkPolicy cannot block a pod's access to itself)`;
    case 'not-isolated':
      return `${who}: not isolated (no policy selects it for ${direction.toLowerCase()}), so all ${direction.toLowerCase()} is allowed`;
    case 'allowed':
      return `${who}: isolated by ${side.isolatedBy.join(', ')}; allowed by ${side.allowedBy.map((r) => ruleText(cc, r)).join('; and by ')}`;
    case 'denied': {
      const peer = direction === 'Egress' ? v.to : v.from;
      return `${who}: isolated by ${side.isolatedBy.join(', ')}; denied: no ${direction.toLowerCase()} rule of ${side.isolatedBy.length > 1 ? 'these policies' : 'this policy'} allows port ${port} ${direction === 'Egress' ? 'to' : 'from'} ${peer}`;
    }
    default: {
      const never: never = side;
      return String(never);
    }
  }
}

/** The whole verdict as lines of text. */
export function explainVerdict(cc: CompiledCluster, v: Verdict): string[] {
  const head = `${v.from} → ${v.to} on port ${typeof v.port === 'string' ? `${v.port} (${v.resolvedPort ?? 'unresolved'})` : v.port}/${v.protocol}: ${v.allowed ? 'ALLOWED' : 'DENIED'}`;
  const lines = [head];
  if (v.resolvedPort === undefined) {
    lines.push(`  port: the destination ${v.to} has no container port named "${v.port}" for ${v.protocol}, so nothing can connect to it`);
  }
  lines.push(`  ${sideText(cc, v.egress, 'Egress', v)}`);
  lines.push(`  ${sideText(cc, v.ingress, 'Ingress', v)}`);
  if (v.resolvedPort !== undefined && !v.allowed && v.egress.kind !== 'denied') lines.push('  → the destination\'s ingress blocks it (both sides must allow a connection)');
  if (v.resolvedPort !== undefined && !v.allowed && v.egress.kind === 'denied' && v.ingress.kind !== 'denied') lines.push('  → the source\'s egress blocks it (both sides must allow a connection)');
  return lines;
}
