// Goals → results with reasons. One evaluator per goal kind; the engine decides, the grader words it.
import { resolveName } from '../engine/dns.ts';
import {
  compileCluster, evaluate, explainVerdict, isValidIP, type Cluster, type CompiledCluster, type Endpoint, type Labels, type Pod,
} from '../engine/index.ts';
import type { Goal, ObjectName } from '../content/task-types.ts';
import { describeDnsAnswer } from './dns-text.ts';

/** What goals are judged on: the learner's cluster, the cluster the task started from, the workspace files. */
export interface GoalContext {
  readonly learner: CompiledCluster;
  /** The starting cluster (for `unchanged`); without it `unchanged` compares with nothing and fails. */
  readonly initial?: Cluster;
  /** Workspace files by relative path (for `answer-file`). */
  readonly files?: Readonly<Record<string, string>>;
}

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

type Found = { readonly labels: Labels; readonly spec?: unknown } | undefined;

function findObject(c: Cluster, o: ObjectName): Found {
  switch (o.kind) {
    case 'Namespace': {
      const n = c.namespaces.find((x) => x.name === o.name && x.declared);
      return n && { labels: n.labels };
    }
    case 'Pod': {
      const p = c.pods.find((x) => x.namespace === o.namespace && x.name === o.name);
      return p && { labels: p.labels };
    }
    case 'Service': {
      const s = c.services.find((x) => x.namespace === o.namespace && x.name === o.name);
      return s && { labels: s.labels, spec: { type: s.type, selector: s.selector, ports: s.ports } };
    }
    case 'NetworkPolicy': {
      const p = c.policies.find((x) => x.namespace === o.namespace && x.name === o.name);
      return p && { labels: p.labels, spec: p.spec };
    }
    default: {
      const never: never = o.kind;
      throw new Error(`unknown object kind ${String(never)}`);
    }
  }
}

export function objectText(o: ObjectName): string {
  return o.kind === 'Namespace' ? `Namespace ${o.name}` : `${o.kind} ${o.namespace}/${o.name}`;
}

/** JSON with sorted keys: equal values give equal text whatever the key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

function labelsText(l: Labels): string {
  const e = Object.entries(l).sort(([a], [b]) => a.localeCompare(b));
  return e.length ? e.map(([k, v]) => `${k}=${v}`).join(',') : '<none>';
}

function gradeUnchanged(ctx: GoalContext, goal: Extract<Goal, { kind: 'unchanged' }>): GoalResult {
  const what = objectText(goal.object);
  const head = `${what} should be left as it was`;
  const before = ctx.initial && findObject(ctx.initial, goal.object);
  const now = findObject(ctx.learner.cluster, goal.object);
  if (!before) return { goal, passed: false, summary: `${head}: it did not exist at the start`, reasons: [] };
  if (!now) return { goal, passed: false, summary: `${head}: it was deleted`, reasons: [`recreate it as it was; the task needs ${what} kept`] };
  const reasons: string[] = [];
  if (canonical(before.labels) !== canonical(now.labels)) reasons.push(`labels were ${labelsText(before.labels)}, now ${labelsText(now.labels)}`);
  if (canonical(before.spec) !== canonical(now.spec)) reasons.push('its spec was changed');
  return { goal, passed: reasons.length === 0, summary: `${head}: ${reasons.length ? 'it was changed' : 'it is'}`, reasons };
}

function gradeLabels(ctx: GoalContext, goal: Extract<Goal, { kind: 'labels' }>): GoalResult {
  const what = objectText(goal.object);
  const want = Object.entries(goal.labels).map(([k, v]) => (v === null ? `no ${k}` : `${k}=${v}`)).join(', ');
  const head = `${what} should carry ${want}`;
  const now = findObject(ctx.learner.cluster, goal.object);
  if (!now) return { goal, passed: false, summary: `${head}: it does not exist`, reasons: [] };
  const wrong = Object.entries(goal.labels).filter(([k, v]) => (v === null ? k in now.labels : now.labels[k] !== v));
  return {
    goal, passed: wrong.length === 0,
    summary: `${head}: ${wrong.length ? `it has ${labelsText(now.labels)}` : 'it does'}`,
    reasons: wrong.map(([k, v]) => (v === null ? `remove the label ${k}` : now.labels[k] === undefined ? `label ${k} is missing` : `label ${k} is "${now.labels[k]}", not "${v}"`)),
  };
}

function gradeAbsent(ctx: GoalContext, goal: Extract<Goal, { kind: 'absent' }>): GoalResult {
  const what = objectText(goal.object);
  const gone = findObject(ctx.learner.cluster, goal.object) === undefined;
  return { goal, passed: gone, summary: `${what} should not exist: ${gone ? 'it does not' : 'it still does'}`, reasons: gone ? [] : [`delete it (kubectl delete ${goal.object.kind.toLowerCase()} ${goal.object.name}${goal.object.namespace ? ` -n ${goal.object.namespace}` : ''})`] };
}

function gradeOnlyPolicies(ctx: GoalContext, goal: Extract<Goal, { kind: 'only-policies' }>): GoalResult {
  const have = ctx.learner.cluster.policies.filter((p) => p.namespace === goal.namespace).map((p) => p.name).sort();
  const want = [...goal.names].sort();
  const extra = have.filter((n) => !want.includes(n));
  const missingNames = want.filter((n) => !have.includes(n));
  const reasons = [...extra.map((n) => `not asked for: ${n}`), ...missingNames.map((n) => `missing: ${n}`)];
  return {
    goal, passed: reasons.length === 0,
    summary: `the NetworkPolicies in ${goal.namespace} should be exactly ${want.join(', ') || 'none'}: ${reasons.length ? `they are ${have.join(', ') || 'none'}` : 'they are'}`,
    reasons,
  };
}

/** The lines of an answer file as graded: trimmed, blank lines dropped. */
export function answerLines(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
}

function gradeAnswerFile(ctx: GoalContext, goal: Extract<Goal, { kind: 'answer-file' }>): GoalResult {
  const head = `${goal.path} should hold the answer`;
  const text = ctx.files?.[goal.path];
  if (text === undefined) return { goal, passed: false, summary: `${head}: the file does not exist`, reasons: [`write the answer into ${goal.path} in your workspace`] };
  const got = answerLines(text);
  const want = goal.answer.map((l) => l.trim()).filter((l) => l !== '');
  if (goal.match === 'exact') {
    const ok = got.length === want.length && got.every((l, i) => l === want[i]);
    return { goal, passed: ok, summary: `${head}: ${ok ? 'it does' : 'it does not'}`, reasons: ok ? [] : [`your answer: ${got.join(' | ') || '(empty)'}`] };
  }
  const g = new Set(got);
  const w = new Set(want);
  const missingLines = [...w].filter((l) => !g.has(l));
  const extra = [...g].filter((l) => !w.has(l));
  const reasons = [
    ...(missingLines.length ? [`missing ${missingLines.length} of ${w.size} expected line(s)`] : []),
    ...extra.map((l) => `not part of the answer: ${l}`),
  ];
  return { goal, passed: reasons.length === 0, summary: `${head}: ${reasons.length ? 'it does not' : 'it does'}`, reasons };
}

function gradeOne(ctx: GoalContext, goal: Goal): GoalResult {
  const cc = ctx.learner;
  switch (goal.kind) {
    case 'reach': return gradeReach(cc, goal);
    case 'dns': return gradeDns(cc, goal);
    case 'policy-exists': return gradePolicyExists(cc.cluster, goal);
    case 'unchanged': return gradeUnchanged(ctx, goal);
    case 'labels': return gradeLabels(ctx, goal);
    case 'absent': return gradeAbsent(ctx, goal);
    case 'only-policies': return gradeOnlyPolicies(ctx, goal);
    case 'answer-file': return gradeAnswerFile(ctx, goal);
    default: {
      const never: never = goal;
      throw new Error(`unknown goal kind ${JSON.stringify(never)}`);
    }
  }
}

/** Grades every goal, in order. */
export function gradeGoalsIn(ctx: GoalContext, goals: readonly Goal[]): GoalResult[] {
  return goals.map((g) => gradeOne(ctx, g));
}

/** Grades every goal against the cluster, in order (no starting cluster, no files). */
export function gradeGoals(cluster: Cluster, goals: readonly Goal[]): GoalResult[] {
  return gradeGoalsIn({ learner: compileCluster(cluster) }, goals);
}
