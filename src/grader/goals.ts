// Goals → results with reasons. One evaluator per goal kind; the engine decides, the grader words it.
import { resolveName } from '../engine/dns.ts';
import {
  compileCluster, evaluate, explainVerdict, isValidIP, type Cluster, type CompiledCluster, type Endpoint, type Pod,
} from '../engine/index.ts';
import type { Goal } from '../content/lesson-types.ts';
import { describeDnsAnswer } from './dns-text.ts';

export interface GoalResult {
  readonly goal: Goal;
  readonly passed: boolean;
  /** One line, e.g. "secure/front-end → secure/back-end 80/TCP should be allowed: it is denied". */
  readonly summary: string;
  /** The engine's explanation lines (verdict or DNS answer). */
  readonly reasons: readonly string[];
}

type Missing = { ok: false; spec: string; namespace: string; known: string[] };
type Lookup = { ok: true; endpoint: Endpoint } | Missing;

function findPod(cc: CompiledCluster, spec: string): Pod | undefined {
  const i = cc.podIndex.get(spec);
  return i === undefined ? undefined : cc.cluster.pods[i];
}

function lookup(cc: CompiledCluster, spec: string): Lookup {
  if (isValidIP(spec)) return { ok: true, endpoint: { kind: 'ip', ip: spec } };
  const pod = findPod(cc, spec);
  if (pod) return { ok: true, endpoint: { kind: 'pod', pod } };
  return missingPod(cc, spec);
}

function missingPod(cc: CompiledCluster, spec: string): Missing {
  const namespace = spec.split('/')[0];
  const known = cc.cluster.pods.filter((p) => p.namespace === namespace).map((p) => p.name);
  return { ok: false, spec, namespace, known };
}

function missing(goal: Goal, head: string, m: Missing): GoalResult {
  return {
    goal, passed: false, summary: `${head}: pod ${m.spec} does not exist`,
    reasons: [m.known.length ? `pods in namespace ${m.namespace}: ${m.known.join(', ')}` : `namespace ${m.namespace} has no pods`],
  };
}

function gradeReach(cc: CompiledCluster, goal: Extract<Goal, { kind: 'reach' }>): GoalResult {
  const want = goal.allowed ? 'allowed' : 'denied';
  const head = `${goal.from} → ${goal.to} ${goal.port}/${goal.protocol} should be ${want}`;
  const from = lookup(cc, goal.from);
  if (!from.ok) return missing(goal, head, from);
  const to = lookup(cc, goal.to);
  if (!to.ok) return missing(goal, head, to);
  const v = evaluate(cc, from.endpoint, to.endpoint, goal.port, goal.protocol);
  const got = v.allowed ? 'allowed' : 'denied';
  return { goal, passed: v.allowed === goal.allowed, summary: `${head}: it is ${got}`, reasons: explainVerdict(cc, v).map((l) => l.trim()) };
}

function gradeDns(cc: CompiledCluster, goal: Extract<Goal, { kind: 'dns' }>): GoalResult {
  const head = `${goal.from}: the name ${goal.name} should ${goal.resolves ? 'resolve' : 'not resolve'}`;
  const client = findPod(cc, goal.from);
  if (!client) return missing(goal, head, missingPod(cc, goal.from));
  const answer = resolveName(cc, client, goal.name);
  const text = describeDnsAnswer(cc, answer);
  const resolved = answer.kind === 'resolved';
  return { goal, passed: resolved === goal.resolves, summary: `${head}: ${text.short}`, reasons: text.reasons };
}

function gradePolicyExists(cluster: Cluster, goal: Extract<Goal, { kind: 'policy-exists' }>): GoalResult {
  const head = `NetworkPolicy ${goal.namespace}/${goal.name} should exist`;
  const found = cluster.policies.some((p) => p.namespace === goal.namespace && p.name === goal.name);
  const others = cluster.policies.filter((p) => p.namespace === goal.namespace).map((p) => p.name);
  return {
    goal, passed: found, summary: `${head}: ${found ? 'it does' : 'it does not'}`,
    reasons: [others.length ? `NetworkPolicies in namespace ${goal.namespace}: ${others.join(', ')}` : `no NetworkPolicy in namespace ${goal.namespace}`],
  };
}

function gradeOne(cc: CompiledCluster, goal: Goal): GoalResult {
  switch (goal.kind) {
    case 'reach': return gradeReach(cc, goal);
    case 'dns': return gradeDns(cc, goal);
    case 'policy-exists': return gradePolicyExists(cc.cluster, goal);
    default: {
      const never: never = goal;
      throw new Error(`unknown goal kind ${JSON.stringify(never)}`);
    }
  }
}

/** Grades every goal against the cluster, in order. */
export function gradeGoals(cluster: Cluster, goals: readonly Goal[]): GoalResult[] {
  const cc = compileCluster(cluster);
  return goals.map((g) => gradeOne(cc, g));
}
