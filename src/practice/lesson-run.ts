// Playing a lesson against its simulated cluster: setup, the effect and output of each step, and grading
// an exercise answer. Pure: `now` comes from the caller.
import {
  compileCluster, endpointName, evaluate, isValidIP, reachMatrix, sideText, type CompiledCluster, type Endpoint, type Protocol, type Verdict,
} from '../engine/index.ts';
import type { CheckResult, GradeReport } from '../grader/report.ts';
import { applyManifestText, freshSandbox, runKubectl, sandboxCluster, terminalOutput, type Sandbox } from '../kubectl/index.ts';
import { defaultChecks } from '../content/scenario-parse.ts';
import type { GradingSpec } from '../content/task-types.ts';
import { gradeCluster, kubectlArgs, withAddresses, withRequired, type PreparedTask } from './task-run.ts';

export { kubectlArgs };
import type { ExerciseStep, KubectlStep, Lesson, LessonStep, MatrixStep, PredictStep, YamlStep } from '../content/lesson-types.ts';

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
  | { readonly kind: 'matrix'; readonly sandbox: Sandbox; readonly grid: MatrixGrid }
  /** A predict step: the engine's answer for every cell (ok), or the cells naming pods that do not exist. */
  | { readonly kind: 'predict'; readonly sandbox: Sandbox; readonly result: PredictResult };

/** The engine's answer for one cell of a predict step. */
export interface PredictAnswer {
  /** The endpoints as the grid names them: bare pod names inside the step's namespace, NS/POD or an IP outside it. */
  readonly from: string;
  readonly to: string;
  readonly allowed: boolean;
  /** One line: the policy and rule (or the absence of one) that decides the connection. */
  readonly reason: string;
  /** Where the cell is in the grid: grid.cells[row][col]. */
  readonly row: number;
  readonly col: number;
}

/** The revealed grid of a predict step: the namespace's pods plus every other endpoint a cell names. */
export interface PredictGrid {
  readonly namespace: string;
  readonly port: number | string;
  readonly protocol: Protocol;
  readonly rows: readonly string[];
  readonly cols: readonly string[];
  /** cells[i][j]: rows[i] → cols[j]; 'self' for a pod and itself and for two addresses outside the cluster. */
  readonly cells: readonly (readonly MatrixCell[])[];
}

/** Something a predict step names that the cluster does not have: `at` is the field, inside the step. */
export interface PredictProblem { readonly at: readonly ['namespace'] | readonly ['cells', number, 'from' | 'to']; readonly message: string }

export type PredictResult =
  | { readonly ok: true; readonly answers: readonly PredictAnswer[]; readonly grid: PredictGrid }
  | { readonly ok: false; readonly problems: readonly PredictProblem[] };

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
  const output = terminalOutput(r);
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

type CellEnd = { ok: true; endpoint: Endpoint } | { ok: false; message: string };

/** A cell endpoint: an IP address, NS/POD, or a pod of `namespace`; unknown names get the API server's wording. */
function cellEndpoint(cc: CompiledCluster, namespace: string, spec: string): CellEnd {
  if (isValidIP(spec)) return { ok: true, endpoint: { kind: 'ip', ip: spec } };
  const [ns, name] = spec.includes('/') ? spec.split('/', 2) : [namespace, spec];
  const idx = cc.podIndex.get(`${ns}/${name}`);
  if (idx !== undefined) return { ok: true, endpoint: { kind: 'pod', pod: cc.cluster.pods[idx] } };
  if (!cc.cluster.namespaces.some((n) => n.name === ns) && !cc.cluster.pods.some((p) => p.namespace === ns)) {
    return { ok: false, message: `namespaces "${ns}" not found` };
  }
  const known = cc.cluster.pods.filter((p) => p.namespace === ns).map((p) => p.name);
  return { ok: false, message: `pods "${name}" not found in namespace "${ns}"${known.length ? ` (pods: ${known.slice(0, 8).join(', ')}${known.length > 8 ? ', …' : ''})` : ' (it has no pods at this step)'}` };
}

/**
 * Why a connection is allowed or denied, in one line: the side that denies it (both when both do), or the
 * side whose rule allows it (the destination's ingress first), or that neither side is isolated.
 */
export function verdictReason(cc: CompiledCluster, v: Verdict): string {
  if (v.resolvedPort === undefined) return `the destination ${v.to} has no container port named "${v.port}" for ${v.protocol}, so nothing can connect to it`;
  const egress = sideText(cc, v.egress, 'Egress', v);
  const ingress = sideText(cc, v.ingress, 'Ingress', v);
  if (!v.allowed) {
    if (v.egress.kind === 'denied' && v.ingress.kind === 'denied') return `${egress}; and ${ingress}`;
    return v.ingress.kind === 'denied' ? ingress : egress;
  }
  if (v.ingress.kind === 'self') return ingress;
  if (v.ingress.kind === 'allowed' && v.egress.kind === 'allowed') return `${egress}; and ${ingress}`;
  if (v.ingress.kind === 'allowed') return ingress;
  if (v.egress.kind === 'allowed') return egress;
  if (v.ingress.kind === 'not-isolated') return ingress;
  return egress;
}

/** The engine's answers to a predict step on the cluster as it is now, and the grid they sit in. */
export function predictAnswers(sb: Sandbox, step: PredictStep): PredictResult {
  const cc = compileCluster(sandboxCluster(sb));
  const problems: PredictProblem[] = [];
  if (!cc.cluster.namespaces.some((n) => n.name === step.namespace) && !cc.cluster.pods.some((p) => p.namespace === step.namespace)) {
    problems.push({ at: ['namespace'], message: `namespaces "${step.namespace}" not found` });
  }
  const ends = step.cells.map((c, i) => {
    const from = cellEndpoint(cc, step.namespace, c.from);
    const to = cellEndpoint(cc, step.namespace, c.to);
    if (!from.ok) problems.push({ at: ['cells', i, 'from'], message: from.message });
    if (!to.ok) problems.push({ at: ['cells', i, 'to'], message: to.message });
    return from.ok && to.ok ? { from: from.endpoint, to: to.endpoint } : undefined;
  });
  if (problems.length) return { ok: false, problems };
  const pairs = ends as { from: Endpoint; to: Endpoint }[];
  // Rows and columns: the namespace's pods, then the other endpoints the cells name, in order of appearance.
  const nsPods: Endpoint[] = cc.cluster.pods.filter((p) => p.namespace === step.namespace).map((pod) => ({ kind: 'pod', pod }));
  const label = (e: Endpoint) => (e.kind === 'pod' && e.pod.namespace === step.namespace ? e.pod.name : endpointName(e));
  const side = (pick: (p: { from: Endpoint; to: Endpoint }) => Endpoint): Endpoint[] => {
    const list = [...nsPods];
    const seen = new Set(list.map(endpointName));
    for (const p of pairs) {
      const e = pick(p);
      if (!seen.has(endpointName(e))) { seen.add(endpointName(e)); list.push(e); }
    }
    return list;
  };
  const froms = side((p) => p.from);
  const tos = side((p) => p.to);
  const m = reachMatrix(cc, froms, tos, step.port, step.protocol);
  const cells = froms.map((f, i) => tos.map((t, j): MatrixCell => {
    if (endpointName(f) === endpointName(t) || (f.kind === 'ip' && t.kind === 'ip')) return 'self';
    return m.allowed(i, j) ? 'allowed' : 'denied';
  }));
  const rowOf = new Map(froms.map((e, i) => [endpointName(e), i]));
  const colOf = new Map(tos.map((e, j) => [endpointName(e), j]));
  const answers = pairs.map((p): PredictAnswer => {
    const v = evaluate(cc, p.from, p.to, step.port, step.protocol);
    return { from: label(p.from), to: label(p.to), allowed: v.allowed, reason: verdictReason(cc, v), row: rowOf.get(endpointName(p.from))!, col: colOf.get(endpointName(p.to))! };
  });
  return { ok: true, answers, grid: { namespace: step.namespace, port: step.port, protocol: step.protocol, rows: froms.map(label), cols: tos.map(label), cells } };
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
    case 'predict': return { kind: 'predict', sandbox: sb, result: predictAnswers(sb, step) };
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
