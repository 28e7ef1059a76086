// Playing a lesson against its simulated cluster: setup, the effect and output of each step, and grading
// an exercise answer. Pure: `now` comes from the caller.
import { compileCluster, reachMatrix, type Endpoint, type Protocol } from '../engine/index.ts';
import type { CheckResult, GradeReport } from '../grader/report.ts';
import { applyManifestText, freshSandbox, runKubectl, sandboxCluster, type Sandbox } from '../kubectl/index.ts';
import { defaultChecks } from '../content/scenario-parse.ts';
import type { GradingSpec } from '../content/task-types.ts';
import { gradeCluster, kubectlArgs, withAddresses, withRequired, type PreparedTask } from './task-run.ts';

export { kubectlArgs };
import type { ExerciseStep, KubectlStep, Lesson, LessonStep, MatrixStep, YamlStep } from '../content/lesson-types.ts';

export type MatrixCell = 'allowed' | 'denied' | 'self';

/** The reachability of one namespace's pods to each other: cells[from][to], rows and columns in pod order. */
export interface MatrixGrid {
  readonly namespace: string;
  readonly port: number | string;
  readonly protocol: Protocol;
  /** Pod names (all in `namespace`); row i and column i are the same pod. */
  readonly pods: readonly string[];
  readonly cells: readonly (readonly MatrixCell[])[];
  readonly allowedCount: number;
  /** Pairs of different pods. */
  readonly pairCount: number;
}

export type StepOutcome =
  /** text, quiz and exercise steps: nothing runs, the sandbox is unchanged. */
  | { readonly kind: 'none'; readonly sandbox: Sandbox }
  /** A yaml step: applied (output is kubectl apply's), shown only (applied false), or failed to apply (ok false, output is the error). */
  | { readonly kind: 'yaml'; readonly sandbox: Sandbox; readonly applied: boolean; readonly ok: boolean; readonly output: string }
  /** A kubectl step: what the terminal shows (stdout then stderr) and the exit code, against the one the lesson expects. */
  | {
    readonly kind: 'kubectl'; readonly sandbox: Sandbox; readonly command: string; readonly output: string;
    readonly exitCode: number; readonly expectedExit: number; readonly asExpected: boolean;
  }
  | { readonly kind: 'matrix'; readonly sandbox: Sandbox; readonly grid: MatrixGrid };

/** A fresh sandbox with the lesson's setup applied, or the reason the setup does not apply. */
export function setupLesson(lesson: Lesson, now: string): { ok: true; sandbox: Sandbox } | { ok: false; sandbox: Sandbox; error: string } {
  const sb = freshSandbox(now);
  if (lesson.setup.trim() === '') return { ok: true, sandbox: sb };
  const r = applyManifestText(sb, lesson.setup, `${lesson.file} (setup)`, now);
  return r.ok ? { ok: true, sandbox: r.sandbox } : { ok: false, sandbox: sb, error: r.error };
}

/** The sandbox a lesson starts from. A setup that does not apply (lint reports it) leaves the fresh cluster. */
export function startLesson(lesson: Lesson, now: string): Sandbox {
  return setupLesson(lesson, now).sandbox;
}

function playYaml(sb: Sandbox, step: YamlStep, now: string): StepOutcome {
  if (!step.apply) return { kind: 'yaml', sandbox: sb, applied: false, ok: true, output: '' };
  const r = applyManifestText(sb, step.manifest, 'example.yaml', now);
  return r.ok
    ? { kind: 'yaml', sandbox: r.sandbox, applied: true, ok: true, output: r.output }
    : { kind: 'yaml', sandbox: sb, applied: false, ok: false, output: r.error };
}

function playKubectl(sb: Sandbox, step: KubectlStep, now: string): StepOutcome {
  const r = runKubectl(sb, kubectlArgs(step.command), { now });
  const output = r.stdout + r.stderr;
  return {
    kind: 'kubectl', sandbox: r.sandbox, command: step.command.trim(), output,
    exitCode: r.exitCode, expectedExit: step.expectExit, asExpected: r.exitCode === step.expectExit,
  };
}

/** The reachability grid of one namespace's pods on a port. */
export function matrixGrid(sb: Sandbox, namespace: string, port: number | string, protocol: Protocol): MatrixGrid {
  const cc = compileCluster(sandboxCluster(sb));
  const pods = cc.cluster.pods.filter((p) => p.namespace === namespace);
  const eps: Endpoint[] = pods.map((pod) => ({ kind: 'pod', pod }));
  const m = reachMatrix(cc, eps, eps, port, protocol);
  let allowedCount = 0;
  const cells = pods.map((_, i) => pods.map((__, j): MatrixCell => {
    if (i === j) return 'self';
    const ok = m.allowed(i, j);
    if (ok) allowedCount++;
    return ok ? 'allowed' : 'denied';
  }));
  return { namespace, port, protocol, pods: pods.map((p) => p.name), cells, allowedCount, pairCount: pods.length * (pods.length - 1) };
}

function playMatrix(sb: Sandbox, step: MatrixStep): StepOutcome {
  return { kind: 'matrix', sandbox: sb, grid: matrixGrid(sb, step.namespace, step.port, step.protocol) };
}

/** Runs one step: yaml steps with apply change the sandbox, kubectl steps run, matrix steps compute. */
export function playStep(sb: Sandbox, step: LessonStep, now: string): StepOutcome {
  switch (step.kind) {
    case 'text':
    case 'quiz':
    case 'exercise':
      return { kind: 'none', sandbox: sb };
    case 'yaml': return playYaml(sb, step, now);
    case 'kubectl': return playKubectl(sb, step, now);
    case 'matrix': return playMatrix(sb, step);
    default: {
      const never: never = step;
      throw new Error(`unknown step kind ${JSON.stringify(never)}`);
    }
  }
}

/** The sandbox as it is when the learner reaches step `index` (every earlier step played, in order). */
export function sandboxAtStep(lesson: Lesson, index: number, now: string): Sandbox {
  let sb = startLesson(lesson, now);
  const end = Math.max(0, Math.min(index, lesson.steps.length));
  for (let i = 0; i < end; i++) sb = playStep(sb, lesson.steps[i], now).sandbox;
  return sb;
}

export interface ExerciseGrade {
  /** false when the learner's YAML did not apply; `error` then says why (kubectl's message). */
  readonly applied: boolean;
  readonly error?: string;
  /** Every behaviour check and goal (empty when nothing was applied). */
  readonly results: readonly CheckResult[];
  readonly report?: GradeReport;
  readonly passed: boolean;
  /** The sandbox with the answer applied (the step's sandbox when it did not apply). */
  readonly sandbox: Sandbox;
}

/** An exercise's grading spec: its scope, free pairs, checks (default: one over the scope) and goals. */
export function exerciseSpec(exercise: ExerciseStep): GradingSpec {
  return withAddresses(
    { scope: exercise.scope, free: exercise.free, checks: exercise.checks ?? defaultChecks(), goals: exercise.goals, addresses: [] },
    [exercise.task, exercise.solution],
  );
}

/** The exercise as a task: the step's cluster, and the reference made by applying its solution there. */
export function prepareExercise(sb: Sandbox, exercise: ExerciseStep, now: string): { ok: true; task: PreparedTask } | { ok: false; error: string } {
  const ref = applyManifestText(sb, exercise.solution, 'solution.yaml', now);
  if (!ref.ok) return { ok: false, error: ref.error };
  return { ok: true, task: withRequired({ spec: exerciseSpec(exercise), initial: sb, reference: ref.sandbox, referenceFiles: {} }) };
}

/** Applies the learner's YAML on top of the exercise's sandbox, then grades it against the solution's cluster. */
export function gradeExercise(sb: Sandbox, exercise: ExerciseStep, learnerYaml: string, file: string, now: string): ExerciseGrade {
  const r = applyManifestText(sb, learnerYaml, file, now);
  if (!r.ok) return { applied: false, error: r.error, results: [], passed: false, sandbox: sb };
  const task = prepareExercise(sb, exercise, now);
  if (!task.ok) return { applied: false, error: `the lesson's own solution does not apply: ${task.error}`, results: [], passed: false, sandbox: sb };
  const report = gradeCluster(task.task, r.sandbox);
  return { applied: true, results: report.checks, report, passed: report.passed, sandbox: r.sandbox };
}
