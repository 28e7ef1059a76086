import type { CompiledCluster, CompiledPeer, CompiledPolicy, CompiledRule } from './compile.ts';
import { resolveProbePort } from './evaluate.ts';
import { portEntryMatches, portsDependOnPod } from './ports.ts';
import type { Endpoint, Labels, ProbePort, Protocol } from './types.ts';
import { NAME_LABEL } from './types.ts';

/** A fixed-size bit set over endpoint indexes. */
class Bits {
  readonly words: Uint32Array;
  constructor(size: number) { this.words = new Uint32Array((size + 31) >>> 5); }
  set(i: number): void { this.words[i >>> 5] |= 1 << (i & 31); }
  has(i: number): boolean { return (this.words[i >>> 5] & (1 << (i & 31))) !== 0; }
  or(other: Bits): void { for (let w = 0; w < this.words.length; w++) this.words[w] |= other.words[w]; }
}

/** The answer for every (from, to) pair; allowed(i, j) for froms[i] → tos[j]. */
export interface ReachMatrix {
  readonly froms: readonly Endpoint[];
  readonly tos: readonly Endpoint[];
  readonly port: ProbePort;
  readonly protocol: Protocol;
  allowed(i: number, j: number): boolean;
}

function podPolicies(cc: CompiledCluster, e: Endpoint, table: readonly (readonly CompiledPolicy[])[]): readonly CompiledPolicy[] | undefined {
  if (e.kind !== 'pod') return undefined;
  return table[cc.podIndex.get(`${e.pod.namespace}/${e.pod.name}`) ?? -1] ?? [];
}

function portsAdmit(rule: CompiledRule, port: number, protocol: Protocol, dst: Endpoint): boolean {
  if (!rule.ports) return true;
  const pod = dst.kind === 'pod' ? dst.pod : undefined;
  return rule.ports.some((e) => portEntryMatches(e, port, protocol, pod));
}

/**
 * One side's endpoints, indexed for matching peers: pods grouped by namespace (a podSelector peer only
 * looks at its policy's namespace, a namespaceSelector peer only at the namespaces it selects), every
 * endpoint's address for ipBlock peers. Peers that select the same endpoints share one bit set.
 */
class EndpointSide {
  readonly size: number;
  private readonly byNs = new Map<string, number[]>();
  private readonly nsLabels = new Map<string, Labels>();
  private readonly peerBits = new Map<string, Bits>();
  private readonly ruleBits = new Map<CompiledRule, Bits>();
  private all?: Bits;

  constructor(cc: CompiledCluster, readonly endpoints: readonly Endpoint[]) {
    this.size = endpoints.length;
    endpoints.forEach((e, i) => {
      if (e.kind !== 'pod') return;
      const ns = e.pod.namespace;
      let list = this.byNs.get(ns);
      if (!list) {
        list = [];
        this.byNs.set(ns, list);
        this.nsLabels.set(ns, cc.nsLabels.get(ns) ?? { [NAME_LABEL]: ns });
      }
      list.push(i);
    });
  }

  private everyone(): Bits {
    if (!this.all) {
      this.all = new Bits(this.size);
      for (let i = 0; i < this.size; i++) this.all.set(i);
    }
    return this.all;
  }

  private peer(peer: CompiledPeer): Bits {
    const scope = peer.scope;
    let bits = this.peerBits.get(scope.key);
    if (bits) return bits;
    bits = new Bits(this.size);
    const eps = this.endpoints;
    switch (scope.kind) {
      case 'ipBlock':
        for (let i = 0; i < eps.length; i++) {
          const e = eps[i];
          if (e.kind === 'pod' ? peer.matchesPod(e.pod, this.nsLabels.get(e.pod.namespace)!) : peer.matchesIP(e.ip)) bits.set(i);
        }
        break;
      case 'namespaces':
        for (const [ns, list] of this.byNs) {
          if (!scope.namespaces(this.nsLabels.get(ns)!)) continue;
          for (const i of list) if (scope.pods((eps[i] as Extract<Endpoint, { kind: 'pod' }>).pod.labels)) bits.set(i);
        }
        break;
      case 'namespace':
        for (const i of this.byNs.get(scope.namespace) ?? []) if (scope.pods((eps[i] as Extract<Endpoint, { kind: 'pod' }>).pod.labels)) bits.set(i);
        break;
      case 'none':
        break;
      default: {
        const unknown: never = scope;
        throw new Error(`unknown peer scope ${String(unknown)}`);
      }
    }
    this.peerBits.set(scope.key, bits);
    return bits;
  }

  /** The endpoints the rule's peers admit (all of them when it names no peers). Shared: do not modify. */
  rule(rule: CompiledRule): Bits {
    if (!rule.peers) return this.everyone();
    let bits = this.ruleBits.get(rule);
    if (!bits) {
      if (rule.peers.length === 1) bits = this.peer(rule.peers[0]);
      else {
        bits = new Bits(this.size);
        for (const p of rule.peers) bits.or(this.peer(p));
      }
      this.ruleBits.set(rule, bits);
    }
    return bits;
  }
}

/**
 * Reachability for many pairs at once. Each distinct peer is matched once per endpoint it can select (by
 * namespace), and the union of allowed peers is computed once per distinct set of applicable rules, so the
 * cost grows with peers × endpoints plus pairs, not rules × pairs. Agrees with `evaluate` on every pair (a
 * pod can always reach itself).
 */
export function reachMatrix(cc: CompiledCluster, froms: readonly Endpoint[], tos: readonly Endpoint[], port: ProbePort, protocol: Protocol): ReachMatrix {
  const resolved = tos.map((t) => resolveProbePort(t, port, protocol) ?? Number.NaN);
  const sources = new EndpointSide(cc, froms);
  const destinations = new EndpointSide(cc, tos);

  // Egress: for each source, the set of destinations its egress rules admit (peers and ports).
  const egressRuleBits = new Map<CompiledRule, Bits>();
  const egressRuleSetBits = new Map<string, Bits>();
  const egressBitsOf = (rule: CompiledRule): Bits => {
    let rb = egressRuleBits.get(rule);
    if (rb) return rb;
    const peers = destinations.rule(rule);
    rb = new Bits(tos.length);
    if (!rule.ports) rb.or(peers);
    else if (typeof port === 'number' && !portsDependOnPod(rule.ports)) {
      // A numeric probe port is the same for every destination: one answer for all of them.
      if (portsAdmit(rule, port, protocol, { kind: 'ip', ip: '' })) rb.or(peers);
    } else if (!portsDependOnPod(rule.ports)) {
      // The answer depends only on the resolved port number: decide once per distinct number.
      const byPort = new Map<number, boolean>();
      for (let j = 0; j < tos.length; j++) {
        if (!peers.has(j)) continue;
        let ok = byPort.get(resolved[j]);
        if (ok === undefined) { ok = portsAdmit(rule, resolved[j], protocol, tos[j]); byPort.set(resolved[j], ok); }
        if (ok) rb.set(j);
      }
    } else {
      for (let j = 0; j < tos.length; j++) if (peers.has(j) && portsAdmit(rule, resolved[j], protocol, tos[j])) rb.set(j);
    }
    egressRuleBits.set(rule, rb);
    return rb;
  };
  const egressOf: (Bits | undefined)[] = froms.map((src) => {
    const policies = podPolicies(cc, src, cc.egressPolicies);
    if (!policies || policies.length === 0) return undefined;
    const key = policies.map((p) => p.index).join(',');
    let bits = egressRuleSetBits.get(key);
    if (!bits) {
      bits = new Bits(tos.length);
      for (const cp of policies) for (const rule of cp.egress) bits.or(egressBitsOf(rule));
      egressRuleSetBits.set(key, bits);
    }
    return bits;
  });

  // Ingress: for each destination, the set of sources the rules admitting its port allow.
  const ingressRuleSetBits = new Map<string, Bits>();
  const ruleIds = new Map<CompiledRule, number>();
  const ingressOf: (Bits | undefined)[] = tos.map((dst, j) => {
    const policies = podPolicies(cc, dst, cc.ingressPolicies);
    if (!policies || policies.length === 0) return undefined;
    const rules: CompiledRule[] = [];
    for (const cp of policies) for (const rule of cp.ingress) if (portsAdmit(rule, resolved[j], protocol, dst)) rules.push(rule);
    const key = rules.map((r) => {
      let id = ruleIds.get(r);
      if (id === undefined) { id = ruleIds.size; ruleIds.set(r, id); }
      return id;
    }).join(',');
    let bits = ingressRuleSetBits.get(key);
    if (!bits) {
      bits = new Bits(froms.length);
      for (const rule of rules) bits.or(sources.rule(rule));
      ingressRuleSetBits.set(key, bits);
    }
    return bits;
  });

  return {
    froms, tos, port, protocol,
    allowed(i: number, j: number): boolean {
      if (Number.isNaN(resolved[j])) return false;
      const src = froms[i];
      const dst = tos[j];
      if (src.kind === 'pod' && dst.kind === 'pod' && src.pod === dst.pod) return true;
      const eg = egressOf[i];
      if (eg && !eg.has(j)) return false;
      const ing = ingressOf[j];
      return !ing || ing.has(i);
    },
  };
}
