// Checks a schema can't express, shared by scenarios and lesson exercises: endpoint patterns of pair
// selectors, unique check and goal ids, goal endpoints spelled namespace/pod or as an IP.
import { isValidIP } from '../engine/cidr.ts';
import type { ContentPath } from './lesson-source.ts';
import { validPattern } from './patterns.ts';
import { goalId, type BehaviourCheck, type Goal, type PairSelector } from './task-types.ts';

export type Problem = { readonly path: ContentPath; readonly message: string };

/** namespace/pod */
export const SPEC = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

function selectorProblems(sels: readonly PairSelector[] | undefined, at: ContentPath): Problem[] {
  const out: Problem[] = [];
  (sels ?? []).forEach((s, i) => {
    for (const side of ['from', 'to'] as const) {
      for (const p of s[side] ?? []) {
        if (!validPattern(p)) out.push({ path: [...at, i, side], message: `"${p}" is not NS/POD, NS/*, */*, external, an IP address, a CIDR or *` });
      }
    }
  });
  return out;
}

export interface GradingInput {
  readonly scope?: readonly PairSelector[];
  readonly free: readonly PairSelector[];
  /** As written (undefined: the default check). */
  readonly checks?: readonly BehaviourCheck[];
  readonly goals: readonly Goal[];
}

/** Problems of a task's grading fields; `at` is the path of the object holding them. Returns the ids too. */
export function gradingProblems(g: GradingInput, at: ContentPath, defaultCheckIds: readonly string[]): { problems: Problem[]; ids: Set<string> } {
  const problems: Problem[] = [...selectorProblems(g.scope, [...at, 'scope']), ...selectorProblems(g.free, [...at, 'free'])];
  const ids = new Map<string, string>();
  if (g.checks) {
    g.checks.forEach((c, i) => {
      for (const p of selectorProblems(c.scope, [...at, 'checks', i, 'scope'])) problems.push(p);
      for (const p of selectorProblems(c.free, [...at, 'checks', i, 'free'])) problems.push(p);
      if (ids.has(c.id)) problems.push({ path: [...at, 'checks', i, 'id'], message: `duplicate check id "${c.id}"` });
      ids.set(c.id, `checks[${i}]`);
    });
  } else {
    for (const id of defaultCheckIds) ids.set(id, 'the default check');
  }
  g.goals.forEach((goal, i) => {
    const gid = goalId(goal, i);
    if (ids.has(gid)) problems.push({ path: [...at, 'goals', i], message: `duplicate id "${gid}" (also ${ids.get(gid)})` });
    ids.set(gid, `goals[${i}]`);
    if (goal.kind === 'reach') {
      for (const field of ['from', 'to'] as const) {
        if (!SPEC.test(goal[field]) && !isValidIP(goal[field])) problems.push({ path: [...at, 'goals', i, field], message: `"${goal[field]}" is not namespace/pod or an IP address` });
      }
      if (isValidIP(goal.from) && isValidIP(goal.to)) problems.push({ path: [...at, 'goals', i, 'to'], message: 'at least one side of a reach goal must be a pod' });
    }
    if (goal.kind === 'dns' && !SPEC.test(goal.from)) problems.push({ path: [...at, 'goals', i, 'from'], message: `"${goal.from}" is not namespace/pod (a DNS client is a pod)` });
    if ((goal.kind === 'unchanged' || goal.kind === 'labels' || goal.kind === 'absent') && goal.object.kind !== 'Namespace' && !goal.object.namespace) {
      problems.push({ path: [...at, 'goals', i, 'object'], message: `a ${goal.object.kind} needs a namespace` });
    }
  });
  return { problems, ids: new Set(ids.keys()) };
}
