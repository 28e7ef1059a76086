import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runProgress } from '../../src/cli/progress-command.ts';
import { UsageError, type CliIO } from '../../src/cli/io.ts';
import { memoryStore } from '../../src/progress/store.ts';
import { answerQuiz, completeLesson, emptyProgress, passExercise, recordPrediction, setStep } from '../../src/progress/model.ts';
import { lessons } from '../fixtures/ui/lessons.ts';

const T = '2025-01-01T00:00:00.000Z';

function io(): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, isTTY: false };
}

function seeded() {
  let p = completeLesson(passExercise(answerQuiz(setStep(emptyProgress, 'basics', 5, T), 'basics', 'scope', 1, T), 'basics', 'deny-all-ex', T), 'basics', T);
  p = setStep(p, 'second', 1, T);
  p = recordPrediction(p, 'basics', 'predict-scope', { right: 2, total: 3 }, T);
  p = recordPrediction(p, 'basics', 'gone-from-the-lesson', { right: 0, total: 4 }, T);
  return memoryStore(p);
}

test('show lists every lesson with status, quiz score, exercises and cells predicted right', () => {
  const store = seeded();
  const o = io();
  // The fixture's first lesson with a predict step at its end (its other steps unchanged).
  const predict = { kind: 'predict', id: 'predict-scope', namespace: 'secure', port: 80, protocol: 'TCP', cells: [] } as const;
  const course = [{ ...lessons[0], steps: [...lessons[0].steps, predict] }, ...lessons.slice(1)];
  assert.equal(runProgress(['show'], o, { store: () => store, course: () => ({ lessons: course, errors: [] }) }), 0);
  const text = o.out.join('');
  assert.match(text, /^ID\s+TITLE\s+STATUS\s+QUIZZES\s+EXERCISES\s+PREDICTED$/m);
  assert.match(text, /^basics\s+Deny all in a namespace\s+done\s+1\/1\s+1\/1\s+2\/3$/m);
  assert.match(text, /^second\s+Selective egress\s+step 2\/2\s+0\/0\s+0\/0\s+-$/m);
  assert.match(text, /1 of 2 lessons done\./);
});

test('export prints the stored JSON; reset forgets one lesson or all', () => {
  const store = seeded();
  const deps = { store: () => store, course: () => ({ lessons, errors: [] }) };
  const o = io();
  runProgress(['export'], o, deps);
  const exported = JSON.parse(o.out.join(''));
  assert.equal(exported.schemaVersion, 3);
  assert.equal(exported.lessons.basics.completed, true);
  const r = io();
  assert.equal(runProgress(['reset', 'second'], r, deps), 0);
  assert.deepEqual(Object.keys(store.load().progress.lessons), ['basics']);
  assert.throws(() => runProgress(['reset', 'nope'], io(), deps), (e: unknown) => e instanceof UsageError && /no progress stored for lesson "nope"/.test(e.message));
  const all = io();
  runProgress(['reset'], all, deps);
  assert.match(all.out.join(''), /1 lesson\(s\) forgotten/);
  assert.deepEqual(store.load().progress.lessons, {});
});

test('bad subcommands are usage errors; a corrupt store is a warning, not a crash', () => {
  const deps = { store: () => memoryStore('garbage'), course: () => ({ lessons, errors: [] }) };
  assert.throws(() => runProgress([], io(), deps), UsageError);
  assert.throws(() => runProgress(['shw'], io(), deps), /unknown subcommand "shw"/);
  const o = io();
  assert.equal(runProgress(['export'], o, deps), 0);
  assert.match(o.err.join(''), /warning: progress data was unusable/);
});
