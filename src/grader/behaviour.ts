// Behaviour equivalence: what the learner's cluster lets through against what the reference lets through,
// over the derived probe set. Every pair where they differ is a Difference; checks filter them by scope.
import {
  compileCluster, endpointName, evaluate, explainVerdict, reachMatrix, type Cluster, type CompiledCluster, type Endpoint, type Protocol,
} from '../engine/index.ts';
import type { PairSelector } from '../content/task-types.ts';
import { compileAny } from './pairs.ts';
import { probeSet, type ProbePortKey, type ProbeSet } from './probe.ts';

export interface Difference {
  /** Endpoints as the reference cluster has them. */
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly port: number;
  readonly protocol: Protocol;
  /** What the learner's cluster does. The reference does the opposite. */
  readonly learnerAllows: boolean;
}

export interface Comparison {
  readonly probe: ProbeSet;
  readonly differences: readonly Difference[];
  /** Pairs compared (for reports and the benchmark). */
  readonly pairsCompared: number;
  readonly learner: CompiledCluster;
  readonly reference: CompiledCluster;
}

function sameEndpointIn(cc: CompiledCluster, e: Endpoint): Endpoint {
  if (e.kind === 'ip') return e;
  const i = cc.podIndex.get(`${e.pod.namespace}/${e.pod.name}`);
  return i === undefined ? e : { kind: 'pod', pod: cc.cluster.pods[i] };
}

/**
 * Probe ports that no policy of either cluster can tell apart behave alike on every pair, so one
 * representative per class is evaluated. A class key lists, for every port entry of every policy, whether it
 * admits the port; a port a named entry could resolve to is kept on its own (named ports depend on the pod).
 */
function portClasses(clusters: readonly Cluster[], ports: readonly ProbePortKey[]): ProbePortKey[][] {
  const entries = clusters.flatMap((c) => c.policies.flatMap((p) => [...(p.spec.ingress ?? []), ...(p.spec.egress ?? [])].flatMap((r) => r.ports ?? [])));
  const named = new Set<string>();
  for (const c of clusters) {
    const names = new Set(entries.flatMap((e) => (typeof e.port === 'string' ? [e.port] : [])));
    for (const pod of c.pods) for (const ct of pod.containers) for (const cp of ct.ports) if (cp.name && names.has(cp.name)) named.add(`${cp.containerPort}/${cp.protocol}`);
  }
  const classes = new Map<string, ProbePortKey[]>();
  for (const pk of ports) {
    const own = `${pk.port}/${pk.protocol}`;
    const key = named.has(own) ? own : `${pk.protocol}:${entries.map((e) => {
      if ((e.protocol ?? 'TCP') !== pk.protocol) return '0';
      if (e.port === undefined) return '1';
      if (typeof e.port === 'string') return '0';
      return (e.endPort !== undefined ? pk.port >= e.port && pk.port <= e.endPort : pk.port === e.port) ? '1' : '0';
    }).join('')}`;
    const list = classes.get(key);
    if (list) list.push(pk);
    else classes.set(key, [pk]);
  }
  return [...classes.values()];
}

/** Compares the two clusters over the probe set derived from both (plus `addresses`). */
export function compareBehaviour(learner: Cluster, reference: Cluster, addresses: readonly string[] = []): Comparison {
  const probe = probeSet(reference, [learner], addresses);
  const ccL = compileCluster(learner);
  const ccR = compileCluster(reference);
  const eps = probe.endpoints;
  const epsL = eps.map((e) => sameEndpointIn(ccL, e));
  const differences: Difference[] = [];
  let pairsCompared = 0;
  const found: Difference[][] = probe.ports.map(() => []);
  const order = new Map(probe.ports.map((pk, i) => [pk, i]));
  for (const members of portClasses([learner, reference], probe.ports)) {
    const { port, protocol } = members[0];
    const mR = reachMatrix(ccR, eps, eps, port, protocol);
    const mL = reachMatrix(ccL, epsL, epsL, port, protocol);
    for (let i = 0; i < eps.length; i++) {
      const ipFrom = eps[i].kind === 'ip';
      for (let j = 0; j < eps.length; j++) {
        if (i === j || (ipFrom && eps[j].kind === 'ip')) continue;
        pairsCompared += members.length;
        const l = mL.allowed(i, j);
        if (mR.allowed(i, j) !== l) {
          for (const m of members) found[order.get(m)!].push({ from: eps[i], to: eps[j], port: m.port, protocol: m.protocol, learnerAllows: l });
        }
      }
    }
  }
  for (const list of found) for (const d of list) differences.push(d);
  return { probe, differences, pairsCompared, learner: ccL, reference: ccR };
}

/** The differences inside the scope (undefined: all) and outside every free selector. */
export function differencesIn(c: Comparison, scope: readonly PairSelector[] | undefined, free: readonly PairSelector[]): Difference[] {
  const inScope = scope === undefined ? () => true : compileAny(scope);
  const isFree = compileAny(free);
  return c.differences.filter((d) => inScope(d.from, d.to, d.port, d.protocol) && !isFree(d.from, d.to, d.port, d.protocol));
}

/** "prod/frontend → prod/db on 5432/TCP: your policies allow it; the task requires it denied" */
export function differenceLine(d: Difference, ports: readonly string[] = [`${d.port}/${d.protocol}`]): string {
  const verdict = d.learnerAllows ? 'your policies allow it; the task requires it denied' : 'your policies deny it; the task requires it allowed';
  return `${endpointName(d.from)} → ${endpointName(d.to)} on ${ports.join(', ')}: ${verdict}`;
}

/** The engine's reasons for the learner's verdict on one difference. */
export function differenceReasons(c: Comparison, d: Difference): string[] {
  const v = evaluate(c.learner, sameEndpointIn(c.learner, d.from), sameEndpointIn(c.learner, d.to), d.port, d.protocol);
  return explainVerdict(c.learner, v).map((l) => l.trim()).filter((l) => l !== '');
}
