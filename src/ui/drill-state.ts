// The drill screens as a pure reducer: the picker, the running drill and the results. Effects (opening a
// drill's folder, the terminal, reset, saving) are requested through `effect` and performed by the view.
import type { Scenario } from '../content/scenario-types.ts';
import { finalScore, finish, isExpired, showHint, elapsedMs, type DrillSession } from '../practice/drill.ts';
import { recordDrill, type Progress } from '../progress/model.ts';
import type { DrillGrade } from './drill-deps.ts';
import { scrollDelta, type KeyInfo } from './keymap.ts';

export type DrillEffect =
  | { readonly kind: 'open'; readonly scenarioId: string; readonly fresh: boolean }
  | { readonly kind: 'terminal' }
  | { readonly kind: 'reset' }
  | { readonly kind: 'close' };

export type Panel = 'task' | 'grid' | 'solution';

export interface DrillUiState {
  readonly screen: 'picker' | 'drill' | 'results';
  readonly scenarios: readonly Scenario[];
  readonly progress: Progress;
  readonly cursor: number;
  /** Picker filters: a topic tag and a difficulty (undefined: all). */
  readonly tag?: string;
  readonly difficulty?: 1 | 2 | 3;
  readonly scenario?: Scenario;
  readonly session?: DrillSession;
  readonly grade?: DrillGrade;
  readonly panel: Panel;
  readonly gridIndex: number;
  readonly scroll: number;
  readonly confirmReset: boolean;
  /** An effect the view must perform (then it dispatches the outcome). */
  readonly effect?: DrillEffect;
  readonly notices: readonly string[];
  readonly quitting: boolean;
}

export type DrillAction =
  | { readonly type: 'input'; readonly input: string; readonly key: KeyInfo; readonly now: string }
  | { readonly type: 'opened'; readonly scenario: Scenario; readonly session: DrillSession; readonly grade: DrillGrade; readonly resumed: boolean }
  | { readonly type: 'regraded'; readonly grade: DrillGrade; readonly now: string }
  | { readonly type: 'tick'; readonly now: string }
  | { readonly type: 'effect-done'; readonly notice?: string }
  | { readonly type: 'notice'; readonly message: string };

export function initialDrillState(scenarios: readonly Scenario[], progress: Progress, notices: readonly string[] = []): DrillUiState {
  return { screen: 'picker', scenarios, progress, cursor: 0, panel: 'task', gridIndex: 0, scroll: 0, confirmReset: false, notices, quitting: false };
}

/** The scenarios the picker shows, in order: by difficulty, then id. */
export function visibleScenarios(s: DrillUiState): Scenario[] {
  return s.scenarios
    .filter((sc) => (s.tag === undefined || sc.tags.includes(s.tag)) && (s.difficulty === undefined || sc.difficulty === s.difficulty))
    .slice().sort((a, b) => a.difficulty - b.difficulty || a.id.localeCompare(b.id));
}

export function allTags(scenarios: readonly Scenario[]): string[] {
  return [...new Set(scenarios.flatMap((s) => s.tags))].sort();
}

function cycle<T>(list: readonly T[], cur: T | undefined): T | undefined {
  const i = cur === undefined ? -1 : list.indexOf(cur);
  return i + 1 < list.length ? list[i + 1] : undefined;
}

function pickerKey(s: DrillUiState, input: string, key: KeyInfo): DrillUiState {
  const list = visibleScenarios(s);
  const n = list.length;
  if (input === 'q' || (key.ctrl && input === 'c') || key.escape) return { ...s, quitting: true };
  if (key.upArrow || input === 'k') return n ? { ...s, cursor: (s.cursor + n - 1) % n } : s;
  if (key.downArrow || input === 'j') return n ? { ...s, cursor: (s.cursor + 1) % n } : s;
  if (input === 't') return { ...s, tag: cycle(allTags(s.scenarios), s.tag), cursor: 0 };
  if (input === 'd') return { ...s, difficulty: cycle([1, 2, 3] as const, s.difficulty), cursor: 0 };
  if ((key.return || input === 'r') && n) {
    return { ...s, effect: { kind: 'open', scenarioId: list[Math.min(s.cursor, n - 1)].id, fresh: input === 'r' } };
  }
  return s;
}

/** Ends the attempt: the final grade, the progress record, the results screen. */
function end(s: DrillUiState, now: string, reason: 'submitted' | 'timeout'): DrillUiState {
  if (!s.session || !s.grade || !s.scenario) return s;
  const session = finish(s.session, s.grade.report, now, reason);
  const progress = recordDrill(s.progress, s.scenario.id, {
    score: finalScore(s.grade.report, session.hintsShown), passed: s.grade.report.passed,
    timeMs: elapsedMs(session, now), hints: session.hintsShown,
  }, now);
  return { ...s, session, progress, screen: 'results', scroll: 0, panel: 'task', confirmReset: false, effect: { kind: 'close' } };
}

function drillKey(s: DrillUiState, input: string, key: KeyInfo, now: string): DrillUiState {
  if (!s.session || !s.scenario) return s;
  if (s.confirmReset) {
    return input === 'y' ? { ...s, confirmReset: false, effect: { kind: 'reset' } } : { ...s, confirmReset: false };
  }
  const delta = scrollDelta(key);
  if (delta !== undefined) return { ...s, scroll: Math.max(0, s.scroll + delta) };
  switch (input) {
    case 't': return { ...s, effect: { kind: 'terminal' } };
    case '?': return { ...s, session: showHint(s.session, s.scenario) };
    case 'g': return { ...s, panel: s.panel === 'grid' ? 'task' : 'grid', scroll: 0 };
    case 'p': return s.panel === 'grid' ? { ...s, gridIndex: s.gridIndex + 1 } : s;
    case 'r': return { ...s, confirmReset: true };
    case 's': return end(s, now, 'submitted');
    case 'q': return { ...s, screen: 'picker', session: undefined, grade: undefined, scenario: undefined, scroll: 0, panel: 'task' };
    default: return s;
  }
}

function resultsKey(s: DrillUiState, input: string, key: KeyInfo): DrillUiState {
  const delta = scrollDelta(key);
  if (delta !== undefined) return { ...s, scroll: Math.max(0, s.scroll + delta) };
  if (input === 'q' || (key.ctrl && input === 'c')) return { ...s, quitting: true };
  if (input === 'r' && s.scenario) return { ...s, effect: { kind: 'open', scenarioId: s.scenario.id, fresh: true } };
  if (input === 'b' || key.escape || key.return) return { ...s, screen: 'picker', session: undefined, grade: undefined, scenario: undefined, scroll: 0 };
  return s;
}

export function reduceDrill(s: DrillUiState, a: DrillAction): DrillUiState {
  switch (a.type) {
    case 'input':
      if (s.effect) return s; // an effect is running (the terminal owns the keyboard)
      if (s.screen === 'picker') return pickerKey(s, a.input, a.key);
      if (s.screen === 'drill') return drillKey(s, a.input, a.key, a.now);
      return resultsKey(s, a.input, a.key);
    case 'opened':
      return {
        ...s, screen: 'drill', scenario: a.scenario, session: a.session, grade: a.grade, panel: 'task', scroll: 0, gridIndex: 0, effect: undefined,
        notices: a.resumed ? [...s.notices, `resumed your unfinished attempt at ${a.scenario.id} (press r to start over)`] : s.notices,
      };
    case 'regraded': {
      if (s.screen !== 'drill') return s;
      const next = { ...s, grade: a.grade };
      return next.session && isExpired(next.session, a.now) ? end(next, a.now, 'timeout') : next;
    }
    case 'tick':
      return s.screen === 'drill' && s.session && isExpired(s.session, a.now) && !s.effect ? end(s, a.now, 'timeout') : s;
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
