// Running a task on the simulated cluster: its starting cluster, applying an answer (manifests, kubectl
// command lines, files), and grading a learner's cluster against the reference's. Pure: `now` is passed in.
import type { Scenario } from '../content/scenario-types.ts';
import type { Answer, GradingSpec, WrongAnswer } from '../content/task-types.ts';
import { answerLines } from '../grader/goals.ts';
import { behavesLike, gradeTask, type GradeReport } from '../grader/report.ts';
import { addressesInText } from '../grader/probe.ts';
import { applyManifestText, freshSandbox, runKubectl, sandboxCluster, splitCommandLine, type Sandbox } from '../kubectl/index.ts';
import { NODE_IP } from '../kubectl/sandbox.ts';

export type Applied = { readonly ok: true; readonly sandbox: Sandbox } | { readonly ok: false; readonly sandbox: Sandbox; readonly error: string };

/** The command's words without the leading `kubectl`/`k`. */
export function kubectlArgs(command: string): string[] {
  const words = splitCommandLine(command.trim());
  return words[0] === 'kubectl' || words[0] === 'k' ? words.slice(1) : words;
}

/** Runs kubectl command lines in order; the first that fails stops (its output is the error). */
export function runCommands(sb0: Sandbox, commands: readonly string[], now: string): Applied {
  let sb = sb0;
  for (const c of commands) {
    const r = runKubectl(sb, kubectlArgs(c), { now });
    if (r.exitCode !== 0) return { ok: false, sandbox: sb, error: `\`${c.trim()}\` failed: ${(r.stderr || r.stdout).trim()}` };
    sb = r.sandbox;
  }
  return { ok: true, sandbox: sb };
}

/** Applies an answer: its manifests (like kubectl apply -f), then its command lines. */
export function applyAnswer(sb: Sandbox, answer: Pick<Answer, 'manifests' | 'commands'>, file: string, now: string): Applied {
  let cur = sb;
  if (answer.manifests.trim() !== '') {
    const r = applyManifestText(cur, answer.manifests, file, now);
    if (!r.ok) return { ok: false, sandbox: sb, error: r.error };
    cur = r.sandbox;
  }
  return runCommands(cur, answer.commands, now);
}

/** The scenario's starting cluster: the fresh cluster, the setup manifests, the setup commands. */
export function scenarioStart(sc: Scenario, now: string): Applied {
  return applyAnswer(freshSandbox(now), { manifests: sc.setup, commands: sc.setupCommands }, `${sc.file} (setup)`, now);
}

/** A task ready to grade: its grading spec (with the addresses it names), starting and reference clusters. */
export interface PreparedTask {
  readonly spec: GradingSpec;
  readonly initial: Sandbox;
  readonly reference: Sandbox;
  readonly referenceFiles: Readonly<Record<string, string>>;
  /** Ids of the checks and goals the starting cluster (with the skeleton files) fails. */
  readonly required?: ReadonlySet<string>;
}

/** The task with the checks its starting cluster fails: what an answer must change to earn anything. */
export function withRequired(task: PreparedTask, startFiles: Readonly<Record<string, string>> = {}): PreparedTask {
  const start = gradeTask({ spec: task.spec, learner: sandboxCluster(task.initial), reference: sandboxCluster(task.reference), initial: sandboxCluster(task.initial), files: startFiles });
  return { ...task, required: new Set(start.checks.filter((c) => !c.passed).map((c) => c.id)) };
}

/** The grading spec with the external addresses the task's wording names and the API server's address. */
export function withAddresses(spec: GradingSpec, texts: readonly string[]): GradingSpec {
  return { ...spec, addresses: [...new Set([...spec.addresses, NODE_IP, ...texts.flatMap(addressesInText)])] };
}

export type Prepared = { readonly ok: true; readonly task: PreparedTask } | { readonly ok: false; readonly error: string };

/** Builds the starting and reference clusters of a scenario. */
export function prepareScenario(sc: Scenario, now: string): Prepared {
  const start = scenarioStart(sc, now);
  if (!start.ok) return { ok: false, error: `the setup does not apply: ${start.error}` };
  const ref = applyAnswer(start.sandbox, sc.solution, `${sc.id} (solution)`, now);
  if (!ref.ok) return { ok: false, error: `the reference solution does not apply: ${ref.error}` };
  const task: PreparedTask = { spec: withAddresses(sc.grading, [sc.task, sc.setup, sc.solution.manifests]), initial: start.sandbox, reference: ref.sandbox, referenceFiles: sc.solution.files };
  return { ok: true, task: withRequired(task, Object.fromEntries(sc.files.map((f) => [f.path, f.content]))) };
}

/** Grades a learner's cluster (and workspace files) against the task's reference. */
export function gradeCluster(task: PreparedTask, learner: Sandbox, files: Readonly<Record<string, string>> = {}): GradeReport {
  return gradeTask({
    spec: task.spec, learner: sandboxCluster(learner), reference: sandboxCluster(task.reference),
    initial: sandboxCluster(task.initial), files, ...(task.required ? { required: task.required } : {}),
  });
}

/** An answer file's lines in a comparable form (the grader's normalisation, any order). */
function answerSet(text: string | undefined): string {
  return answerLines(text ?? '').sort().join('\n');
}

/**
 * The wrong answers a learner's result resembles: the learner fails every check the wrong answer names,
 * their cluster behaves like the wrong answer's on every pair the checks compare, and every answer file the
 * wrong answer writes holds the same lines as the learner's.
 */
export function matchingWrongAnswers(
  task: PreparedTask, wrong: readonly WrongAnswer[], learner: Sandbox, report: GradeReport, now: string,
  files: Readonly<Record<string, string>> = {},
): WrongAnswer[] {
  const failed = new Set(report.checks.filter((c) => !c.passed).map((c) => c.id));
  if (failed.size === 0) return [];
  const learnerCluster = sandboxCluster(learner);
  return wrong.filter((w) => {
    if (!w.fails.every((id) => failed.has(id))) return false;
    if (Object.entries(w.files).some(([path, text]) => answerSet(files[path]) !== answerSet(text))) return false;
    const applied = applyAnswer(task.initial, w, 'wrong-answer', now);
    return applied.ok && behavesLike(task.spec, learnerCluster, sandboxCluster(applied.sandbox));
  });
}
