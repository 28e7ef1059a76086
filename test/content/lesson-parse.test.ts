import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatContentError, parseCourseIndex, parseLesson } from '../../src/content/lesson-parse.ts';

const LESSON = `schemaVersion: 1
id: tiny
title: Tiny
summary: A tiny lesson.
tags: [test]
minutes: 3
steps:
  - kind: text
    body: Hello **world**.
  - kind: yaml
    manifest: |
      apiVersion: v1
      kind: Namespace
      metadata: {name: x}
  - kind: kubectl
    command: kubectl get ns
  - kind: matrix
    namespace: x
  - kind: quiz
    id: q1
    question: Which?
    choices:
      - text: this
        correct: true
        why: because
      - text: that
        why: because not
  - kind: exercise
    id: ex1
    task: Do it.
    starter: ""
    goals:
      - kind: reach
        from: x/a
        to: 10.0.0.1
        allowed: false
      - kind: dns
        from: x/a
        name: b
        resolves: true
      - kind: policy-exists
        namespace: x
        name: p
    solution: |
      apiVersion: v1
      kind: Namespace
      metadata: {name: x}
    explanation: Because.
`;

function errorsOf(text: string): string[] {
  const r = parseLesson(text, 'l.yaml');
  assert.equal(r.ok, false, 'expected errors');
  return r.ok ? [] : r.errors.map(formatContentError);
}

test('a valid lesson parses into the typed form with defaults filled in', () => {
  const r = parseLesson(LESSON, 'lessons/tiny.yaml');
  assert.ok(r.ok, r.ok ? '' : r.errors.map(formatContentError).join('\n'));
  const { lesson } = r;
  assert.equal(lesson.id, 'tiny');
  assert.equal(lesson.file, 'lessons/tiny.yaml');
  assert.equal(lesson.setup, '');
  assert.deepEqual(lesson.steps.map((s) => s.kind), ['text', 'yaml', 'kubectl', 'matrix', 'quiz', 'exercise']);
  const [, yaml, kubectl, matrix, quiz, ex] = lesson.steps;
  assert.equal(yaml.kind === 'yaml' && yaml.apply, false);
  assert.equal(kubectl.kind === 'kubectl' && kubectl.expectExit, 0);
  assert.deepEqual(matrix.kind === 'matrix' && [matrix.port, matrix.protocol], [80, 'TCP']);
  assert.equal(quiz.kind === 'quiz' && quiz.choices[1].correct, false);
  assert.ok(ex.kind === 'exercise');
  assert.deepEqual(ex.goals[0], { kind: 'reach', from: 'x/a', to: '10.0.0.1', port: 80, protocol: 'TCP', allowed: false });
  assert.deepEqual(ex.hints, []);
});

test('unknown fields are errors with line, column, YAML path and a suggestion', () => {
  const errs = errorsOf(LESSON.replace('title: Tiny', 'titel: Tiny'));
  assert.ok(errs.some((e) => e.startsWith('l.yaml:3:1: titel: unknown field "titel" (did you mean "title"?)')), errs.join('\n'));
  const nested = errorsOf(LESSON.replace('    question: Which?', '    question: Which?\n    answer: this'));
  assert.ok(nested.some((e) => /^l\.yaml:22:5: steps\[4\]\.answer: unknown field "answer"/.test(e)), nested.join('\n'));
});

test('quizzes need exactly one right answer', () => {
  const errs = errorsOf(LESSON.replace('      - text: that\n', '      - text: that\n        correct: true\n'));
  assert.deepEqual(errs, ['l.yaml:23:7: steps[4].choices: exactly one choice must have correct: true (found 2)']);
  const none = errorsOf(LESSON.replace('        correct: true\n', ''));
  assert.match(none[0], /steps\[4\]\.choices: exactly one choice must have correct: true \(found 0\)/);
});

test('wrong types, missing fields, bad kinds and versions are reported precisely', () => {
  assert.deepEqual(errorsOf(LESSON.replace('minutes: 3', 'minutes: three')), ['l.yaml:6:10: minutes: expected a number, got string "three"']);
  assert.deepEqual(errorsOf(LESSON.replace('summary: A tiny lesson.\n', '')), ['l.yaml:1:1: summary: required field is missing (expected a string)']);
  const kind = errorsOf(LESSON.replace('kind: matrix', 'kind: matrx'));
  assert.deepEqual(kind, ['l.yaml:17:11: steps[3].kind: unknown step kind "matrx" (did you mean "matrix"?); kinds: text, yaml, kubectl, matrix, predict, quiz, exercise']);
  const goal = errorsOf(LESSON.replace('kind: dns', 'kind: resolve'));
  assert.match(goal[0], /steps\[5\]\.goals\[1\]\.kind: unknown goal kind "resolve"; kinds: reach, dns, policy-exists/);
  assert.deepEqual(errorsOf(LESSON.replace('schemaVersion: 1', 'schemaVersion: 2')), ['l.yaml:1:16: schemaVersion: unsupported schemaVersion 2: this netpol-dojo reads schemaVersion 1']);
  assert.match(errorsOf(LESSON.replace('id: tiny', 'id: Tiny_Lesson'))[0], /^l\.yaml:2:5: id: must be kebab-case/);
  assert.match(errorsOf(LESSON.replace('command: kubectl get ns', 'command: get ns'))[0], /steps\[2\]\.command: must start with "kubectl"/);
});

test('duplicate step ids and malformed goal endpoints are errors', () => {
  const dup = errorsOf(LESSON.replace('id: ex1', 'id: q1'));
  assert.deepEqual(dup, ['l.yaml:29:9: steps[5].id: duplicate id "q1" (also used by steps[4])']);
  const spec = errorsOf(LESSON.replace('from: x/a\n        to: 10.0.0.1', 'from: front-end\n        to: 10.0.0.1'));
  assert.match(spec[0], /steps\[5\]\.goals\[0\]\.from: "front-end" is not namespace\/pod or an IP address/);
});

test('YAML syntax errors and non-mapping files are reported', () => {
  assert.match(errorsOf('schemaVersion: 1\nid: [unclosed\n')[0], /^l\.yaml:\d+:\d+: YAML syntax error/);
  assert.deepEqual(errorsOf('- a\n- b\n'), ['l.yaml:1:1: expected a mapping at the top of the file, got a list']);
  assert.deepEqual(errorsOf(''), ['l.yaml:1:1: the file is empty']);
  assert.match(errorsOf(`${LESSON}---\nid: two\n`)[0], /expected one YAML document, found several/);
});

test('the course index lists ids in order; duplicates and bad ids are errors', () => {
  const ok = parseCourseIndex('schemaVersion: 1\nlessons: [a, b-c]\n', 'index.yaml');
  assert.deepEqual(ok.ok && ok.index.lessons, ['a', 'b-c']);
  const dup = parseCourseIndex('schemaVersion: 1\nlessons:\n  - a\n  - a\n', 'index.yaml');
  assert.deepEqual(!dup.ok && dup.errors.map(formatContentError), ['index.yaml:4:5: lessons[1]: lesson "a" is listed twice (also lessons[0])']);
  const extra = parseCourseIndex('schemaVersion: 1\nlesson: [a]\n', 'index.yaml');
  assert.ok(!extra.ok && extra.errors.some((e) => e.message.includes('did you mean "lessons"')));
});

// A lesson whose second step is a predict step; each test below breaks one thing in it.
const PREDICT = `schemaVersion: 1
id: guess
title: Guess
summary: Predict first.
minutes: 2
steps:
  - kind: text
    body: Hi.
  - kind: predict
    id: before-you-look
    title: Before you look
    body: Which of these connections does the policy allow?
    namespace: secure
    port: http
    cells:
      - from: front-end
        to: back-end
      - from: other/client
        to: back-end
      - from: 203.0.113.9
        to: secure/back-end
`;

test('a predict step parses with its cells; port and protocol default like a matrix step', () => {
  const r = parseLesson(PREDICT, 'l.yaml');
  assert.ok(r.ok, r.ok ? '' : r.errors.map(formatContentError).join('\n'));
  const step = r.lesson.steps[1];
  assert.deepEqual(step, {
    kind: 'predict', id: 'before-you-look', title: 'Before you look', body: 'Which of these connections does the policy allow?', namespace: 'secure',
    port: 'http', protocol: 'TCP',
    cells: [{ from: 'front-end', to: 'back-end' }, { from: 'other/client', to: 'back-end' }, { from: '203.0.113.9', to: 'secure/back-end' }],
  });
  const plain = parseLesson(PREDICT.replace('    port: http\n', '    protocol: UDP\n'), 'l.yaml');
  assert.ok(plain.ok && plain.lesson.steps[1].kind === 'predict' && plain.lesson.steps[1].port === 80 && plain.lesson.steps[1].protocol === 'UDP');
});

test('a predict step needs 2 to 8 cells, each a pod, namespace/pod or IP address, with line numbers', () => {
  const one = PREDICT.replace(/ {6}- from: other\/client\n {8}to: back-end\n {6}- from: 203\.0\.113\.9\n {8}to: secure\/back-end\n/, '');
  assert.deepEqual(errorsOf(one), ['l.yaml:16:7: steps[1].cells: a predict step needs at least 2 cells (got a list)']);
  const nine = PREDICT + '      - {from: a, to: b}\n'.repeat(6);
  assert.deepEqual(errorsOf(nine), ['l.yaml:16:7: steps[1].cells: a predict step has at most 8 cells (got a list)']);
  assert.deepEqual(errorsOf(PREDICT.replace('        to: back-end\n      - from: 203', '        to: Back_End\n      - from: 203')), [
    'l.yaml:19:13: steps[1].cells[1].to: "Back_End" is not a pod name, namespace/pod or an IP address',
  ]);
  assert.deepEqual(errorsOf(PREDICT.replace('to: secure/back-end', 'to: 198.51.100.7')), ['l.yaml:21:13: steps[1].cells[2].to: at least one side of a cell must be a pod']);
  assert.deepEqual(errorsOf(PREDICT.replace('      - from: front-end\n', '      - form: front-end\n')), [
    'l.yaml:16:9: steps[1].cells[0].from: required field is missing (expected a string)',
    'l.yaml:16:9: steps[1].cells[0].form: unknown field "form" (did you mean "from"?); known fields: from, to',
  ]);
  assert.deepEqual(errorsOf(PREDICT.replace('    namespace: secure\n', '')), ['l.yaml:9:5: steps[1].namespace: required field is missing (expected a string)']);
});

test('predict ids share the lesson\'s id space with quizzes and exercises', () => {
  const dup = PREDICT.replace('  - kind: text\n    body: Hi.\n', '  - kind: quiz\n    id: before-you-look\n    question: Q?\n    choices:\n      - {text: a, correct: true, why: x}\n      - {text: b, why: y}\n');
  assert.deepEqual(errorsOf(dup), ['l.yaml:14:9: steps[1].id: duplicate id "before-you-look" (also used by steps[0])']);
});
