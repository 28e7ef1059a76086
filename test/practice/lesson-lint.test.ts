import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatFinding, lintLesson } from '../../src/practice/lesson-lint.ts';
import { parseLessonSource } from '../../src/content/lesson-parse.ts';
import { findPackageRoot } from '../../src/cli/paths.ts';
import { runLint } from '../../src/cli/lint.ts';

const NOW = '2025-01-01T00:00:00Z';
const ROOT = findPackageRoot(new URL('.', import.meta.url).pathname)!;
/** The lesson files of the built-in course (the course grows; lint checks every file). */
const COURSE_SIZE = readdirSync(join(ROOT, 'lessons')).filter((f) => /^\d+-.*\.ya?ml$/.test(f)).length;

// A small valid lesson; each test breaks one thing in it.
const GOOD = `schemaVersion: 1
id: lint-me
title: Lint me
summary: A lesson for the linter tests.
minutes: 2
setup: |
  apiVersion: v1
  kind: Namespace
  metadata: {name: lab}
  ---
  apiVersion: v1
  kind: Pod
  metadata: {name: a, namespace: lab, labels: {app: a}}
  spec: {containers: [{name: a, image: nginx, ports: [{containerPort: 80}]}]}
  ---
  apiVersion: v1
  kind: Pod
  metadata: {name: b, namespace: lab, labels: {app: b}}
  spec: {containers: [{name: b, image: nginx, ports: [{containerPort: 80}]}]}
steps:
  - kind: yaml
    manifest: |
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: b-deny, namespace: lab}
      spec:
        podSelector: {matchLabels: {app: b}}
        policyTypes: [Ingress]
    apply: true
  - kind: kubectl
    command: kubectl get networkpolicies -n lab
  - kind: matrix
    namespace: lab
  - kind: quiz
    id: q
    question: Q?
    choices:
      - {text: right, correct: true, why: yes}
      - {text: wrong, why: no}
  - kind: exercise
    id: ex
    task: Close a.
    starter: |
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
    goals:
      - {kind: reach, from: lab/b, to: lab/a, allowed: false}
      - {kind: reach, from: lab/a, to: 203.0.113.1, allowed: true}
    hints: [Select app=a.]
    solution: |
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: a-deny, namespace: lab}
      spec:
        podSelector: {matchLabels: {app: a}}
        policyTypes: [Ingress]
    explanation: Done.
  - kind: predict
    id: guess-b
    body: Which connections does b-deny allow?
    namespace: lab
    cells:
      - {from: a, to: b}
      - {from: b, to: a}
  - kind: predict
    id: guess-outside
    namespace: lab
    cells:
      - {from: a, to: 203.0.113.1}
      - {from: 203.0.113.9, to: lab/b}
`;

function lint(text: string, file = 'lessons/01-lint-me.yaml'): string[] {
  const src = parseLessonSource(text, file);
  assert.ok(src.ok, src.ok ? '' : src.errors.map((e) => e.message).join('\n'));
  return lintLesson(src.value, NOW).map(formatFinding);
}

function swap(from: string, to: string): string {
  assert.ok(GOOD.includes(from), `fixture lacks ${from}`);
  return GOOD.replace(from, to);
}

test('the fixture lesson is clean', () => {
  assert.deepEqual(lint(GOOD), []);
});

test('an invalid embedded manifest is reported at its line inside the lesson file', () => {
  assert.deepEqual(lint(swap('        policyTypes: [Ingress]\n    apply: true', '        policyTypse: [Ingress]\n    apply: true')), [
    'lessons/01-lint-me.yaml:28:9: steps[0].manifest: strict decoding error: unknown field "spec.policyTypse" (did you mean "policyTypes"?)',
  ]);
  const setup = lint(swap('  metadata: {name: a, namespace: lab, labels: {app: a}}', '  metadata: {name: a, namespace: lab, labels: {app: a}}\n  spex: {}'));
  assert.equal(setup.length, 1);
  assert.match(setup[0], /^lessons\/01-lint-me\.yaml:14:3: setup: strict decoding error: unknown field "spex"/);
});

test('an example that validates but does not apply is an error', () => {
  const out = lint(swap('metadata: {name: b-deny, namespace: lab}', 'metadata: {name: b-deny, namespace: nowhere}'));
  assert.equal(out.length, 1, out.join('\n'));
  assert.match(out[0], /^lessons\/01-lint-me\.yaml:22:15: steps\[0\]\.manifest: the example does not apply: .*namespaces "nowhere" not found/);
});

test('a kubectl step that exits differently from expectExit is an error', () => {
  const out = lint(swap('    command: kubectl get networkpolicies -n lab', '    command: kubectl get networkpolicy nope -n lab'));
  assert.equal(out.length, 1, out.join('\n'));
  assert.match(out[0], /^lessons\/01-lint-me\.yaml:31:14: steps\[1\]\.command: `kubectl get networkpolicy nope -n lab` exited with 1, the lesson expects 0 \(if that is intended, set expectExit\): Error from server \(NotFound\)/);
  const expected = lint(swap('    command: kubectl get networkpolicies -n lab', '    command: kubectl get networkpolicies -n lab\n    expectExit: 1'));
  assert.match(expected[0], /exited with 0, the lesson expects 1:/);
});

test('a matrix over a namespace without pods is an error', () => {
  const out = lint(swap('  - kind: matrix\n    namespace: lab', '  - kind: matrix\n    namespace: empty'));
  assert.deepEqual(out, ['lessons/01-lint-me.yaml:33:16: steps[2].namespace: namespace empty has no pods at this step, so the matrix is empty']);
});

test('an exercise whose solution fails a goal, or whose goals already pass, is an error', () => {
  const wrong = lint(swap('        podSelector: {matchLabels: {app: a}}\n        policyTypes: [Ingress]\n    explanation', '        podSelector: {matchLabels: {app: b}}\n        policyTypes: [Ingress]\n    explanation'));
  assert.deepEqual(wrong, ['lessons/01-lint-me.yaml:47:9: steps[4].goals[0]: the solution fails goal-1: lab/b → lab/a 80/TCP should be denied: it is allowed']);
  const trivial = lint(swap('        podSelector: {matchLabels: {app: a}}\n        policyTypes: [Ingress]\n    explanation', '        podSelector: {matchLabels: {app: b}}\n        policyTypes: [Ingress]\n    explanation').replace('name: a-deny', 'name: b-deny').replace('{kind: reach, from: lab/b, to: lab/a, allowed: false}', '{kind: reach, from: lab/a, to: lab/b, allowed: false}'));
  assert.deepEqual(trivial, ['lessons/01-lint-me.yaml:50:15: steps[4].solution: the exercise is already solved before the learner does anything']);
  const broken = lint(swap('      metadata: {name: a-deny, namespace: lab}', '      metadata: {name: a-deny, namespace: lab'));
  assert.equal(broken.length, 1);
  assert.match(broken[0], /steps\[4\]\.solution: error converting YAML to JSON/);
});

test('starter files must be YAML, and style problems are warnings', () => {
  const starter = lint(swap('      kind: NetworkPolicy\n    goals', '      kind: [NetworkPolicy\n    goals'));
  assert.equal(starter.length, 1, starter.join('\n'));
  assert.match(starter[0], /steps\[4\]\.starter: YAML syntax error/);
  const warnings = lint(swap('    hints: [Select app=a.]\n', ''), 'lessons/wrong-name.yaml');
  assert.deepEqual(warnings, [
    'lessons/wrong-name.yaml:2:5: warning: id: the file name should end with the lesson id (e.g. 01-lint-me.yaml)',
    'lessons/01-lint-me.yaml:41:9: warning: steps[4].id: the exercise has no hints'.replace('01-lint-me', 'wrong-name'),
  ]);
});

test('predict cells that name unknown pods or namespaces are errors at their line', () => {
  const out = lint(swap('      - {from: b, to: a}', '      - {from: b, to: c}\n      - {from: elsewhere/x, to: a}'));
  assert.deepEqual(out, [
    'lessons/01-lint-me.yaml:64:23: steps[5].cells[1].to: pods "c" not found in namespace "lab" (pods: a, b)',
    'lessons/01-lint-me.yaml:65:16: steps[5].cells[2].from: namespaces "elsewhere" not found',
  ]);
  const ns = lint(swap('    body: Which connections does b-deny allow?\n    namespace: lab', '    body: Which connections does b-deny allow?\n    namespace: labs'));
  assert.deepEqual(ns, [
    'lessons/01-lint-me.yaml:61:16: steps[5].namespace: namespaces "labs" not found',
    'lessons/01-lint-me.yaml:63:16: steps[5].cells[0].from: namespaces "labs" not found',
    'lessons/01-lint-me.yaml:63:23: steps[5].cells[0].to: namespaces "labs" not found',
    'lessons/01-lint-me.yaml:64:16: steps[5].cells[1].from: namespaces "labs" not found',
    'lessons/01-lint-me.yaml:64:23: steps[5].cells[1].to: namespaces "labs" not found',
  ]);
});

test('a predict step with fewer than 2 or more than 8 cells is an error; lint reports it with its line', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'nd-lint-'));
  try {
    const file = join(tmp, '01-lint-me.yaml');
    writeFileSync(file, swap('      - {from: b, to: a}\n', ''));
    const c = capture();
    assert.equal(runLint([file], c.io, NOW), 1);
    assert.equal(c.out(), `${file}:63:7: steps[5].cells: a predict step needs at least 2 cells (got a list)\nlint: checked 1 lesson: 1 error, 0 warnings\n`);
    writeFileSync(file, swap('      - {from: b, to: a}\n', '      - {from: b, to: a}\n'.repeat(8)));
    const d = capture();
    assert.equal(runLint([file], d.io, NOW), 1);
    assert.match(d.out(), /:63:7: steps\[5\]\.cells: a predict step has at most 8 cells \(got a list\)\n/);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('predict warnings: fewer than 2 predict steps, one answer for every cell, a repeated cell', () => {
  const one = GOOD.slice(0, GOOD.indexOf('  - kind: predict\n    id: guess-outside'));
  assert.deepEqual(lint(one), ['lessons/01-lint-me.yaml:21:3: warning: steps: the lesson has only 1 predict step: the course wants 2-3 per lesson (the learner predicts connections before seeing them)']);
  const none = GOOD.slice(0, GOOD.indexOf('  - kind: predict'));
  assert.deepEqual(lint(none), ['lessons/01-lint-me.yaml:21:3: warning: steps: the lesson has no predict step: the course wants 2-3 per lesson (the learner predicts connections before seeing them)']);
  assert.deepEqual(lint(swap('      - {from: a, to: b}\n', '      - {from: a, to: 203.0.113.5}\n')), [
    'lessons/01-lint-me.yaml:63:7: warning: steps[5].cells: every cell is allowed at this step: mix allowed and denied connections so the prediction tests something',
  ]);
  assert.deepEqual(lint(swap('      - {from: 203.0.113.9, to: lab/b}\n', '      - {from: 203.0.113.9, to: lab/b}\n      - {from: lab/a, to: 203.0.113.1}\n')), [
    'lessons/01-lint-me.yaml:71:9: warning: steps[6].cells[2]: the same connection as cells[0] (a → 203.0.113.1)',
  ]);
});

function capture() {
  let out = '';
  let err = '';
  return { io: { stdout: (t: string) => { out += t; }, stderr: (t: string) => { err += t; }, env: {}, isTTY: false }, out: () => out, err: () => err };
}

test('netpol-dojo lint lessons/ passes with zero errors and zero warnings', () => {
  const c = capture();
  const code = runLint([join(ROOT, 'lessons')], c.io, NOW);
  assert.equal(c.out(), `lint: checked ${COURSE_SIZE} lessons: 0 errors, 0 warnings\n`);
  assert.equal(code, 0);
});

test('lint with no path proves the built-in lessons and all forty scenarios; a pack and a single lesson file work too', () => {
  const c = capture();
  assert.equal(runLint([], c.io, NOW), 0, c.out());
  const m = new RegExp(`checked ${COURSE_SIZE} lessons, (\\d+) scenarios and 3 exam sets: 0 errors`).exec(c.out());
  assert.ok(m, c.out());
  assert.ok(Number(m[1]) >= 40, `only ${m[1]} scenarios`);
  const p = capture();
  assert.equal(runLint([join(ROOT, 'test/fixtures/pack')], p.io, NOW), 0, p.out());
  assert.match(p.out(), /checked 1 lesson: 0 errors, 0 warnings/);
  const f = capture();
  assert.equal(runLint([join(ROOT, 'lessons/02-deny-all.yaml')], f.io, NOW), 0, f.out());
  assert.match(f.out(), /checked 1 lesson: 0 errors/);
});

test('lint exits 1 on errors, prints FILE:LINE:COL lines, and checks manifests with the doctor', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'nd-lint-'));
  try {
    const bad = join(tmp, '01-lint-me.yaml');
    writeFileSync(bad, GOOD.replace('      - {text: wrong, why: no}', '      - {text: wrong, correct: true, why: no}'));
    const c = capture();
    assert.equal(runLint([bad], c.io, NOW), 1);
    assert.equal(c.out(), `${bad}:38:7: steps[3].choices: exactly one choice must have correct: true (found 2)\nlint: checked 1 lesson: 1 error, 0 warnings\n`);

    const np = join(tmp, 'np.yaml');
    writeFileSync(np, 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: nothing}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop, labels: {app: web}}\nspec: {containers: [{name: c, image: nginx}]}\n');
    const m = capture();
    assert.equal(runLint([np], m.io, NOW), 0);
    assert.equal(m.out(), `${np}:5:16: warning: spec.podSelector: NetworkPolicy shop/x: podSelector app=nothing selects no pod in namespace shop, so this policy has no effect\nlint: checked 1 manifest file (1 policy): 0 errors, 1 warning\n`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
