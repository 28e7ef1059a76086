// A 2-task, 3-minute mock exam in ink-testing-library: the terminal switches contexts like a learner would
// and does task 1's work in task 2's context (graded there, so task 1 fails); flags; warnings; the report.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import React from 'react';
import { render, cleanup } from 'ink-testing-library';
import { readScenarioDir } from '../../src/content/load.ts';
import { assembleScenarios } from '../../src/content/scenarios.ts';
import { runKubectl, type Sandbox } from '../../src/kubectl/index.ts';
import { currentContext, runConfig, type Kubeconfig } from '../../src/kubectl/kubeconfig.ts';
import { examResult, planFromSet, startExam, type ExamSession } from '../../src/practice/exam.ts';
import { gradeCluster, kubectlArgs, prepareScenario } from '../../src/practice/task-run.ts';
import { ExamApp } from '../../src/ui/exam-app.tsx';
import type { ExamDeps } from '../../src/ui/exam-deps.ts';
import { findPackageRoot } from '../../src/cli/paths.ts';
import { waitFor } from './helpers.ts';

afterEach(() => cleanup());

const ROOT = findPackageRoot(new URL('.', import.meta.url).pathname)!;
const read = readScenarioDir(join(ROOT, 'scenarios'));
if (!read.ok) throw new Error(read.error);
const SCENARIOS = assembleScenarios(read.files).scenarios;
const T0 = Date.parse('2025-03-01T09:00:00.000Z');

const DENY_ALL = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: secure-deny-all, namespace: secure}\nspec: {podSelector: {}, policyTypes: [Ingress, Egress]}\n';

test('a 2-task exam: work done in the wrong context is graded there; the report says so', async () => {
  const clock = { ms: T0 };
  const now = () => new Date(clock.ms).toISOString();
  const ids = ['seed-deny-all', 'default-deny-ingress'];
  const plan = planFromSet({ schemaVersion: 1, id: 'mini', title: 'Mini exam', minutes: 3, passMark: 67, file: 'mini.yaml', tasks: [{ scenario: ids[0], points: 50 }, { scenario: ids[1], points: 50 }] }, 1);
  const tasks = ids.map((id) => { const p = prepareScenario(SCENARIOS.find((s) => s.id === id)!, now()); assert.ok(p.ok); return p.task; });
  const clusters = new Map<string, Sandbox>(plan.tasks.map((t, i) => [t.context, tasks[i].initial]));
  let kc: Kubeconfig = { format: 'netpol-dojo-kubeconfig/1', currentContext: 'k8s-t1', contexts: plan.tasks.map((t) => ({ name: t.context, cluster: t.context })) };
  const files = new Map([['deny.yaml', DENY_ALL]]);
  /** The exam shell's kubectl: config on the kubeconfig, everything else on the current context's cluster. */
  const kubectl = (line: string): string => {
    const args = kubectlArgs(line);
    if (args[0] === 'config') { const r = runConfig(kc, args.slice(1)); kc = r.kubeconfig; return r.stdout + r.stderr; }
    const ctx = currentContext(kc)!;
    const r = runKubectl(clusters.get(ctx.cluster)!, args, { now: now(), readFile: (p) => files.get(p) });
    clusters.set(ctx.cluster, r.sandbox);
    return r.stdout + r.stderr;
  };
  let onChange: ((i: number) => void) | undefined;
  const saved: ExamSession[] = [];
  const shell: string[] = [];
  const deps: ExamDeps = {
    now, color: false, size: { columns: 110, rows: 50 }, tickMs: 10,
    session: startExam(plan, now(), 'ann'),
    tasks: ids.map((id, i) => { const sc = SCENARIOS.find((s) => s.id === id)!; return { title: sc.title, task: `Use context: kubectl config use-context ${plan.tasks[i].context}\n\n${sc.task}`, files: [] }; }),
    save: (s) => { saved.push(s); return { ok: true }; },
    watch: (cb) => { onChange = cb; return () => { onChange = undefined; }; },
    openTerminal: async () => {
      // The learner forgets to switch to k8s-t1 after looking at task 2: the deny-all lands in k8s-t2.
      shell.push(kubectl('kubectl config use-context k8s-t2'));
      shell.push(kubectl('kubectl apply -f deny.yaml'));
      onChange?.(1);
      clock.ms += 20_000;
      return { ok: true };
    },
    finish: (s) => {
      const reports = plan.tasks.map((t, i) => gradeCluster(tasks[i], clusters.get(t.context)!));
      return { result: examResult(s, reports), reviews: [] };
    },
  };
  const app = render(<ExamApp deps={deps} />);
  let f = await waitFor(app.lastFrame, 'Task 1 of 2');
  assert.match(f, /Mini exam {2}ann {3}time left 0[23]:\d\d/);
  assert.match(f, /Use context: kubectl config use-context k8s-t1/);
  app.stdin.write('f');
  f = await waitFor(app.lastFrame, '⚑ flagged');
  app.stdin.write('t');
  f = await waitFor(app.lastFrame, / 2 • 50p/);
  assert.match(f, /› 1 ⚑ 50p/);
  // Task 2's cluster has no namespace secure: the wrong context shows, as on a real exam cluster.
  assert.deepEqual(shell, ['Switched to context "k8s-t2".\n', 'Error from server (NotFound): error when creating "deny.yaml": namespaces "secure" not found\n']);
  clock.ms += 60_000; // past the 5-minute warning of a 3-minute exam: none for an exam this short
  app.stdin.write('E');
  await waitFor(app.lastFrame, 'End the exam now');
  app.stdin.write('y');
  f = await waitFor(app.lastFrame, 'NOT PASSED');
  assert.match(f, / 1 {5}0\/50 .*⚑ Default-deny all traffic in a namespace/);
  assert.match(f, / 2 +\d+(\.\d)?\/50 /);
  assert.ok(saved.length > 0 && saved.at(-1)!.finished?.reason === 'ended', 'every change was saved');
  assert.ok(saved.some((s) => s.tasks[0].flagged));
  assert.ok(!f.includes('✓ no connection') || f.indexOf('Task 1:') < f.indexOf('✓'), 'no per-check feedback before the end');
});

test('the clock runs out: warnings, then the exam is graded as it stands', async () => {
  const clock = { ms: T0 };
  const now = () => new Date(clock.ms).toISOString();
  const plan = planFromSet({ schemaVersion: 1, id: 'mini', title: 'Timed', minutes: 31, passMark: 67, file: 'm.yaml', tasks: [{ scenario: 'seed-deny-all', points: 100 }] }, 1);
  const task = prepareScenario(SCENARIOS.find((s) => s.id === 'seed-deny-all')!, now());
  assert.ok(task.ok);
  const deps: ExamDeps = {
    now, color: false, size: { columns: 110, rows: 40 }, tickMs: 5,
    session: { ...startExam(plan, now()), usedMs: 31 * 60_000 - 61_000 },
    tasks: [{ title: 'Deny', task: 'Do it.', files: [] }],
    save: () => ({ ok: true }), watch: () => () => undefined, openTerminal: async () => ({ ok: true }),
    finish: (s) => ({ result: examResult(s, [gradeCluster(task.task, task.task.initial)]), reviews: [] }),
  };
  const app = render(<ExamApp deps={deps} />);
  await waitFor(app.lastFrame, 'Task 1 of 1');
  clock.ms += 1; // keep the first ticks inside the exam
  // Advance the fake clock one second per tick.
  const timer = setInterval(() => { clock.ms += 1000; }, 5);
  try {
    assert.match(await waitFor(app.lastFrame, /! 5 minutes left/, 5000), /time left 0[01]:\d\d/);
    const f = await waitFor(app.lastFrame, 'NOT PASSED', 10_000);
    assert.match(f, /0 \/ 100 points/);
  } finally {
    clearInterval(timer);
  }
});
