import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAppStore, initialState, keyContext, reduce, storedPrediction, unmarkedCells, type AppAction, type AppState } from '../../src/ui/app-state.ts';
import type { Lesson, PredictStep } from '../../src/content/lesson-types.ts';
import type { KeyCommand } from '../../src/ui/keymap.ts';
import { completeLesson, emptyProgress, setStep } from '../../src/progress/model.ts';
import { memoryStore } from '../../src/progress/store.ts';
import { lessons } from '../fixtures/ui/lessons.ts';

const NOW = '2025-03-01T09:00:00.000Z';
const key = (command: KeyCommand, scrollMax = 0): AppAction => ({ type: 'key', command, now: NOW, scrollMax, pageSize: 5 });
const run = (s: AppState, ...actions: AppAction[]) => actions.reduce(reduce, s);

test('home: the cursor starts at the first unfinished lesson and wraps around', () => {
  const done = completeLesson(emptyProgress, 'basics', NOW);
  const s = initialState(lessons, done);
  assert.equal(s.homeCursor, 1);
  assert.equal(run(s, key({ kind: 'down' })).homeCursor, 0);
  assert.equal(run(s, key({ kind: 'up' })).homeCursor, 0);
  assert.equal(keyContext(s), 'home');
});

test('opening resumes at the stored step; a finished lesson starts over at step 1', () => {
  const p = setStep(emptyProgress, 'basics', 3, NOW);
  const s = run(initialState(lessons, p), { type: 'open', lessonId: 'basics', now: NOW });
  assert.equal(s.screen, 'lesson');
  assert.equal(s.player?.index, 3);
  const d = run(initialState(lessons, completeLesson(p, 'basics', NOW)), { type: 'open', lessonId: 'basics', now: NOW });
  assert.equal(d.player?.index, 0);
  assert.equal(d.progress.lessons.basics.completed, true);
});

test('stepping records the step; past the last step the lesson is complete; prev comes back', () => {
  let s = run(initialState(lessons, emptyProgress), { type: 'open', lessonId: 'second', now: NOW });
  s = run(s, key({ kind: 'next' }));
  assert.equal(s.player?.index, 1);
  assert.equal(s.progress.lessons.second.step, 1);
  s = run(s, key({ kind: 'next' }));
  assert.equal(keyContext(s), 'finished');
  assert.equal(s.progress.lessons.second.completed, true);
  assert.equal(s.progress.lessons.second.completedAt, NOW);
  s = run(s, key({ kind: 'prev' }));
  assert.equal(s.player?.index, 1);
  assert.equal(run(s, key({ kind: 'prev' }), key({ kind: 'prev' })).player?.index, 0);
});

test('Enter on the completion page opens the next lesson, or returns home after the last one', () => {
  let s = run(initialState(lessons, emptyProgress), { type: 'open', lessonId: 'basics', now: NOW });
  for (let i = 0; i < 6; i++) s = run(s, key({ kind: 'next' }));
  assert.equal(keyContext(s), 'finished');
  s = run(s, key({ kind: 'enter' }));
  assert.equal(s.player?.lessonId, 'second');
  s = run(s, key({ kind: 'next' }), key({ kind: 'next' }), key({ kind: 'enter' }));
  assert.equal(s.screen, 'home');
});

test('quiz: arrows move the cursor, Enter and digits answer; out-of-range digits are ignored', () => {
  let s = run(initialState(lessons, setStep(emptyProgress, 'basics', 4, NOW)), { type: 'open', lessonId: 'basics', now: NOW });
  assert.equal(keyContext(s), 'quiz');
  s = run(s, key({ kind: 'up' }));
  assert.equal(s.player?.quizCursor, 2);
  s = run(s, key({ kind: 'enter' }));
  assert.equal(s.progress.lessons.basics.quizAnswers.scope, 2);
  s = run(s, key({ kind: 'choose', index: 1 }));
  assert.equal(s.progress.lessons.basics.quizAnswers.scope, 1);
  assert.equal(run(s, key({ kind: 'choose', index: 7 })), s);
  // Coming back to the quiz puts the cursor on the stored answer.
  s = run(s, key({ kind: 'next' }), key({ kind: 'prev' }));
  assert.equal(s.player?.quizCursor, 1);
});

test('exercise: edit → graded; hints count up; the solution unlocks only after a failed attempt', () => {
  let s = run(initialState(lessons, setStep(emptyProgress, 'basics', 5, NOW)), { type: 'open', lessonId: 'basics', now: NOW });
  assert.equal(keyContext(s), 'exercise');
  assert.equal(run(s, key({ kind: 'solution' })).player?.showSolution, false);
  s = run(s, key({ kind: 'hint' }), key({ kind: 'hint' }), key({ kind: 'hint' }));
  assert.equal(s.player?.hintsShown, 2);
  s = run(s, key({ kind: 'edit' }));
  assert.equal(keyContext(s), 'busy');
  assert.equal(run(s, key({ kind: 'next' })), s, 'keys are ignored while the editor runs');
  s = run(s, { type: 'graded', now: NOW, grade: { kind: 'graded', passed: false, goals: [{ passed: false, summary: 'x', reasons: [] }] } });
  assert.equal(s.player?.failedAttempts, 1);
  s = run(s, key({ kind: 'solution' }));
  assert.equal(s.player?.showSolution, true);
  s = run(s, key({ kind: 'edit' }), { type: 'graded', now: NOW, grade: { kind: 'graded', passed: true, goals: [] } });
  assert.deepEqual(s.progress.lessons.basics.exercisesPassed, ['deny-all-ex']);
  // A grade that arrives when no editor is open is ignored.
  assert.equal(run(s, { type: 'graded', now: NOW, grade: { kind: 'not-applied', error: 'x' } }), s);
});

test('scrolling is clamped to the content', () => {
  let s = run(initialState(lessons, emptyProgress), { type: 'open', lessonId: 'basics', now: NOW });
  s = run(s, key({ kind: 'down' }, 3), key({ kind: 'page-down' }, 3));
  assert.equal(s.player?.scroll, 3);
  s = run(s, key({ kind: 'page-up' }, 3));
  assert.equal(s.player?.scroll, 0);
});

test('raw input goes through the keymap of the current context', () => {
  const s0 = initialState(lessons, emptyProgress);
  const input = (i: string, k = {}): AppAction => ({ type: 'input', input: i, key: k, now: NOW, scrollMax: 0, pageSize: 5 });
  const s = run(s0, input('', { return: true }), input('l'));
  assert.equal(s.player?.index, 1, 'Enter opens on home, then l steps forward in the lesson');
  assert.equal(run(s, input('b')).screen, 'home');
  assert.equal(run(s, input('', { escape: true })).screen, 'home');
  assert.equal(run(s, input('q')).quitting, true);
  assert.equal(run(s0, input('x')), s0);
});

test('the store saves on every progress change and turns a failed save into a notice', () => {
  const mem = memoryStore();
  const store = createAppStore(initialState(lessons, emptyProgress), (p) => mem.save(p));
  store.dispatch({ type: 'open', lessonId: 'basics', now: NOW });
  store.dispatch(key({ kind: 'next' }));
  store.dispatch(key({ kind: 'down' }));
  assert.equal(mem.saved.length, 2);
  const failing = createAppStore(initialState(lessons, emptyProgress), () => ({ ok: false, error: 'disk full' }));
  failing.dispatch({ type: 'open', lessonId: 'basics', now: NOW });
  assert.deepEqual(failing.get().notices, ['disk full']);
});

test('opening an unknown lesson leaves a notice and stays home', () => {
  const s = run(initialState(lessons, emptyProgress), { type: 'open', lessonId: 'nope', now: NOW });
  assert.equal(s.screen, 'home');
  assert.match(s.notices[0], /no lesson with id "nope"/);
});

test('the progress screen: p opens it from home, arrows scroll within the limit, b goes back', async () => {
  const { initialState, reduce } = await import('../../src/ui/app-state.ts');
  const { emptyProgress } = await import('../../src/progress/model.ts');
  const now = '2025-01-01T00:00:00Z';
  const key = (s: ReturnType<typeof initialState>, input: string, k = {}) => reduce(s, { type: 'input', input, key: k, now, scrollMax: 3, pageSize: 10 });
  let s = initialState([], emptyProgress);
  s = key(s, 'p');
  assert.equal(s.screen, 'progress');
  s = key(key(key(key(key(s, '', { downArrow: true }), '', { downArrow: true }), '', { downArrow: true }), '', { downArrow: true }), '', { downArrow: true });
  assert.equal(s.progressScroll, 3);
  s = key(s, '', { pageUp: true });
  assert.equal(s.progressScroll, 0);
  s = key(s, 'b');
  assert.equal(s.screen, 'home');
});

// A lesson with a predict step between two text steps.
const guess: Lesson = {
  schemaVersion: 1, id: 'guess', title: 'Guess', summary: 'Predict.', tags: [], minutes: 2, setup: '', file: 'guess.yaml',
  steps: [
    { kind: 'text', body: 'Before.' },
    {
      kind: 'predict', id: 'p1', namespace: 'secure', port: 80, protocol: 'TCP',
      cells: [{ from: 'front-end', to: 'back-end' }, { from: 'other/client', to: 'back-end' }, { from: '203.0.113.9', to: 'back-end' }],
    },
    { kind: 'text', body: 'After.' },
  ],
};
const openGuess = (progress = emptyProgress) => run(initialState([guess], setStep(progress, 'guess', 1, NOW)), { type: 'open', lessonId: 'guess', now: NOW });
const input = (i: string, k = {}): AppAction => ({ type: 'input', input: i, key: k, now: NOW, scrollMax: 0, pageSize: 5 });

test('predict: y/n mark the cell under the cursor and move on, Space toggles, arrows move and wrap', () => {
  let s = openGuess();
  const opened = s.progress;
  assert.equal(keyContext(s), 'predict');
  assert.deepEqual(s.player?.predict, { cursor: 0, marks: [undefined, undefined, undefined], phase: { kind: 'marking', nudged: false } });
  s = run(s, input('y'));
  assert.deepEqual([s.player?.predict?.cursor, s.player?.predict?.marks], [1, [true, undefined, undefined]]);
  s = run(s, input('n'));
  assert.deepEqual([s.player?.predict?.cursor, s.player?.predict?.marks], [2, [true, false, undefined]], 'n marks denied here, it does not step');
  assert.equal(s.player?.index, 1);
  s = run(s, input(' '));
  assert.deepEqual(s.player?.predict?.marks, [true, false, true], 'Space on an unmarked cell: allowed');
  s = run(s, input(' '));
  assert.deepEqual(s.player?.predict?.marks, [true, false, false], 'and again: denied');
  assert.equal(s.player?.predict?.cursor, 2, 'toggling stays on the cell');
  s = run(s, input('', { downArrow: true }));
  assert.equal(s.player?.predict?.cursor, 0);
  s = run(s, input('', { upArrow: true }), input('k'));
  assert.equal(s.player?.predict?.cursor, 1);
  assert.equal(s.progress, opened, 'marking saves nothing');
});

test('predict: Enter or → with cells left says how many and stays; with all marked the answers are checked, then scored', () => {
  let s = openGuess();
  s = run(s, input('y'), input('', { return: true }));
  assert.deepEqual(s.player?.predict?.phase, { kind: 'marking', nudged: true });
  assert.equal(unmarkedCells(s.player!.predict!), 2);
  s = run(s, input('', { rightArrow: true }));
  assert.equal(s.player?.index, 1, '→ does not skip an unrevealed prediction');
  s = run(s, input('n'));
  assert.deepEqual(s.player?.predict?.phase, { kind: 'marking', nudged: true }, 'still one left');
  s = run(s, input('n'));
  assert.deepEqual(s.player?.predict?.phase, { kind: 'marking', nudged: false }, 'all marked: the nudge goes away');
  s = run(s, input('', { rightArrow: true }));
  assert.deepEqual(s.player?.predict?.phase, { kind: 'checking' }, '→ reveals first');
  assert.equal(s.player?.index, 1);
  assert.equal(run(s, input('y')), s, 'marks are frozen while checking');
  s = run(s, { type: 'predicted', answers: [true, true, false], now: NOW });
  assert.deepEqual(s.player?.predict?.phase, { kind: 'revealed', answers: [true, true, false], right: 2 });
  assert.deepEqual(s.progress.lessons.guess.predictions, { p1: { right: 2, total: 3 } });
  assert.equal(keyContext(s), 'text');
  assert.equal(run(s, { type: 'predicted', answers: [true, true, true], now: NOW }), s, 'answers that arrive after the reveal are ignored');
  s = run(s, input('', { rightArrow: true }));
  assert.equal(s.player?.index, 2, 'once revealed, → moves on');
});

test('predict: a step predicted before may be passed again; coming back starts a fresh prediction', () => {
  let s = openGuess();
  s = run(s, input('y'), input('y'), input('y'), input('', { return: true }), { type: 'predicted', answers: [true, false, false], now: NOW });
  s = run(s, input('', { rightArrow: true }), input('', { leftArrow: true }));
  assert.equal(s.player?.index, 1);
  assert.deepEqual(s.player?.predict?.marks, [undefined, undefined, undefined]);
  assert.deepEqual(storedPrediction(s, guess, guess.steps[1] as PredictStep), { right: 1, total: 3 });
  s = run(s, input('', { rightArrow: true }));
  assert.equal(s.player?.index, 2, 'the stored result lets → pass');
  // Predicting again replaces the stored result.
  s = run(s, input('', { leftArrow: true }), input('y'), input('n'), input('n'), input('', { return: true }), { type: 'predicted', answers: [true, false, false], now: NOW });
  assert.deepEqual(s.progress.lessons.guess.predictions.p1, { right: 3, total: 3 });
});

test('predict: answers that cannot be computed leave the step passable with the reason', () => {
  let s = openGuess();
  s = run(s, input('y'), input('y'), input('y'), input('', { return: true }), { type: 'predict-failed', message: 'pods "x" not found' });
  assert.deepEqual(s.player?.predict?.phase, { kind: 'failed', message: 'pods "x" not found' });
  assert.equal(keyContext(s), 'text');
  assert.equal(s.progress.lessons.guess.predictions.p1, undefined);
  assert.equal(run(s, input('', { rightArrow: true })).player?.index, 2);
  // A wrong number of answers is a failure too, not a score.
  const t = run(openGuess(), input('y'), input('y'), input('y'), input('', { return: true }), { type: 'predicted', answers: [true], now: NOW });
  assert.equal(t.player?.predict?.phase.kind, 'failed');
});
