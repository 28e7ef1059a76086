import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { gradeExercise, playStep, sandboxAtStep, setupLesson, startLesson } from '../../src/practice/lesson-run.ts';
import type { ExerciseStep, Lesson } from '../../src/content/lesson-types.ts';
import { loadCourse } from '../../src/content/load.ts';
import { findPackageRoot } from '../../src/cli/paths.ts';
import { sandboxCluster } from '../../src/kubectl/index.ts';

const NOW = '2025-01-01T00:00:00Z';
const ROOT = findPackageRoot(new URL('.', import.meta.url).pathname)!;
const course = loadCourse(join(ROOT, 'lessons'));
const lesson = (id: string): Lesson => course.lessons.find((l) => l.id === id)!;
const exercise = (l: Lesson): [ExerciseStep, number] => {
  const i = l.steps.findIndex((s) => s.kind === 'exercise');
  return [l.steps[i] as ExerciseStep, i];
};

test('startLesson applies the setup on a fresh cluster that already runs kube-dns', () => {
  const cluster = sandboxCluster(startLesson(lesson('deny-all'), NOW));
  assert.ok(cluster.pods.some((p) => p.namespace === 'kube-system' && p.labels['k8s-app'] === 'kube-dns'));
  assert.deepEqual(cluster.pods.filter((p) => p.namespace === 'secure').map((p) => p.name).sort(), ['back-end', 'front-end']);
  const broken = setupLesson({ ...lesson('deny-all'), setup: 'apiVersion: v1\nkind: Pod\nmetadata: {name: x, namespace: nowhere}\nspec: {containers: [{name: c, image: nginx}]}\n' }, NOW);
  assert.equal(broken.ok, false);
  assert.match(!broken.ok ? broken.error : '', /namespaces "nowhere" not found/);
});

test('playStep: yaml applies, kubectl runs for real, matrix computes a grid, text changes nothing', () => {
  const l = lesson('deny-all');
  let sb = startLesson(l, NOW);
  const text = playStep(sb, l.steps[0], NOW);
  assert.equal(text.kind, 'none');
  assert.equal(text.sandbox, sb);
  const before = playStep(sb, l.steps[1], NOW);
  assert.ok(before.kind === 'kubectl');
  assert.equal(before.exitCode, 0);
  assert.match(before.output, /Welcome to nginx/);
  assert.equal(before.asExpected, true);
  const applied = playStep(sb, l.steps[2], NOW);
  assert.ok(applied.kind === 'yaml' && applied.applied && applied.ok);
  assert.equal(applied.output.trim(), 'networkpolicy.networking.k8s.io/secure-deny-all created');
  sb = applied.sandbox;
  const grid = playStep(sb, l.steps[3], NOW);
  assert.ok(grid.kind === 'matrix');
  assert.deepEqual(grid.grid.pods, ['front-end', 'back-end']);
  assert.deepEqual(grid.grid.cells, [['self', 'denied'], ['denied', 'self']]);
  assert.equal(grid.grid.allowedCount, 0);
  assert.equal(grid.grid.pairCount, 2);
  const after = playStep(sb, l.steps[4], NOW);
  assert.ok(after.kind === 'kubectl');
  assert.equal(after.exitCode, 28);
  assert.equal(after.expectedExit, 28);
  assert.match(after.output, /timed out/);
});

test('sandboxAtStep replays the steps before the index', () => {
  const l = lesson('deny-all');
  assert.equal(sandboxCluster(sandboxAtStep(l, 2, NOW)).policies.length, 0);
  assert.deepEqual(sandboxCluster(sandboxAtStep(l, 3, NOW)).policies.map((p) => p.name), ['secure-deny-all']);
  assert.equal(sandboxCluster(sandboxAtStep(l, 99, NOW)).policies.length, 1);
});

test('gradeExercise applies the answer and grades every goal', () => {
  const l = lesson('deny-all');
  const [ex, i] = exercise(l);
  const sb = sandboxAtStep(l, i, NOW);
  const good = gradeExercise(sb, ex, ex.solution, 'answer.yaml', NOW);
  assert.equal(good.applied, true);
  assert.equal(good.passed, true);
  assert.equal(good.results.length, ex.goals.length + (ex.checks?.length ?? 1));
  assert.equal(good.results[0].kind, 'behaviour');
  const bad = gradeExercise(sb, ex, 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all, namespace: nowhere}\nspec: {podSelector: {}}\n', 'answer.yaml', NOW);
  assert.equal(bad.applied, false);
  assert.equal(bad.passed, false);
  assert.match(bad.error ?? '', /namespaces "nowhere" not found/);
  const syntax = gradeExercise(sb, ex, 'kind: [', 'answer.yaml', NOW);
  assert.equal(syntax.applied, false);
  assert.match(syntax.error ?? '', /answer\.yaml/);
});
