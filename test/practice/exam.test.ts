// The mock exam session: drawing (seeded, topics spread, points to 100), the clock (pauses across gaps),
// warnings at 30, 15 and 5 minutes, timeout, flags, navigation, results; exam sets; kubectl config.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readScenarioDir } from '../../src/content/load.ts';
import { assembleScenarios } from '../../src/content/scenarios.ts';
import { parseExamSet } from '../../src/content/exam-set.ts';
import { drawExam, endExam, examResult, goTo, leftMs, markAttempted, planFromSet, scalePoints, startExam, tick, toggleFlag, MAX_TICK_MS } from '../../src/practice/exam.ts';
import { initialExamState, reduceExam } from '../../src/ui/exam-state.ts';
import { runConfig, type Kubeconfig } from '../../src/kubectl/kubeconfig.ts';
import { findPackageRoot } from '../../src/cli/paths.ts';
import type { GradeReport } from '../../src/grader/report.ts';

const ROOT = findPackageRoot(new URL('.', import.meta.url).pathname)!;
const read = readScenarioDir(join(ROOT, 'scenarios'));
if (!read.ok) throw new Error(read.error);
const SCENARIOS = assembleScenarios(read.files).scenarios;
const T0 = '2025-03-01T09:00:00.000Z';

test('drawExam: the same seed gives the same exam; 16 tasks, topics spread, points add up to 100', () => {
  const a = drawExam(SCENARIOS, { count: 16, minutes: 120, seed: 7 });
  const b = drawExam(SCENARIOS, { count: 16, minutes: 120, seed: 7 });
  const c = drawExam(SCENARIOS, { count: 16, minutes: 120, seed: 8 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.tasks.map((t) => t.scenario), c.tasks.map((t) => t.scenario));
  assert.equal(a.tasks.length, 16);
  assert.equal(new Set(a.tasks.map((t) => t.scenario)).size, 16);
  assert.equal(a.tasks.reduce((n, t) => n + t.points, 0), 100);
  assert.deepEqual(a.tasks.map((t) => t.context), Array.from({ length: 16 }, (_, i) => `k8s-t${i + 1}`));
  const topics = new Set(a.tasks.flatMap((t) => SCENARIOS.find((s) => s.id === t.scenario)!.tags));
  for (const want of ['deny-all', 'egress', 'ingress', 'dns', 'ipblock', 'namespace-selector', 'ports']) assert.ok(topics.has(want), `topic ${want} covered`);
  for (const t of a.tasks) {
    const sc = SCENARIOS.find((s) => s.id === t.scenario)!;
    if (t.seed !== undefined) assert.ok(sc.variants?.seeds.includes(t.seed));
  }
  assert.deepEqual(scalePoints([1, 1, 1]), [34, 33, 33]);
});

test('the curated exam sets parse, name known scenarios and add up to 100', () => {
  const sets = readScenarioDir(join(ROOT, 'scenarios', 'exams'));
  assert.ok(sets.ok);
  assert.ok(sets.files.length >= 3);
  const known = new Set(SCENARIOS.map((s) => s.id));
  for (const f of sets.files) {
    const r = parseExamSet(f.text, f.file, known);
    assert.ok(r.ok, r.ok ? '' : r.errors.map((e) => e.message).join('\n'));
    assert.equal(r.value.tasks.length, 16);
  }
  const bad = parseExamSet('schemaVersion: 1\nid: x\ntitle: X\ntasks:\n  - {scenario: nope, points: 50}\n  - {scenario: seed-deny-all, points: 40}\n', 'x.yaml', known);
  assert.ok(!bad.ok);
  assert.deepEqual(bad.errors.map((e) => `${e.line}:${e.path}: ${e.message}`), ['5:tasks[0].scenario: no scenario has id "nope"', '5:tasks: the points add up to 90; an exam\'s points must add up to 100']);
});

test('the clock: ticks add up, gaps (nothing running) do not count, warnings at 30/15/5 minutes, zero ends the exam', () => {
  const plan = planFromSet({ schemaVersion: 1, id: 's', title: 'S', minutes: 40, passMark: 67, file: 's.yaml', tasks: [{ scenario: 'seed-deny-all', points: 60 }, { scenario: 'and-peer', points: 40 }] }, 1);
  let s = startExam(plan, T0, 'ann');
  let r = tick(s, 1000, T0);
  assert.equal(r.session.usedMs, 1000);
  assert.equal(r.session.tasks[0].timeMs, 1000);
  r = tick(r.session, MAX_TICK_MS + 1, T0);
  assert.equal(r.session.usedMs, 1000, 'a gap longer than a tick is a closed screen: not counted');
  s = goTo(r.session, 1);
  s = { ...s, usedMs: 10 * 60_000 - 500 };
  r = tick(s, 1000, T0);
  assert.equal(r.warning, 30);
  assert.equal(r.session.tasks[1].timeMs, 1000);
  r = tick({ ...r.session, usedMs: 35 * 60_000 - 100 }, 1000, T0);
  assert.equal(r.warning, 5, 'jumping past 15 warns once, at the lowest due');
  assert.deepEqual(r.session.warned.slice().sort((a, b) => a - b), [5, 15, 30]);
  r = tick({ ...r.session, usedMs: 40 * 60_000 - 10 }, 1000, '2025-03-01T10:00:00.000Z');
  assert.equal(leftMs(r.session), 0);
  assert.equal(r.session.finished?.reason, 'timeout');
});

test('the exam reducer: navigate, flag, terminal, end with confirmation; results weight points by score', () => {
  const plan = drawExam(SCENARIOS, { count: 3, minutes: 3, seed: 2 });
  const st0 = initialExamState(startExam(plan, T0), ['a', 'b', 'c']);
  let st = reduceExam(st0, { type: 'input', input: '', key: { downArrow: true }, now: T0 });
  assert.equal(st.session.current, 1);
  st = reduceExam(st, { type: 'input', input: '3', key: {}, now: T0 });
  assert.equal(st.session.current, 2);
  st = reduceExam(st, { type: 'input', input: 'f', key: {}, now: T0 });
  assert.equal(st.session.tasks[2].flagged, true);
  st = reduceExam(st, { type: 'changed', task: 0 });
  assert.equal(st.session.tasks[0].status, 'attempted');
  st = reduceExam(st, { type: 'input', input: 't', key: {}, now: T0 });
  assert.deepEqual(st.effect, { kind: 'terminal' });
  assert.equal(reduceExam(st, { type: 'input', input: 'E', key: {}, now: T0 }), st, 'keys wait while the shell runs');
  st = reduceExam(st, { type: 'effect-done' });
  st = reduceExam(st, { type: 'input', input: 'E', key: {}, now: T0 });
  assert.equal(st.confirmEnd, true);
  st = reduceExam(st, { type: 'input', input: 'y', key: {}, now: T0 });
  assert.equal(st.session.finished?.reason, 'ended');
  assert.deepEqual(st.effect, { kind: 'grade' });
  const report = (score: number): GradeReport => ({ passed: score === 100, score, earned: score, total: 100, checks: [], pairsCompared: 0, progress: true });
  const res = examResult(st.session, [report(100), report(50), report(0)]);
  assert.equal(res.total, Math.round((plan.tasks[0].points + plan.tasks[1].points / 2) * 10) / 10);
  assert.equal(res.passed, res.total >= 67);
  assert.equal(endExam(st.session, T0), st.session, 'ending twice changes nothing');
  assert.equal(markAttempted(st.session, 0), st.session);
  assert.equal(toggleFlag(toggleFlag(st.session)).tasks[2].flagged, true);
});

test('kubectl config: use-context, current-context, get-contexts, set-context --current --namespace, view', () => {
  const kc: Kubeconfig = { format: 'netpol-dojo-kubeconfig/1', currentContext: 'k8s-t1', contexts: [{ name: 'k8s-t1', cluster: 'k8s-t1' }, { name: 'k8s-t2', cluster: 'k8s-t2' }] };
  let r = runConfig(kc, ['use-context', 'k8s-t2']);
  assert.equal(r.stdout, 'Switched to context "k8s-t2".\n');
  assert.equal(runConfig(r.kubeconfig, ['current-context']).stdout, 'k8s-t2\n');
  r = runConfig(r.kubeconfig, ['set-context', '--current', '--namespace=secure']);
  assert.equal(r.stdout, 'Context "k8s-t2" modified.\n');
  assert.equal(runConfig(r.kubeconfig, ['get-contexts']).stdout, [
    'CURRENT   NAME     CLUSTER   AUTHINFO    NAMESPACE',
    '          k8s-t1   k8s-t1    candidate',
    '*         k8s-t2   k8s-t2    candidate   secure',
    '',
  ].join('\n'));
  assert.match(runConfig(r.kubeconfig, ['view', '--minify']).stdout, /current-context: k8s-t2\n/);
  const bad = runConfig(kc, ['use-context', 'nope']);
  assert.equal(bad.exitCode, 1);
  assert.equal(bad.stderr, 'error: no context exists with the name: "nope"\n');
});
