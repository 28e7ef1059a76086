// A mock exam: a plan of tasks (drawn from the scenarios with a seed, or a curated set), and a session that
// keeps the time used, the current task, flags and the per-task time. Plain data; time is an argument.
import type { Scenario } from '../content/scenario-types.ts';
import { seededRandom } from '../content/variants.ts';
import type { ExamSet } from '../content/exam-set.ts';
import type { GradeReport } from '../grader/report.ts';

export interface ExamTask {
  readonly scenario: string;
  readonly seed?: number;
  readonly points: number;
  /** The kubectl context the task is done in (its own cluster). */
  readonly context: string;
}

export interface ExamPlan {
  readonly set?: string;
  readonly seed: number;
  readonly title: string;
  readonly minutes: number;
  readonly passMark: number;
  readonly tasks: readonly ExamTask[];
}

export type TaskStatus = 'untouched' | 'attempted';

export interface ExamTaskState {
  readonly status: TaskStatus;
  readonly flagged: boolean;
  /** Time spent with this task open, in ms. */
  readonly timeMs: number;
}

export interface ExamSession {
  readonly format: 'netpol-dojo-exam/1';
  readonly plan: ExamPlan;
  readonly student?: string;
  readonly startedAt: string;
  /** Exam time used so far (the clock runs only while the exam screen runs). */
  readonly usedMs: number;
  readonly current: number;
  readonly tasks: readonly ExamTaskState[];
  /** Which warnings (minutes left) were shown. */
  readonly warned: readonly number[];
  readonly finished?: { readonly at: string; readonly reason: 'ended' | 'timeout' };
}

export const WARNINGS_MIN = [30, 15, 5] as const;
/** A gap between ticks longer than this means nothing ran (a closed terminal): it is not counted. */
export const MAX_TICK_MS = 5_000;

/** Exam draws mix the seed first, so that exam seed N and variant seed N draw differently. */
function random(seed: number): () => number {
  return seededRandom((seed ^ 0x9e3779b9) >>> 0);
}

/** Scales weights to whole points summing to `total` (largest remainders). */
export function scalePoints(weights: readonly number[], total = 100): number[] {
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const raw = weights.map((w) => (w * total) / sum);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) { if (left <= 0) break; out[i]++; left--; }
  return out.map((p) => Math.max(1, p));
}

export function contextName(i: number): string {
  return `k8s-t${i + 1}`;
}

/**
 * Draws an exam: `count` scenarios in a seeded order, each time taking the one that adds the most topics
 * not yet covered (so topics spread), a variant seed for scenarios that have variants, points scaled to
 * 100. Same seed, same exam.
 */
export function drawExam(scenarios: readonly Scenario[], opts: { count: number; minutes: number; seed: number; passMark?: number }): ExamPlan {
  const rnd = random(opts.seed);
  const pool = scenarios.map((s) => ({ s, k: rnd() })).sort((a, b) => a.k - b.k || a.s.id.localeCompare(b.s.id)).map((x) => x.s);
  const covered = new Map<string, number>();
  const picked: Scenario[] = [];
  while (picked.length < Math.min(opts.count, scenarios.length)) {
    let best = 0;
    let bestGain = -Infinity;
    pool.forEach((s, i) => {
      // New topics count fully, topics seen once count a little: a spread, not only the rarest tags.
      const gain = s.tags.reduce((g, t) => g + (covered.has(t) ? 1 / (1 + 4 * (covered.get(t) ?? 0)) : 1), 0);
      if (gain > bestGain) { bestGain = gain; best = i; }
    });
    const [s] = pool.splice(best, 1);
    picked.push(s);
    for (const t of s.tags) covered.set(t, (covered.get(t) ?? 0) + 1);
  }
  const points = scalePoints(picked.map((s) => s.points));
  return {
    seed: opts.seed, title: `Mock exam (seed ${opts.seed})`, minutes: opts.minutes, passMark: opts.passMark ?? 67,
    tasks: picked.map((s, i) => ({
      scenario: s.id, points: points[i], context: contextName(i),
      ...(s.variants && s.variants.seeds.length ? { seed: s.variants.seeds[Math.floor(rnd() * s.variants.seeds.length)] } : {}),
    })),
  };
}

export function planFromSet(set: ExamSet, seed: number, minutes?: number): ExamPlan {
  return {
    set: set.id, seed, title: set.title, minutes: minutes ?? set.minutes, passMark: set.passMark,
    tasks: set.tasks.map((t, i) => ({ scenario: t.scenario, points: t.points, context: contextName(i), ...(t.seed !== undefined ? { seed: t.seed } : {}) })),
  };
}

export function startExam(plan: ExamPlan, now: string, student?: string): ExamSession {
  return {
    format: 'netpol-dojo-exam/1', plan, ...(student ? { student } : {}), startedAt: now, usedMs: 0, current: 0,
    tasks: plan.tasks.map(() => ({ status: 'untouched', flagged: false, timeMs: 0 })), warned: [],
  };
}

export function limitMs(s: ExamSession): number {
  return s.plan.minutes * 60_000;
}

export function leftMs(s: ExamSession): number {
  return Math.max(0, limitMs(s) - s.usedMs);
}

/** Time passes: `elapsed` ms since the last tick (gaps over MAX_TICK_MS are not counted). Adds warnings, ends at zero. */
export function tick(s: ExamSession, elapsed: number, now: string): { session: ExamSession; warning?: number } {
  if (s.finished) return { session: s };
  const dt = elapsed > 0 && elapsed <= MAX_TICK_MS ? elapsed : 0;
  const usedMs = Math.min(limitMs(s), s.usedMs + dt);
  const tasks = s.tasks.map((t, i) => (i === s.current ? { ...t, timeMs: t.timeMs + dt } : t));
  let next: ExamSession = { ...s, usedMs, tasks };
  const left = leftMs(next);
  const due = [...WARNINGS_MIN].reverse().find((m) => left <= m * 60_000 && !s.warned.includes(m) && limitMs(s) > m * 60_000);
  if (due !== undefined) next = { ...next, warned: [...next.warned, ...WARNINGS_MIN.filter((m) => m >= due && !next.warned.includes(m))] };
  if (left === 0) next = { ...next, finished: { at: now, reason: 'timeout' } };
  return { session: next, warning: due };
}

export function goTo(s: ExamSession, i: number): ExamSession {
  return i >= 0 && i < s.tasks.length && !s.finished ? { ...s, current: i } : s;
}

export function toggleFlag(s: ExamSession, i = s.current): ExamSession {
  return { ...s, tasks: s.tasks.map((t, j) => (j === i ? { ...t, flagged: !t.flagged } : t)) };
}

/** The task's cluster or workspace changed: it counts as attempted. */
export function markAttempted(s: ExamSession, i: number): ExamSession {
  return s.tasks[i]?.status === 'attempted' ? s : { ...s, tasks: s.tasks.map((t, j) => (j === i ? { ...t, status: 'attempted' } : t)) };
}

export function endExam(s: ExamSession, now: string): ExamSession {
  return s.finished ? s : { ...s, finished: { at: now, reason: 'ended' } };
}

export interface TaskResult {
  readonly scenario: string;
  readonly seed?: number;
  readonly context: string;
  readonly points: number;
  /** Points earned: the task's points × its grade score. */
  readonly earned: number;
  readonly score: number;
  readonly passed: boolean;
  readonly timeMs: number;
  readonly flagged: boolean;
  readonly report: GradeReport;
}

export interface ExamResult {
  readonly total: number;
  readonly passed: boolean;
  readonly tasks: readonly TaskResult[];
}

/** Per task: points × score/100 (rounded to a tenth); total: their sum, 0–100. */
export function examResult(s: ExamSession, reports: readonly GradeReport[]): ExamResult {
  const tasks = s.plan.tasks.map((t, i): TaskResult => {
    const r = reports[i];
    return {
      scenario: t.scenario, ...(t.seed !== undefined ? { seed: t.seed } : {}), context: t.context, points: t.points,
      earned: Math.round((t.points * r.score) / 10) / 10, score: r.score, passed: r.passed,
      timeMs: s.tasks[i].timeMs, flagged: s.tasks[i].flagged, report: r,
    };
  });
  const total = Math.round(tasks.reduce((n, t) => n + t.earned, 0) * 10) / 10;
  return { total, passed: total >= s.plan.passMark, tasks };
}

export function parseExamSession(data: unknown): ExamSession | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const d = data as Record<string, unknown>;
  const plan = d.plan as ExamPlan | undefined;
  const ok = d.format === 'netpol-dojo-exam/1' && plan && Array.isArray(plan.tasks) && typeof plan.minutes === 'number'
    && typeof d.usedMs === 'number' && typeof d.current === 'number' && Array.isArray(d.tasks) && d.tasks.length === plan.tasks.length
    && Array.isArray(d.warned) && typeof d.startedAt === 'string';
  return ok ? d as unknown as ExamSession : undefined;
}
