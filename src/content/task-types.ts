// What every graded task shares, scenario or lesson exercise: goals, pair selectors, behaviour checks and
// answers (a reference solution, an alternative, a wrong answer). Data only.
import type { Protocol } from '../engine/types.ts';

interface GoalBase {
  /** Stable within the task (default: "goal-N"); wrong answers name the goals they fail by it. */
  readonly id?: string;
  readonly points?: number;
  readonly description?: string;
}

/** An object named by a goal. Cluster-scoped kinds (Namespace) ignore `namespace`. */
export interface ObjectName {
  readonly kind: 'NetworkPolicy' | 'Pod' | 'Namespace' | 'Service';
  readonly namespace?: string;
  readonly name: string;
}

/** A goal a task is graded on, beyond behaviour. Discriminated by `kind`. */
export type Goal =
  /** Can `from` reach `to` on port/protocol? from/to are namespace/pod or an IP address. */
  | GoalBase & { readonly kind: 'reach'; readonly from: string; readonly to: string; readonly port: number | string; readonly protocol: Protocol; readonly allowed: boolean }
  /** Does a DNS name resolve from the client pod (needs egress to kube-dns on 53/UDP)? */
  | GoalBase & { readonly kind: 'dns'; readonly from: string; readonly name: string; readonly resolves: boolean }
  /** A NetworkPolicy with this name exists in the namespace. */
  | GoalBase & { readonly kind: 'policy-exists'; readonly namespace: string; readonly name: string }
  /** The object exists with the spec and labels it had when the task started. */
  | GoalBase & { readonly kind: 'unchanged'; readonly object: ObjectName }
  /** The object carries these labels (null: the key is absent). */
  | GoalBase & { readonly kind: 'labels'; readonly object: ObjectName; readonly labels: Readonly<Record<string, string | null>> }
  /** The object does not exist (deleted, or never created). */
  | GoalBase & { readonly kind: 'absent'; readonly object: ObjectName }
  /** The namespace's NetworkPolicies are exactly these (for "fix it in place, add nothing" tasks). */
  | GoalBase & { readonly kind: 'only-policies'; readonly namespace: string; readonly names: readonly string[] }
  /** A workspace file holds these lines (any order for `set`). */
  | GoalBase & { readonly kind: 'answer-file'; readonly path: string; readonly answer: readonly string[]; readonly match: 'set' | 'exact' };

export type GoalKind = Goal['kind'];

/**
 * Selects probe pairs. Patterns: "NS/POD", "NS/*", "* /*" (every pod), "external", an IP, a CIDR, or "*".
 * Missing fields match everything; a pair matches when every given field matches.
 */
export interface PairSelector {
  readonly from?: readonly string[];
  readonly to?: readonly string[];
  /** Numbers or inclusive ranges. */
  readonly ports?: readonly { readonly from: number; readonly to: number }[];
  readonly protocol?: Protocol;
}

/** A behaviour check: the learner's cluster behaves like the reference on the pairs in scope, minus free. */
export interface BehaviourCheck {
  readonly id: string;
  readonly description: string;
  readonly points: number;
  /** undefined: the task's scope. */
  readonly scope?: readonly PairSelector[];
  /** Added to the task's free pairs. */
  readonly free: readonly PairSelector[];
}

/** A way to change the starting cluster: manifests applied, then kubectl command lines, plus workspace files. */
export interface Answer {
  readonly manifests: string;
  readonly commands: readonly string[];
  /** Workspace files by relative path (answer files). */
  readonly files: Readonly<Record<string, string>>;
}

export interface NamedAnswer extends Answer { readonly name: string }

export interface WrongAnswer extends NamedAnswer {
  /** Ids of checks or goals this answer must fail. */
  readonly fails: readonly string[];
  readonly feedback: string;
}

/** The grading part of a task: what is compared and what is demanded. */
export interface GradingSpec {
  /** undefined: every probed pair. */
  readonly scope?: readonly PairSelector[];
  readonly free: readonly PairSelector[];
  readonly checks: readonly BehaviourCheck[];
  readonly goals: readonly Goal[];
  /** External addresses the task names (probed besides the defaults). */
  readonly addresses: readonly string[];
}

export function goalId(goal: Goal, index: number): string {
  return goal.id ?? `goal-${index + 1}`;
}

export function goalPoints(goal: Goal): number {
  return goal.points ?? 1;
}
