// The mock exam screens as a pure reducer: the exam (task list, current task, flags, countdown, warnings)
// and the report. Effects (the terminal, grading at the end, saving) are requested through `effect`.
import { endExam, goTo, markAttempted, tick, toggleFlag, type ExamResult, type ExamSession } from '../practice/exam.ts';
import { scrollDelta, type KeyInfo } from './keymap.ts';

export type ExamEffect = { readonly kind: 'terminal' } | { readonly kind: 'grade' };

export interface ExamUiState {
  readonly screen: 'exam' | 'report';
  readonly session: ExamSession;
  /** Task titles and texts, by task index (from the scenarios). */
  readonly titles: readonly string[];
  readonly scroll: number;
  readonly confirmEnd: boolean;
  readonly result?: ExamResult;
  readonly effect?: ExamEffect;
  /** Messages (time warnings, resume notice), newest last. */
  readonly notices: readonly string[];
  readonly quitting: boolean;
}

export type ExamAction =
  | { readonly type: 'input'; readonly input: string; readonly key: KeyInfo; readonly now: string }
  | { readonly type: 'tick'; readonly elapsedMs: number; readonly now: string }
  | { readonly type: 'changed'; readonly task: number }
  | { readonly type: 'graded'; readonly result: ExamResult }
  | { readonly type: 'effect-done'; readonly notice?: string }
  | { readonly type: 'notice'; readonly message: string };

export function initialExamState(session: ExamSession, titles: readonly string[], notices: readonly string[] = []): ExamUiState {
  return {
    screen: session.finished ? 'report' : 'exam', session, titles, scroll: 0, confirmEnd: false, notices, quitting: false,
    ...(session.finished ? { effect: { kind: 'grade' } as const } : {}),
  };
}

function examKey(s: ExamUiState, input: string, key: KeyInfo, now: string): ExamUiState {
  const n = s.session.tasks.length;
  if (s.confirmEnd) {
    return input === 'y'
      ? { ...s, confirmEnd: false, session: endExam(s.session, now), effect: { kind: 'grade' } }
      : { ...s, confirmEnd: false };
  }
  if (key.upArrow || input === 'k') return { ...s, session: goTo(s.session, (s.session.current + n - 1) % n), scroll: 0 };
  if (key.downArrow || input === 'j') return { ...s, session: goTo(s.session, (s.session.current + 1) % n), scroll: 0 };
  if (key.pageUp || key.pageDown) return { ...s, scroll: Math.max(0, s.scroll + (scrollDelta(key) ?? 0)) };
  if (/^[1-9]$/.test(input) && Number(input) <= n) return { ...s, session: goTo(s.session, Number(input) - 1), scroll: 0 };
  switch (input) {
    case 'f': return { ...s, session: toggleFlag(s.session) };
    case 't': return { ...s, effect: { kind: 'terminal' } };
    case 'E': return { ...s, confirmEnd: true };
    case 'q': return { ...s, quitting: true }; // the exam is saved: `netpol-dojo exam --resume` continues it
    default: return s;
  }
}

function reportKey(s: ExamUiState, input: string, key: KeyInfo): ExamUiState {
  const delta = input === ' ' ? 10 : scrollDelta(key);
  if (delta !== undefined) return { ...s, scroll: Math.max(0, s.scroll + delta) };
  if (input === 'q' || key.escape || (key.ctrl && input === 'c')) return { ...s, quitting: true };
  return s;
}

export function reduceExam(s: ExamUiState, a: ExamAction): ExamUiState {
  switch (a.type) {
    case 'input':
      if (s.effect) return s;
      return s.screen === 'exam' ? examKey(s, a.input, a.key, a.now) : reportKey(s, a.input, a.key);
    case 'tick': {
      if (s.screen !== 'exam' || s.session.finished) return s;
      const r = tick(s.session, a.elapsedMs, a.now);
      const notices = r.warning !== undefined ? [...s.notices, `${r.warning} minutes left`] : s.notices;
      if (r.session.finished) return { ...s, session: r.session, notices: [...notices, 'time is up: the exam is graded as it stands'], effect: { kind: 'grade' } };
      return { ...s, session: r.session, notices };
    }
    case 'changed':
      return s.screen === 'exam' ? { ...s, session: markAttempted(s.session, a.task) } : s;
    case 'graded':
      return { ...s, screen: 'report', result: a.result, effect: undefined, scroll: 0 };
    case 'effect-done':
      return { ...s, effect: undefined, notices: a.notice ? [...s.notices, a.notice] : s.notices };
    case 'notice':
      return { ...s, notices: [...s.notices, a.message] };
    default: {
      const never: never = a;
      throw new Error(`unknown action ${JSON.stringify(never)}`);
    }
  }
}
