// The TUI's state machine: home screen, lesson player and progress, as a pure reducer (state + action →
// state). Views render it and turn key presses into actions; effects (saving, the editor) follow the state.
import type { ExerciseStep, Lesson, PredictStep, QuizStep } from '../content/lesson-types.ts';
import {
  answerQuiz, completeLesson, lessonProgress, passExercise, recordPrediction, resumeStep, setStep, type Progress,
} from '../progress/model.ts';
import type { ExerciseGrade } from './deps.ts';
import { commandFor, type KeyCommand, type KeyContext, type KeyInfo } from './keymap.ts';
import type { SaveResult } from '../progress/store.ts';
import { createStore, type Store } from './store.ts';

export type ExercisePhase =
  | { readonly kind: 'idle' }
  /** The editor is open (the view runs it, then dispatches graded/edit-failed). */
  | { readonly kind: 'editing' }
  | { readonly kind: 'graded'; readonly grade: ExerciseGrade }
  | { readonly kind: 'failed'; readonly message: string };

export type PredictPhase =
  /** The learner marks cells; `nudged` after a reveal was asked for with cells still unmarked. */
  | { readonly kind: 'marking'; readonly nudged: boolean }
  /** All cells marked: the view fetches the engine's answers, then dispatches predicted/predict-failed. */
  | { readonly kind: 'checking' }
  | { readonly kind: 'revealed'; readonly answers: readonly boolean[]; readonly right: number }
  | { readonly kind: 'failed'; readonly message: string };

/** A predict step in progress: the cell under the cursor, the learner's marks (true allowed, false denied). */
export interface PredictState {
  readonly cursor: number;
  readonly marks: readonly (boolean | undefined)[];
  readonly phase: PredictPhase;
}

export interface PlayerState {
  readonly lessonId: string;
  /** The step shown; equal to the number of steps on the "lesson complete" page. */
  readonly index: number;
  readonly scroll: number;
  readonly quizCursor: number;
  readonly exercise: ExercisePhase;
  /** Graded attempts at this exercise that did not pass (unlocks the solution). */
  readonly failedAttempts: number;
  readonly hintsShown: number;
  readonly showSolution: boolean;
  /** Set on a predict step. */
  readonly predict?: PredictState;
}

export interface AppState {
  readonly lessons: readonly Lesson[];
  readonly progress: Progress;
  readonly screen: 'home' | 'lesson' | 'progress';
  /** First line shown on the progress screen. */
  readonly progressScroll?: number;
  readonly homeCursor: number;
  readonly player?: PlayerState;
  /** Messages for the learner (a reset progress file, content errors, a failed save), newest last. */
  readonly notices: readonly string[];
  readonly quitting: boolean;
  /** Set when the learner leaves the tutor for another screen (the drills). */
  readonly launch?: 'drill';
}

export type AppAction =
  | { readonly type: 'key'; readonly command: KeyCommand; readonly now: string; readonly scrollMax: number; readonly pageSize: number }
  /** A raw key press: resolved through the keymap in the context of the state it arrives in. */
  | { readonly type: 'input'; readonly input: string; readonly key: KeyInfo; readonly now: string; readonly scrollMax: number; readonly pageSize: number }
  | { readonly type: 'open'; readonly lessonId: string; readonly now: string }
  | { readonly type: 'graded'; readonly grade: ExerciseGrade; readonly now: string }
  | { readonly type: 'edit-failed'; readonly message: string }
  /** The engine's answers for the predict step being checked, one per cell. */
  | { readonly type: 'predicted'; readonly answers: readonly boolean[]; readonly now: string }
  | { readonly type: 'predict-failed'; readonly message: string }
  | { readonly type: 'notice'; readonly message: string };

export function initialState(lessons: readonly Lesson[], progress: Progress, notices: readonly string[] = []): AppState {
  const firstOpen = lessons.findIndex((l) => !progress.lessons[l.id]?.completed);
  return { lessons, progress, screen: 'home', homeCursor: Math.max(0, firstOpen), notices, quitting: false };
}

export function currentLesson(s: AppState): Lesson | undefined {
  return s.player ? s.lessons.find((l) => l.id === s.player!.lessonId) : undefined;
}

/** Which keys are live: decided by the screen and the step kind. */
export function keyContext(s: AppState): KeyContext {
  if (s.screen === 'progress') return 'progress';
  if (s.screen === 'home' || !s.player) return 'home';
  const lesson = currentLesson(s);
  if (!lesson) return 'home';
  if (s.player.index >= lesson.steps.length) return 'finished';
  if (s.player.exercise.kind === 'editing') return 'busy';
  const step = lesson.steps[s.player.index];
  if (step.kind === 'predict') return predictOpen(s.player) ? 'predict' : 'text';
  return step.kind === 'quiz' ? 'quiz' : step.kind === 'exercise' ? 'exercise' : 'text';
}

/** The predict step still takes marks (not revealed, and its answers did not fail to load). */
function predictOpen(p: PlayerState): boolean {
  const k = p.predict?.phase.kind;
  return k === 'marking' || k === 'checking';
}

/** How many cells of the predict step are not marked yet. */
export function unmarkedCells(ps: PredictState): number {
  return ps.marks.filter((m) => m === undefined).length;
}

/** The stored result of a predict step from an earlier visit, if any. */
export function storedPrediction(s: AppState, lesson: Lesson, step: PredictStep): { right: number; total: number } | undefined {
  return lessonProgress(s.progress, lesson.id)?.predictions?.[step.id];
}

function enterStep(lesson: Lesson, progress: Progress, index: number): PlayerState {
  const step = lesson.steps[index];
  const answered = step?.kind === 'quiz' ? lessonProgress(progress, lesson.id)?.quizAnswers[step.id] : undefined;
  return {
    lessonId: lesson.id, index, scroll: 0, quizCursor: answered ?? 0,
    exercise: { kind: 'idle' }, failedAttempts: 0, hintsShown: 0, showSolution: false,
    ...(step?.kind === 'predict' ? { predict: { cursor: 0, marks: step.cells.map(() => undefined), phase: { kind: 'marking', nudged: false } } } : {}),
  };
}

function open(s: AppState, lessonId: string, now: string): AppState {
  const lesson = s.lessons.find((l) => l.id === lessonId);
  if (!lesson) return { ...s, notices: [...s.notices, `no lesson with id "${lessonId}"`] };
  if (lesson.steps.length === 0) return { ...s, notices: [...s.notices, `lesson "${lessonId}" has no steps`] };
  const done = lessonProgress(s.progress, lesson.id)?.completed ?? false;
  const index = done ? 0 : resumeStep(s.progress, lesson.id, lesson.steps.length);
  return {
    ...s,
    screen: 'lesson',
    homeCursor: s.lessons.indexOf(lesson),
    player: enterStep(lesson, s.progress, index),
    progress: setStep(s.progress, lesson.id, index, now),
  };
}

function goTo(s: AppState, lesson: Lesson, index: number, now: string): AppState {
  const n = lesson.steps.length;
  if (index >= n) {
    return { ...s, player: { ...enterStep(lesson, s.progress, n) }, progress: completeLesson(setStep(s.progress, lesson.id, n - 1, now), lesson.id, now) };
  }
  const progress = setStep(s.progress, lesson.id, index, now);
  return { ...s, progress, player: enterStep(lesson, progress, index) };
}

function answer(s: AppState, lesson: Lesson, quiz: QuizStep, choice: number, now: string): AppState {
  if (choice < 0 || choice >= quiz.choices.length || !s.player) return s;
  return { ...s, player: { ...s.player, quizCursor: choice }, progress: answerQuiz(s.progress, lesson.id, quiz.id, choice, now) };
}

function scrollBy(p: PlayerState, delta: number, scrollMax: number): PlayerState {
  return { ...p, scroll: Math.max(0, Math.min(Math.max(0, scrollMax), p.scroll + delta)) };
}

/** True when the solution may be shown: after a graded attempt that did not pass (or could not be applied). */
export function solutionUnlocked(p: PlayerState): boolean {
  return p.failedAttempts > 0;
}

function exerciseKey(s: AppState, p: PlayerState, ex: ExerciseStep, c: KeyCommand): AppState | undefined {
  switch (c.kind) {
    case 'edit': return { ...s, player: { ...p, exercise: { kind: 'editing' } } };
    case 'hint': return { ...s, player: { ...p, hintsShown: Math.min(ex.hints.length, p.hintsShown + 1) } };
    case 'solution': return solutionUnlocked(p) ? { ...s, player: { ...p, showSolution: !p.showSolution } } : s;
    default: return undefined;
  }
}

function withPredict(s: AppState, p: PlayerState, ps: PredictState): AppState {
  return { ...s, player: { ...p, predict: ps } };
}

/** Enter (or →) on a predict step: with every cell marked the answers are checked; otherwise the view says how many are left. */
function askReveal(s: AppState, p: PlayerState, ps: PredictState): AppState {
  if (ps.phase.kind !== 'marking') return s;
  return withPredict(s, p, { ...ps, phase: unmarkedCells(ps) === 0 ? { kind: 'checking' } : { kind: 'marking', nudged: true } });
}

function predictKey(s: AppState, p: PlayerState, step: PredictStep, ps: PredictState, c: KeyCommand): AppState {
  if (ps.phase.kind !== 'marking') return s;
  const n = step.cells.length;
  const mark = (v: boolean, advance: boolean): AppState => {
    const marks = ps.marks.map((m, i) => (i === ps.cursor ? v : m));
    const cursor = advance ? Math.min(n - 1, ps.cursor + 1) : ps.cursor;
    const nudged = ps.phase.kind === 'marking' && ps.phase.nudged && marks.some((m) => m === undefined);
    return withPredict(s, p, { cursor, marks, phase: { kind: 'marking', nudged } });
  };
  switch (c.kind) {
    case 'up': return withPredict(s, p, { ...ps, cursor: (ps.cursor + n - 1) % n });
    case 'down': return withPredict(s, p, { ...ps, cursor: (ps.cursor + 1) % n });
    case 'mark': return mark(c.allowed, true);
    case 'toggle': return mark(ps.marks[ps.cursor] !== true, false);
    case 'enter': return askReveal(s, p, ps);
    default: return s;
  }
}

function lessonKey(s: AppState, lesson: Lesson, p: PlayerState, a: Extract<AppAction, { type: 'key' }>): AppState {
  const c = a.command;
  const n = lesson.steps.length;
  if (p.exercise.kind === 'editing') return s; // the editor owns the terminal
  if (p.index >= n) { // the "lesson complete" page
    switch (c.kind) {
      case 'prev': return goTo(s, lesson, n - 1, a.now);
      case 'enter': {
        const next = s.lessons[s.lessons.indexOf(lesson) + 1];
        return next ? open(s, next.id, a.now) : { ...s, screen: 'home', player: undefined };
      }
      case 'back': return { ...s, screen: 'home', player: undefined };
      case 'quit': return { ...s, quitting: true };
      default: return s;
    }
  }
  const step = lesson.steps[p.index];
  switch (c.kind) {
    case 'quit': return { ...s, quitting: true };
    case 'back': return { ...s, screen: 'home', player: undefined };
    case 'next': {
      // An unrevealed prediction is revealed first (once every cell is marked); a step predicted on an
      // earlier visit may be passed without predicting again.
      if (step.kind === 'predict' && p.predict && predictOpen(p)) {
        const ps = p.predict;
        if (ps.phase.kind === 'checking') return s;
        if (unmarkedCells(ps) === 0 || !storedPrediction(s, lesson, step)) return askReveal(s, p, ps);
      }
      return goTo(s, lesson, p.index + 1, a.now);
    }
    case 'prev': return p.index > 0 ? goTo(s, lesson, p.index - 1, a.now) : s;
    case 'page-up': return { ...s, player: scrollBy(p, -a.pageSize, a.scrollMax) };
    case 'page-down': return { ...s, player: scrollBy(p, a.pageSize, a.scrollMax) };
    default: break;
  }
  if (step.kind === 'quiz') {
    switch (c.kind) {
      case 'up': return { ...s, player: { ...p, quizCursor: (p.quizCursor + step.choices.length - 1) % step.choices.length } };
      case 'down': return { ...s, player: { ...p, quizCursor: (p.quizCursor + 1) % step.choices.length } };
      case 'enter': return answer(s, lesson, step, p.quizCursor, a.now);
      case 'choose': return answer(s, lesson, step, c.index, a.now);
      default: return s;
    }
  }
  if (step.kind === 'predict' && p.predict && predictOpen(p)) return predictKey(s, p, step, p.predict, c);
  if (c.kind === 'up') return { ...s, player: scrollBy(p, -1, a.scrollMax) };
  if (c.kind === 'down') return { ...s, player: scrollBy(p, 1, a.scrollMax) };
  if (step.kind === 'exercise') return exerciseKey(s, p, step, c) ?? s;
  return s;
}

function progressKey(s: AppState, a: Extract<AppAction, { type: 'key' }>): AppState {
  const cur = s.progressScroll ?? 0;
  const max = Math.max(0, a.scrollMax);
  switch (a.command.kind) {
    case 'quit': return { ...s, quitting: true };
    case 'back': return { ...s, screen: 'home' };
    case 'up': return { ...s, progressScroll: Math.max(0, cur - 1) };
    case 'down': return { ...s, progressScroll: Math.min(max, cur + 1) };
    case 'page-up': return { ...s, progressScroll: Math.max(0, cur - a.pageSize) };
    case 'page-down': return { ...s, progressScroll: Math.min(max, cur + a.pageSize) };
    default: return s;
  }
}

function homeKey(s: AppState, a: Extract<AppAction, { type: 'key' }>): AppState {
  const n = s.lessons.length;
  switch (a.command.kind) {
    case 'quit': return { ...s, quitting: true };
    case 'drills': return { ...s, quitting: true, launch: 'drill' };
    case 'progress': return { ...s, screen: 'progress', progressScroll: 0 };
    case 'up': return n ? { ...s, homeCursor: (s.homeCursor + n - 1) % n } : s;
    case 'down': return n ? { ...s, homeCursor: (s.homeCursor + 1) % n } : s;
    case 'enter': return n ? open(s, s.lessons[s.homeCursor].id, a.now) : s;
    default: return s;
  }
}

export function reduce(s: AppState, a: AppAction): AppState {
  switch (a.type) {
    case 'open': return open(s, a.lessonId, a.now);
    case 'notice': return { ...s, notices: [...s.notices, a.message] };
    case 'input': {
      const command = commandFor(keyContext(s), a.input, a.key);
      return command ? reduce(s, { type: 'key', command, now: a.now, scrollMax: a.scrollMax, pageSize: a.pageSize }) : s;
    }
    case 'key': {
      const lesson = currentLesson(s);
      if (s.screen === 'lesson' && lesson && s.player) return lessonKey(s, lesson, s.player, a);
      if (s.screen === 'progress') return progressKey(s, a);
      return homeKey(s, a);
    }
    case 'edit-failed': {
      if (!s.player || s.player.exercise.kind !== 'editing') return s;
      return { ...s, player: { ...s.player, exercise: { kind: 'failed', message: a.message } } };
    }
    case 'predicted': {
      const lesson = currentLesson(s);
      const p = s.player;
      const step = lesson && p ? lesson.steps[p.index] : undefined;
      if (!lesson || !p || !p.predict || step?.kind !== 'predict' || p.predict.phase.kind !== 'checking') return s;
      const marks = p.predict.marks;
      if (a.answers.length !== marks.length) return reduce(s, { type: 'predict-failed', message: `the engine answered ${a.answers.length} cells, the step has ${marks.length}` });
      const right = a.answers.filter((v, i) => marks[i] === v).length;
      return {
        ...s,
        player: { ...p, scroll: 0, predict: { ...p.predict, phase: { kind: 'revealed', answers: a.answers, right } } },
        progress: recordPrediction(s.progress, lesson.id, step.id, { right, total: marks.length }, a.now),
      };
    }
    case 'predict-failed': {
      const p = s.player;
      if (!p?.predict || p.predict.phase.kind !== 'checking') return s;
      return { ...s, player: { ...p, predict: { ...p.predict, phase: { kind: 'failed', message: a.message } } } };
    }
    case 'graded': {
      const lesson = currentLesson(s);
      const p = s.player;
      if (!lesson || !p || p.exercise.kind !== 'editing') return s;
      const step = lesson.steps[p.index];
      if (step?.kind !== 'exercise') return s;
      const passed = a.grade.kind === 'graded' && a.grade.passed;
      return {
        ...s,
        player: { ...p, scroll: 0, exercise: { kind: 'graded', grade: a.grade }, failedAttempts: passed ? p.failedAttempts : p.failedAttempts + 1 },
        progress: passed ? passExercise(s.progress, lesson.id, step.id, a.now) : s.progress,
      };
    }
    default: {
      const never: never = a;
      throw new Error(`unknown action ${JSON.stringify(never)}`);
    }
  }
}

export type AppStore = Store<AppState, AppAction>;

/** `save` runs whenever an action changed the progress; a failed save becomes a notice. */
export function createAppStore(initial: AppState, save: (p: AppState['progress']) => SaveResult): AppStore {
  return createStore<AppState, AppAction>(initial, reduce, (prev, next) => {
    if (next.progress === prev.progress) return next;
    const r = save(next.progress);
    return r.ok ? next : reduce(next, { type: 'notice', message: r.error });
  });
}
