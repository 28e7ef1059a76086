import type { CompiledCluster, CompiledPolicy, CompiledRule } from './compile.ts';
import { matchPeer, resolveProbePort } from './evaluate.ts';
import { portEntryMatches } from './ports.ts';
import type { Endpoint, ProbePort, Protocol } from './types.ts';

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
 * Reachability for many pairs at once. Each rule's peers are matched once per endpoint, and the union of
 * allowed peers is computed once per distinct set of applicable rules, so the cost grows with
 * rules × endpoints plus pairs, not rules × pairs. Agrees with `evaluate` on every pair (a pod can
 * always reach itself).
 */
export function reachMatrix(cc: CompiledCluster, froms: readonly Endpoint[], tos: readonly Endpoint[], port: ProbePort, protocol: Protocol): ReachMatrix {
  const resolved = tos.map((t) => resolveProbePort(t, port, protocol) ?? Number.NaN);

  // Egress: for each source, the set of destinations its egress rules admit.
  const egressRuleBits = new Map<CompiledRule, Bits>();
  const egressRuleSetBits = new Map<string, Bits>();
  const egressOf: (Bits | undefined)[] = froms.map((src) => {
    const policies = podPolicies(cc, src, cc.egressPolicies);
    if (!policies || policies.length === 0) return undefined;
    const key = policies.map((p) => p.index).join(',');
    let bits = egressRuleSetBits.get(key);
    if (!bits) {
      bits = new Bits(tos.length);
      for (const cp of policies) {
        for (const rule of cp.egress) {
          let rb = egressRuleBits.get(rule);
          if (!rb) {
            rb = new Bits(tos.length);
            tos.forEach((dst, j) => {
              if (matchPeer(cc, rule, dst) !== -1 && portsAdmit(rule, resolved[j], protocol, dst)) rb!.set(j);
            });
            egressRuleBits.set(rule, rb);
          }
          bits.or(rb);
        }
      }
      egressRuleSetBits.set(key, bits);
    }
    return bits;
  });

  // Ingress: for each destination, the set of sources the rules admitting its port allow.
  const ingressPeerBits = new Map<CompiledRule, Bits>();
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
      for (const rule of rules) {
        let pb = ingressPeerBits.get(rule);
        if (!pb) {
          pb = new Bits(froms.length);
          froms.forEach((src, i) => { if (matchPeer(cc, rule, src) !== -1) pb!.set(i); });
          ingressPeerBits.set(rule, pb);
        }
        bits.or(pb);
      }
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
