// The mock exam's effects. The running exam lives in exams/current/ of the data directory:
//   exam.json                 the session (plan, time used, current task, flags), saved on every change
//   kubeconfig.json           the contexts k8s-t1 … k8s-tN (one per task) and the current context
//   clusters/<context>/       each task's cluster (the simulated kubectl's state folder)
//   workspace/<context>/      each task's skeleton and answer files; the shell starts in workspace/
//   bin/                      kubectl, k and task for the learner's shell
// A finished exam's results go to exams/results/<time>.json (and --out FILE).
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, unwatchFile, watchFile, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import type { LoadedText } from '../content/load.ts';
import type { Scenario } from '../content/scenario-types.ts';
import { scenarioForSeed } from '../content/scenarios.ts';
import type { GradeReport } from '../grader/report.ts';
import { sandboxCluster, type Sandbox } from '../kubectl/index.ts';
import type { Kubeconfig } from '../kubectl/kubeconfig.ts';
import { examResult, type ExamPlan, type ExamSession } from '../practice/exam.ts';
import { gradeCluster, prepareScenario, type PreparedTask } from '../practice/task-run.ts';
import type { EditorResult } from '../ui/deps.ts';
import type { ExamDeps, ExamGrade, ExamTaskView, TaskReview } from '../ui/exam-deps.ts';
import type { TerminalControl } from '../ui/run-tui.tsx';
import { readAnswerFiles } from './answer-files.ts';
import { spawnShell, writeShims } from './drill-host.ts';
import { loadSandbox, saveSandbox } from './kubectl-command.ts';
import { chooseRealKubectl, type KubectlChoice, type RealKubectl } from './real-kubectl.ts';

type Env = Readonly<Record<string, string | undefined>>;

const errText = (e: unknown): string => (e as NodeJS.ErrnoException)?.code ?? (e as Error)?.message ?? String(e);

import { currentExamDir, examsRoot, readExamSession, writeAtomic } from './session-files.ts';

export { currentExamDir, examsRoot, readExamSession };

export function saveExamSession(dir: string, s: ExamSession): void {
  writeAtomic(join(dir, 'exam.json'), `${JSON.stringify(s, null, 2)}\n`);
}

/** The scenario of each task (with its variant seed). */
function taskScenarios(plan: ExamPlan, files: readonly LoadedText[]): { ok: true; scenarios: Scenario[] } | { ok: false; error: string } {
  const out: Scenario[] = [];
  for (const t of plan.tasks) {
    const r = scenarioForSeed(files, t.scenario, t.seed);
    if (!r.ok) return { ok: false, error: `task ${t.context}: ${r.error}` };
    out.push(r.scenario);
  }
  return { ok: true, scenarios: out };
}

function prepareAll(scenarios: readonly Scenario[], now: string): { ok: true; tasks: PreparedTask[] } | { ok: false; error: string } {
  const tasks: PreparedTask[] = [];
  for (const sc of scenarios) {
    const p = prepareScenario(sc, now);
    if (!p.ok) return { ok: false, error: `scenario ${sc.id}: ${p.error}` };
    tasks.push(p.task);
  }
  return { ok: true, tasks };
}

/** Creates the exam folder: every task's cluster and workspace, the contexts, the shims. */
export function createExam(dir: string, session: ExamSession, files: readonly LoadedText[], now: string): { ok: true } | { ok: false; error: string } {
  const sc = taskScenarios(session.plan, files);
  if (!sc.ok) return sc;
  const prepared = prepareAll(sc.scenarios, now);
  if (!prepared.ok) return prepared;
  try {
    rmSync(dir, { recursive: true, force: true });
    session.plan.tasks.forEach((t, i) => {
      saveSandbox(join(dir, 'clusters', t.context), prepared.tasks[i].initial);
      const ws = join(dir, 'workspace', t.context);
      mkdirSync(ws, { recursive: true });
      for (const f of sc.scenarios[i].files) { mkdirSync(dirname(join(ws, f.path)), { recursive: true }); writeFileSync(join(ws, f.path), f.content); }
      writeFileSync(join(ws, 'TASK.md'), `# Task ${i + 1} (${t.points} points): ${sc.scenarios[i].title}\n\nUse context: kubectl config use-context ${t.context}\n\n${sc.scenarios[i].task}`);
    });
    const kc: Kubeconfig = {
      format: 'netpol-dojo-kubeconfig/1', currentContext: session.plan.tasks[0]?.context ?? '',
      contexts: session.plan.tasks.map((t) => ({ name: t.context, cluster: t.context })),
    };
    writeAtomic(join(dir, 'kubeconfig.json'), `${JSON.stringify(kc, null, 2)}\n`);
    saveExamSession(dir, session);
    writeExamShims(dir);
    return { ok: true };
  } catch (e) {
    return { ok: false, error: `cannot prepare the exam folder ${dir}: ${errText(e)}` };
  }
}

/** kubectl/k on the exam's kubeconfig (the current context picks the cluster), task for the current task. */
export function writeExamShims(dir: string, real?: { readonly binary: string; readonly kubeconfig: string }): void {
  writeShims(dir, { kubectlArgs: ['--kubeconfig', join(dir, 'kubeconfig.json')], taskEnv: { NETPOL_DOJO_EXAM: dir }, label: 'exam', ...(real ? { real } : {}) });
}

/** The text a task shows: the context line first, as the exam writes it. */
export function taskViews(scenarios: readonly Scenario[], plan: ExamPlan): ExamTaskView[] {
  return scenarios.map((sc, i) => ({
    title: sc.title, task: `Use context: kubectl config use-context ${plan.tasks[i].context}\n\n${sc.task}`,
    ...(sc.namespace ? { namespace: sc.namespace } : {}), files: sc.files.map((f) => f.path),
  }));
}

/** The learner's NetworkPolicies in a cluster as YAML (name, namespace, spec), for the review. */
export function policiesYaml(sb: Sandbox): string {
  const docs = sandboxCluster(sb).policies
    .filter((p) => p.namespace !== 'kube-system')
    .map((p) => stringify({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: p.name, namespace: p.namespace }, spec: p.spec }));
  return docs.join('---\n');
}

export interface ExamResultsFile {
  readonly format: 'netpol-dojo-exam-result/1';
  readonly set?: string;
  readonly seed: number;
  readonly student?: string;
  readonly title: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly minutes: number;
  readonly usedMs: number;
  readonly passMark: number;
  readonly score: number;
  readonly passed: boolean;
  readonly tasks: readonly {
    readonly scenario: string; readonly seed?: number; readonly context: string; readonly points: number;
    readonly earned: number; readonly score: number; readonly passed: boolean; readonly timeMs: number; readonly flagged: boolean;
    /** The task's final cluster as the learner left it (the grader re-grades from it). */
    readonly cluster: Sandbox;
    readonly files: Readonly<Record<string, string>>;
  }[];
}

export interface ExamHostOptions {
  readonly env: Env;
  readonly now: () => string;
  readonly dir: string;
  readonly files: readonly LoadedText[];
  readonly terminal: TerminalControl;
  readonly color: boolean;
  readonly out?: string;
  /** Records the finished exam in the learner's progress. */
  readonly record?: (r: ExamResultsFile) => string | undefined;
  readonly notices?: readonly string[];
  /** Built-in kubectl, or the learner's real one through netpol-dojo serve. */
  readonly kubectl?: KubectlChoice;
}

/** The deps of the exam screen for an exam folder that exists (new or resumed). */
export function examDeps(o: ExamHostOptions, session: ExamSession): { ok: true; deps: ExamDeps } | { ok: false; error: string } {
  const sc = taskScenarios(session.plan, o.files);
  if (!sc.ok) return sc;
  const scenarios = sc.scenarios;
  const contexts = session.plan.tasks.map((t) => t.context);
  const chosen = chooseRealKubectl(o.kubectl, o.env, o.dir, contexts.map((c) => ({ name: c, stateDir: join(o.dir, 'clusters', c) })), contexts[0] ?? '');
  let real: RealKubectl | undefined = chosen.real;
  let builtinLabel = chosen.real ? undefined : chosen.label;
  try {
    writeExamShims(o.dir, real ? { binary: real.binary, kubeconfig: real.kubeconfig } : undefined);
  } catch (e) {
    return { ok: false, error: `cannot write the exam's kubectl: ${errText(e)}` };
  }
  const deps: ExamDeps = {
    now: o.now,
    session,
    tasks: taskViews(scenarios, session.plan),
    color: o.color,
    notices: o.notices,
    save(s) {
      try { saveExamSession(o.dir, s); return { ok: true }; } catch (e) { return { ok: false, error: `could not save the exam: ${errText(e)}` }; }
    },
    watch(onChange) {
      const files = contexts.map((c) => join(o.dir, 'clusters', c, 'cluster.json'));
      const listeners = files.map((f, i) => { const l = () => onChange(i); watchFile(f, { interval: 400 }, l); return l; });
      return () => files.forEach((f, i) => unwatchFile(f, listeners[i]));
    },
    kubectlLabel: () => builtinLabel ?? real?.label() ?? 'built-in kubectl',
    async openTerminal(): Promise<EditorResult> {
      if (real) {
        const up = await real.ready;
        if (!up.ok) {
          // The server did not start: the terminal still works, with the built-in kubectl.
          builtinLabel = 'built-in kubectl (real kubectl: server failed)';
          try { writeExamShims(o.dir); } catch { /* the old shims stay */ }
          real = undefined;
        }
      }
      return spawnShell(o.env, o.dir, o.terminal, {
        cwd: join(o.dir, 'workspace'), extraEnv: { NETPOL_DOJO_EXAM: o.dir, NETPOL_DOJO_KUBECONFIG: join(o.dir, 'kubeconfig.json') },
        ...(real ? { kubeconfig: real.kubeconfig } : {}),
        banner: 'netpol-dojo: your exam shell. Switch to each task\'s context first (kubectl config use-context k8s-tN); `task` shows the current task.',
      });
    },
    finish(s): ExamGrade {
      const now = o.now();
      const prepared = prepareAll(scenarios, now);
      if (!prepared.ok) throw new Error(prepared.error);
      const reports: GradeReport[] = [];
      const reviews: TaskReview[] = [];
      const stored: ExamResultsFile['tasks'][number][] = [];
      s.plan.tasks.forEach((t, i) => {
        const task = prepared.tasks[i];
        const sb = loadSandbox(join(o.dir, 'clusters', t.context), now).sandbox;
        const files = readAnswerFiles(join(o.dir, 'workspace', t.context), task.spec);
        const report = gradeCluster(task, sb, files);
        reports.push(report);
        const sol = scenarios[i].solution;
        reviews.push({
          learnerPolicies: policiesYaml(sb),
          reference: [sol.manifests.trim(), ...sol.commands.map((c) => `# then: ${c}`), ...Object.entries(sol.files).map(([p, text]) => `# ${p}:\n${text.split('\n').map((l) => `#   ${l}`).join('\n')}`)].filter(Boolean).join('\n'),
          explanation: sol.explanation,
        });
        stored.push({ scenario: t.scenario, ...(t.seed !== undefined ? { seed: t.seed } : {}), context: t.context, points: t.points, earned: 0, score: 0, passed: false, timeMs: s.tasks[i].timeMs, flagged: s.tasks[i].flagged, cluster: sb, files });
      });
      const result = examResult(s, reports);
      void real?.close();
      const file: ExamResultsFile = {
        format: 'netpol-dojo-exam-result/1', ...(s.plan.set ? { set: s.plan.set } : {}), seed: s.plan.seed, ...(s.student ? { student: s.student } : {}),
        title: s.plan.title, startedAt: s.startedAt, finishedAt: s.finished?.at ?? now, minutes: s.plan.minutes, usedMs: s.usedMs,
        passMark: s.plan.passMark, score: result.total, passed: result.passed,
        tasks: stored.map((t, i) => ({ ...t, earned: result.tasks[i].earned, score: result.tasks[i].score, passed: result.tasks[i].passed })),
      };
      let resultsFile: string | undefined;
      const errors: string[] = [];
      try {
        const name = `${(s.finished?.at ?? now).replace(/[:.]/g, '-')}-${s.plan.set ?? `seed-${s.plan.seed}`}${s.student ? `-${s.student.replace(/[^A-Za-z0-9._-]/g, '_')}` : ''}.json`;
        resultsFile = join(examsRoot(o.env), 'results', name);
        writeAtomic(resultsFile, `${JSON.stringify(file, null, 2)}\n`);
        if (o.out) { mkdirSync(dirname(o.out), { recursive: true }); copyFileSync(resultsFile, o.out); }
        saveExamSession(o.dir, s);
        // The exam is over: its folder moves aside so `--resume` does not find it again.
        const done = join(examsRoot(o.env), 'finished', name.replace(/\.json$/, ''));
        mkdirSync(dirname(done), { recursive: true });
        if (existsSync(o.dir)) renameSync(o.dir, done);
      } catch (e) {
        errors.push(`could not write the results: ${errText(e)}`);
      }
      const recorded = o.record?.(file);
      if (recorded) errors.push(recorded);
      return { result, reviews, resultsFile: o.out ?? resultsFile, ...(errors.length ? { error: errors.join('; ') } : {}) };
    },
  };
  return { ok: true, deps };
}
