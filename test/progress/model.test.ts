import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  answerQuiz, completeLesson, emptyProgress, lessonStatus, parseProgress, passExercise, resetProgress, resumeStep, setStep,
} from '../../src/progress/model.ts';

const T0 = '2025-01-01T10:00:00.000Z';
const T1 = '2025-01-01T10:05:00.000Z';

test('updates are immutable and stamp the time they are given', () => {
  const p1 = setStep(emptyProgress, 'deny-all', 3, T0);
  assert.deepEqual(emptyProgress.lessons, {});
  assert.equal(p1.lessons['deny-all'].step, 3);
  assert.equal(p1.lessons['deny-all'].startedAt, T0);
  const p2 = answerQuiz(p1, 'deny-all', 'q1', 2, T1);
  assert.equal(p1.lessons['deny-all'].quizAnswers.q1, undefined);
  assert.deepEqual(p2.lessons['deny-all'].quizAnswers, { q1: 2 });
  assert.equal(p2.lessons['deny-all'].startedAt, T0);
  assert.equal(p2.lessons['deny-all'].updatedAt, T1);
});

test('passing an exercise twice records it once; completion keeps the first time', () => {
  let p = passExercise(emptyProgress, 'l', 'ex', T0);
  p = passExercise(p, 'l', 'ex', T1);
  assert.deepEqual(p.lessons.l.exercisesPassed, ['ex']);
  p = completeLesson(p, 'l', T0);
  p = completeLesson(p, 'l', T1);
  assert.equal(p.lessons.l.completedAt, T0);
  assert.deepEqual(lessonStatus(p, 'l', 5), { kind: 'done', completedAt: T0 });
});

test('status and resume step follow the stored step, clamped to the lesson length', () => {
  const p = setStep(emptyProgress, 'l', 7, T0);
  assert.deepEqual(lessonStatus(p, 'l', 10), { kind: 'in-progress', step: 7, total: 10 });
  assert.equal(resumeStep(p, 'l', 10), 7);
  assert.equal(resumeStep(p, 'l', 4), 3);
  assert.equal(resumeStep(p, 'other', 4), 0);
  assert.deepEqual(lessonStatus(p, 'other', 4), { kind: 'new' });
});

test('reset forgets one lesson or everything', () => {
  let p = setStep(emptyProgress, 'a', 1, T0);
  p = setStep(p, 'b', 2, T0);
  assert.deepEqual(Object.keys(resetProgress(p, 'a').lessons), ['b']);
  assert.deepEqual(resetProgress(p).lessons, {});
});

test('parseProgress accepts what the model writes and rejects damaged data with a reason', () => {
  const p = completeLesson(answerQuiz(setStep(emptyProgress, 'a', 2, T0), 'a', 'q', 1, T0), 'a', T1);
  assert.deepEqual(parseProgress(JSON.parse(JSON.stringify(p))), { ok: true, progress: p });
  assert.deepEqual(parseProgress(undefined), { ok: true, progress: emptyProgress });
  assert.deepEqual(parseProgress({}), { ok: true, progress: emptyProgress });
  const bad = parseProgress({ version: 1, lessons: { a: { ...p.lessons.a, step: -1 } } });
  assert.equal(bad.ok, false);
  assert.match(!bad.ok ? bad.error : '', /lessons\.a\.step/);
  assert.equal(parseProgress({ version: 2, lessons: {} }).ok, false);
  assert.equal(parseProgress([1, 2]).ok, false);
  assert.equal(parseProgress({ version: 1, lessons: { a: { ...p.lessons.a, quizAnswers: { q: 'x' } } } }).ok, false);
});

test('drill attempts: best score, best passing time, attempts and hints add up; bad drill records are rejected', async () => {
  const { recordDrill, parseProgress, emptyProgress: empty } = await import('../../src/progress/model.ts');
  const { showProgress } = await import('../../src/cli/progress-command.ts');
  let p = recordDrill(empty, 'seed-deny-all', { score: 60, passed: false, timeMs: 100_000, hints: 1 }, '2025-01-01T00:00:00Z');
  p = recordDrill(p, 'seed-deny-all', { score: 100, passed: true, timeMs: 150_000, hints: 0 }, '2025-01-02T00:00:00Z');
  p = recordDrill(p, 'seed-deny-all', { score: 90, passed: true, timeMs: 90_000, hints: 1 }, '2025-01-03T00:00:00Z');
  assert.deepEqual(p.drills['seed-deny-all'], { attempts: 3, bestScore: 100, bestTimeMs: 90_000, lastScore: 90, hintsUsed: 2, passed: true, lastAt: '2025-01-03T00:00:00Z', recent: [60, 100, 90] });
  assert.deepEqual(parseProgress(JSON.parse(JSON.stringify(p))), { ok: true, progress: p });
  assert.equal(parseProgress({ version: 1, lessons: {}, drills: { x: { attempts: -1 } } }).ok, false);
  assert.match(showProgress([], p, '(memory)', false), /seed-deny-all {2}100% {2}1:30 {7}3 {9}2 {6}2025-01-03\n1 of 1 drills attempted passed\./);
});

test('progress schemaVersion 1 (lessons, drills without history) migrates to 3; exams are recorded, newest 50 kept', async () => {
  const { parseProgress, recordExam, emptyProgress: empty, MAX_EXAMS } = await import('../../src/progress/model.ts');
  const lesson = { step: 2, quizAnswers: {}, exercisesPassed: [], completed: false, startedAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z' };
  const drill = { attempts: 2, bestScore: 80, lastScore: 60, hintsUsed: 1, passed: false, lastAt: '2025-01-01T00:00:00Z' };
  const r = parseProgress({ version: 1, lessons: { a: lesson }, drills: { d: drill } });
  assert.ok(r.ok);
  assert.deepEqual(r.progress, { schemaVersion: 3, lessons: { a: { ...lesson, predictions: {} } }, drills: { d: { ...drill, recent: [60] } }, exams: [] });
  assert.equal(parseProgress({ schemaVersion: 2, lessons: {}, drills: { d: drill } }).ok, false, 'version 2 drill records carry their history');
  assert.equal(parseProgress({ schemaVersion: 4, lessons: {} }).ok, false);
  let p = empty;
  for (let i = 0; i < MAX_EXAMS + 3; i++) p = recordExam(p, { at: '2025-01-01T00:00:00Z', title: `E${i}`, seed: i, score: 50, passed: false, tasks: [{ scenario: 'x', score: 50 }] });
  assert.equal(p.exams.length, MAX_EXAMS);
  assert.equal(p.exams[0].title, 'E3');
  assert.deepEqual(parseProgress(JSON.parse(JSON.stringify(p))), { ok: true, progress: p });
  assert.equal(parseProgress({ schemaVersion: 2, lessons: {}, exams: [{ at: 'x' }] }).ok, false);
});

test('predict results: the latest per id, migrated from version 2 files, validated on load', async () => {
  const { parseProgress, recordPrediction, emptyProgress: empty } = await import('../../src/progress/model.ts');
  let p = recordPrediction(empty, 'deny-all', 'before', { right: 1, total: 4 }, T0);
  p = recordPrediction(p, 'deny-all', 'before', { right: 3, total: 4 }, T1);
  p = recordPrediction(p, 'deny-all', 'after', { right: 2, total: 2 }, T1);
  assert.deepEqual(p.lessons['deny-all'].predictions, { before: { right: 3, total: 4 }, after: { right: 2, total: 2 } });
  assert.equal(p.lessons['deny-all'].updatedAt, T1);
  assert.deepEqual(parseProgress(JSON.parse(JSON.stringify(p))), { ok: true, progress: p });

  // A version 2 file has no predictions: it loads with none, and is written back as version 3.
  const v2lesson = { step: 3, quizAnswers: { q: 1 }, exercisesPassed: ['ex'], completed: true, startedAt: T0, updatedAt: T1, completedAt: T1 };
  const v2 = parseProgress({ schemaVersion: 2, lessons: { a: v2lesson }, drills: {}, exams: [] });
  assert.deepEqual(v2, { ok: true, progress: { schemaVersion: 3, lessons: { a: { ...v2lesson, predictions: {} } }, drills: {}, exams: [] } });

  // Version 3 requires the field; bad results are rejected with the path.
  const lesson3 = { ...v2lesson, predictions: { before: { right: 1, total: 2 } } };
  assert.ok(parseProgress({ schemaVersion: 3, lessons: { a: lesson3 } }).ok);
  for (const predictions of [undefined, [], { x: { right: 3, total: 2 } }, { x: { right: -1, total: 2 } }, { x: { right: 1 } }, { x: 'half' }]) {
    const r = parseProgress({ schemaVersion: 3, lessons: { a: { ...v2lesson, predictions } } });
    assert.deepEqual(r, { ok: false, error: 'lessons.a.predictions: not a map of {right, total} results' }, JSON.stringify(predictions));
  }
  const withUnknown = parseProgress({ schemaVersion: 3, lessons: { a: { ...lesson3, predictions: { before: { right: 1, total: 2, extra: true } } } } });
  assert.deepEqual(withUnknown.ok && withUnknown.progress.lessons.a.predictions, { before: { right: 1, total: 2 } }, 'only the known fields are kept');
});
