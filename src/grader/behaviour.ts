// Behaviour equivalence: what the learner's cluster lets through against what the reference lets through,
// over the derived probe set. Every pair where they differ is a Difference; checks filter them by scope.
import {
  compileCluster, endpointName, evaluate, explainVerdict, reachMatrix, type Cluster, type CompiledCluster, type Endpoint, type Protocol,
} from '../engine/index.ts';
import type { PairSelector } from '../content/task-types.ts';
import { anyMatches } from './pairs.ts';
import { probeSet, type ProbeSet } from './probe.ts';

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

/** Compares the two clusters over the probe set derived from both (plus `addresses`). */
export function compareBehaviour(learner: Cluster, reference: Cluster, addresses: readonly string[] = []): Comparison {
  const probe = probeSet(reference, [learner], addresses);
  const ccL = compileCluster(learner);
  const ccR = compileCluster(reference);
  const eps = probe.endpoints;
  const epsL = eps.map((e) => sameEndpointIn(ccL, e));
  const differences: Difference[] = [];
  let pairsCompared = 0;
  for (const { port, protocol } of probe.ports) {
    const mR = reachMatrix(ccR, eps, eps, port, protocol);
    const mL = reachMatrix(ccL, epsL, epsL, port, protocol);
    for (let i = 0; i < eps.length; i++) {
      const ipFrom = eps[i].kind === 'ip';
      for (let j = 0; j < eps.length; j++) {
        if (i === j || (ipFrom && eps[j].kind === 'ip')) continue;
        pairsCompared++;
        const r = mR.allowed(i, j);
        const l = mL.allowed(i, j);
        if (r !== l) differences.push({ from: eps[i], to: eps[j], port, protocol, learnerAllows: l });
      }
    }
  }
  return { probe, differences, pairsCompared, learner: ccL, reference: ccR };
}

/** The differences inside the scope (undefined: all) and outside every free selector. */
export function differencesIn(c: Comparison, scope: readonly PairSelector[] | undefined, free: readonly PairSelector[]): Difference[] {
  return c.differences.filter((d) =>
    (scope === undefined || anyMatches(scope, d.from, d.to, d.port, d.protocol)) && !anyMatches(free, d.from, d.to, d.port, d.protocol));
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
