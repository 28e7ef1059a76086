// One grade for one task: every behaviour check and every goal, with reasons and points. Pure.
import type { Cluster } from '../engine/index.ts';
import { goalId, goalPoints, type GradingSpec } from '../content/task-types.ts';
import { endpointName } from '../engine/index.ts';
import { compareBehaviour, differenceLine, differenceReasons, differencesIn, type Comparison, type Difference } from './behaviour.ts';
import { gradeGoalsIn } from './goals.ts';

export interface CheckResult {
  readonly id: string;
  /** 'behaviour' or the goal's kind. */
  readonly kind: string;
  readonly description: string;
  readonly points: number;
  readonly passed: boolean;
  /** One line: what was checked and how it came out. */
  readonly summary: string;
  /** Every difference (behaviour), or the goal's explanation; engine reasons indented by two spaces. */
  readonly reasons: readonly string[];
  /** Behaviour checks: how many probe pairs differ in this check's scope. */
  readonly differences?: number;
}

export interface GradeReport {
  readonly passed: boolean;
  /** 0-100: the share of points earned. */
  readonly score: number;
  readonly earned: number;
  readonly total: number;
  readonly checks: readonly CheckResult[];
  readonly pairsCompared: number;
  /**
   * false when the answer does none of what the task asks: every check the starting cluster fails still
   * fails. Such an answer scores 0, whatever it keeps intact (an untouched task earns nothing).
   */
  readonly progress: boolean;
}

export interface GradeInput {
  readonly spec: GradingSpec;
  readonly learner: Cluster;
  readonly reference: Cluster;
  /** The cluster the task started from (for `unchanged` goals). */
  readonly initial: Cluster;
  /** The learner's workspace files by relative path. */
  readonly files?: Readonly<Record<string, string>>;
  /** Ids of the checks and goals the starting cluster fails: the changes the task asks for. */
  readonly required?: ReadonlySet<string>;
}

/** How many groups of differences get the engine's full reasons, and how many are listed at all. */
const EXPLAINED = 3;
const LISTED = 40;

/**
 * Differences grouped by (from, to, verdict), ports listed together:
 * "secure/a → 8.8.8.8 on 53/UDP, 80/TCP: your policies allow it; the task requires it denied".
 */
function behaviourReasons(c: Comparison, diffs: readonly Difference[]): string[] {
  const groups = new Map<string, Difference[]>();
  for (const d of diffs) {
    const key = `${endpointName(d.from)}|${endpointName(d.to)}|${d.learnerAllows}`;
    const g = groups.get(key);
    if (g) g.push(d);
    else groups.set(key, [d]);
  }
  const out: string[] = [];
  [...groups.values()].slice(0, LISTED).forEach((g, i) => {
    out.push(differenceLine(g[0], g.length === c.probe.ports.length ? [`every probed port (${g.length})`] : g.map((d) => `${d.port}/${d.protocol}`)));
    if (i < EXPLAINED) for (const l of differenceReasons(c, g[0])) out.push(`  ${l}`);
  });
  if (groups.size > LISTED) out.push(`… and ${groups.size - LISTED} more pair(s) of endpoints that differ`);
  return out;
}

/** Grades the learner's cluster against the reference's under the task's checks and goals. */
export function gradeTask(input: GradeInput, comparison?: Comparison): GradeReport {
  const { spec } = input;
  const c = comparison ?? compareBehaviour(input.learner, input.reference, spec.addresses);
  const checks: CheckResult[] = [];
  for (const check of spec.checks) {
    const diffs = differencesIn(c, check.scope ?? spec.scope, [...spec.free, ...check.free]);
    const missing = c.probe.missingPods;
    const passed = diffs.length === 0 && missing.length === 0;
    const summary = passed
      ? `${check.description}: your cluster behaves like the reference`
      : missing.length && diffs.length === 0
        ? `${check.description}: pod(s) missing from your cluster: ${missing.join(', ')}`
        : `${check.description}: ${diffs.length} connection(s) differ from what the task requires`;
    checks.push({
      id: check.id, kind: 'behaviour', description: check.description, points: check.points, passed, summary,
      reasons: [...(missing.length ? [`pods the task needs but your cluster lacks: ${missing.join(', ')}`] : []), ...behaviourReasons(c, diffs)],
      differences: diffs.length,
    });
  }
  const goalResults = gradeGoalsIn({ learner: c.learner, initial: input.initial, files: input.files }, spec.goals);
  spec.goals.forEach((g, i) => {
    const r = goalResults[i];
    checks.push({
      id: goalId(g, i), kind: g.kind, description: g.description ?? r.summary.split(':')[0], points: goalPoints(g),
      passed: r.passed, summary: r.summary, reasons: r.reasons,
    });
  });
  const total = checks.reduce((n, ch) => n + ch.points, 0);
  const required = input.required;
  const progress = !required || required.size === 0 || checks.some((ch) => ch.passed && required.has(ch.id));
  const earned = progress ? checks.reduce((n, ch) => n + (ch.passed ? ch.points : 0), 0) : 0;
  return {
    passed: checks.every((ch) => ch.passed),
    score: total === 0 ? 100 : Math.floor((100 * earned) / total),
    earned, total, checks, pairsCompared: c.pairsCompared, progress,
  };
}

/** True when two clusters behave alike on every pair some check compares (wrong-answer feedback). */
export function behavesLike(spec: GradingSpec, learner: Cluster, other: Cluster): boolean {
  const c = compareBehaviour(learner, other, spec.addresses);
  if (c.probe.missingPods.length) return false;
  return spec.checks.every((check) => differencesIn(c, check.scope ?? spec.scope, [...spec.free, ...check.free]).length === 0);
}
