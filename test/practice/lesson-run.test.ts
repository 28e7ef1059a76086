import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { gradeExercise, playStep, sandboxAtStep, setupLesson, startLesson } from '../../src/practice/lesson-run.ts';
import type { ExerciseStep, Lesson } from '../../src/content/lesson-types.ts';
import { loadCourse } from '../../src/content/load.ts';
import { findPackageRoot } from '../../src/cli/paths.ts';
import { parseLesson } from '../../src/content/lesson-parse.ts';
import { sandboxCluster } from '../../src/kubectl/index.ts';
import { PREDICT_SETUP_BLOCK } from '../fixtures/predict-cluster.ts';

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
  // Steps are found by kind (the lesson's prose may move around them): the first kubectl, the applied example,
  // the matrix after it and the kubectl after that.
  const at = (kind: string, from = 0) => l.steps.findIndex((s, i) => i >= from && s.kind === kind);
  let sb = startLesson(l, NOW);
  const text = playStep(sb, l.steps[at('text')], NOW);
  assert.equal(text.kind, 'none');
  assert.equal(text.sandbox, sb);
  const before = playStep(sb, l.steps[at('kubectl')], NOW);
  assert.ok(before.kind === 'kubectl');
  assert.equal(before.exitCode, 0);
  assert.match(before.output, /Welcome to nginx/);
  assert.equal(before.asExpected, true);
  const y = at('yaml');
  const applied = playStep(sb, l.steps[y], NOW);
  assert.ok(applied.kind === 'yaml' && applied.applied && applied.ok, JSON.stringify(applied.kind === 'yaml' && applied.output));
  assert.equal(applied.output.trim(), 'networkpolicy.networking.k8s.io/secure-deny-all created');
  sb = applied.sandbox;
  const m = at('matrix', y);
  const grid = playStep(sb, l.steps[m], NOW);
  assert.ok(grid.kind === 'matrix');
  assert.deepEqual(grid.grid.pods, ['front-end', 'back-end']);
  assert.deepEqual(grid.grid.cells, [['self', 'denied'], ['denied', 'self']]);
  assert.equal(grid.grid.allowedCount, 0);
  assert.equal(grid.grid.pairCount, 2);
  const after = playStep(sb, l.steps[at('kubectl', m)], NOW);
  assert.ok(after.kind === 'kubectl');
  assert.equal(after.exitCode, 28);
  assert.equal(after.expectedExit, 28);
  assert.match(after.output, /timed out/);
});

test('sandboxAtStep replays the steps before the index', () => {
  const l = lesson('deny-all');
  const y = l.steps.findIndex((s) => s.kind === 'yaml' && s.apply);
  assert.equal(sandboxCluster(sandboxAtStep(l, y, NOW)).policies.length, 0);
  assert.deepEqual(sandboxCluster(sandboxAtStep(l, y + 1, NOW)).policies.map((p) => p.name), ['secure-deny-all']);
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

// A small lesson for predict steps: back-end takes port 80 (named http) only from front-end; a pod in another
// namespace and an address outside the cluster are turned away; the second step's cluster has the policy.
const PREDICT_LESSON = `schemaVersion: 1
id: guess
title: Guess
summary: Predict first.
minutes: 2
setup: |
${PREDICT_SETUP_BLOCK}
steps:
  - kind: predict
    id: before
    namespace: secure
    cells:
      - {from: other/client, to: back-end}
      - {from: front-end, to: back-end}
  - kind: yaml
    apply: true
    manifest: |
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: back-end-in, namespace: secure}
      spec:
        podSelector: {matchLabels: {app: back-end}}
        ingress:
          - from: [{podSelector: {matchLabels: {app: front-end}}}]
            ports: [{port: http}]
  - kind: predict
    id: after
    namespace: secure
    port: http
    cells:
      - {from: front-end, to: back-end}
      - {from: other/client, to: back-end}
      - {from: 203.0.113.9, to: secure/back-end}
      - {from: back-end, to: 203.0.113.9}
  - kind: predict
    id: typo
    namespace: secure
    cells:
      - {from: front-nd, to: back-end}
      - {from: nowhere/x, to: back-end}
`;

function predictLesson(): Lesson {
  const r = parseLesson(PREDICT_LESSON, 'lessons/01-guess.yaml');
  assert.ok(r.ok, r.ok ? '' : r.errors.map((e) => e.message).join('\n'));
  return r.lesson;
}

test('predict: the engine answers each cell on the cluster as it is at that step, with a one-line reason', () => {
  const l = predictLesson();
  const before = playStep(sandboxAtStep(l, 0, NOW), l.steps[0], NOW);
  assert.ok(before.kind === 'predict' && before.result.ok);
  assert.deepEqual(before.result.answers.map((a) => [a.from, a.to, a.allowed]), [['other/client', 'back-end', true], ['front-end', 'back-end', true]]);
  assert.equal(before.result.answers[1].reason, 'ingress to secure/back-end: not isolated (no policy selects it for ingress), so all ingress is allowed');

  const after = playStep(sandboxAtStep(l, 2, NOW), l.steps[2], NOW);
  assert.ok(after.kind === 'predict' && after.result.ok);
  const { answers, grid } = after.result;
  assert.deepEqual(answers.map((a) => [a.from, a.to, a.allowed]), [
    ['front-end', 'back-end', true],
    ['other/client', 'back-end', false],
    ['203.0.113.9', 'back-end', false],
    ['back-end', '203.0.113.9', false],
  ]);
  assert.equal(answers[0].reason, 'ingress to secure/back-end: isolated by secure/back-end-in; allowed by secure/back-end-in ingress rule 1 (named port http/TCP from pods app=front-end in namespace secure)');
  assert.equal(answers[1].reason, 'ingress to secure/back-end: isolated by secure/back-end-in; denied: no ingress rule of this policy allows port 80/TCP from other/client');
  // A named port resolves on the destination pod: an address outside the cluster has none.
  assert.equal(answers[3].reason, 'the destination 203.0.113.9 has no container port named "http" for TCP, so nothing can connect to it');
  // The grid: the namespace's pods, then the other endpoints the cells name; every cell points into it.
  assert.deepEqual(grid.rows, ['front-end', 'back-end', 'other/client', '203.0.113.9']);
  assert.deepEqual(grid.cols, ['front-end', 'back-end', '203.0.113.9']);
  // Only back-end has a port named http, so only its column can allow anything.
  assert.deepEqual(grid.cells, [
    ['self', 'allowed', 'denied'],
    ['denied', 'self', 'denied'],
    ['denied', 'denied', 'denied'],
    ['denied', 'denied', 'self'],
  ]);
  for (const a of answers) assert.equal(grid.cells[a.row][a.col], a.allowed ? 'allowed' : 'denied', `${a.from} → ${a.to}`);
});

test('predict: cells naming pods or namespaces that do not exist are problems, not answers', () => {
  const l = predictLesson();
  const out = playStep(sandboxAtStep(l, 3, NOW), l.steps[3], NOW);
  assert.ok(out.kind === 'predict' && !out.result.ok);
  assert.deepEqual(out.result.problems, [
    { at: ['cells', 0, 'from'], message: 'pods "front-nd" not found in namespace "secure" (pods: front-end, back-end)' },
    { at: ['cells', 1, 'from'], message: 'namespaces "nowhere" not found' },
  ]);
  const sb = sandboxAtStep(l, 3, NOW);
  assert.equal(playStep(sb, l.steps[3], NOW).sandbox, sb, 'a predict step does not change the cluster');
});
