// The TUI root: owns the app reducer, turns keys into actions, saves progress on every change, runs the
// editor for exercises, and renders the home screen or the lesson player.
import React, { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { Box, useApp, useInput } from 'ink';
import type { Lesson } from '../content/lesson-types.ts';
import type { Progress } from '../progress/model.ts';
import { nextStep, type Tagged } from '../progress/advice.ts';
import { progressLines } from './progress-lines.ts';
import { createAppStore, currentLesson, initialState, keyContext, reduce, type AppAction, type AppState } from './app-state.ts';
import type { LessonRunner, StepOutput, TuiDeps } from './deps.ts';
import { homeView } from './home-lines.ts';
import { footerEntries, type KeyInfo } from './keymap.ts';
import { lessonView } from './lesson-view.ts';
import { LinesView, ThemeProvider } from './theme.tsx';
import { useTerminalSize } from './use-terminal-size.ts';

export interface AppProps {
  readonly deps: TuiDeps;
  readonly lessons: readonly Lesson[];
  readonly progress: Progress;
  readonly notices?: readonly string[];
  /** Open this lesson straight away (`netpol-dojo lesson ID`). */
  readonly openLesson?: string;
}

const NONE: StepOutput = { kind: 'none' };
const PENDING: StepOutput = { kind: 'pending' };

/** Loads the lesson engine once the first frame is on screen. */
function useRunner(deps: TuiDeps, dispatch: (a: AppAction) => void): LessonRunner | undefined {
  const [runner, setRunner] = useState<LessonRunner>();
  useEffect(() => {
    let live = true;
    deps.loadRunner().then(
      (r) => { if (live) setRunner(() => r); },
      (e: unknown) => { if (live) dispatch({ type: 'notice', message: `the lesson engine could not be loaded: ${(e as Error).message}` }); },
    );
    return () => { live = false; };
  }, [deps, dispatch]);
  return runner;
}

/** The drills' topics, for the home screen's "what next" line (loaded after the first frame). */
function useScenarioIndex(deps: TuiDeps): readonly Tagged[] | undefined {
  const [index, setIndex] = useState<readonly Tagged[]>();
  useEffect(() => {
    let live = true;
    deps.loadScenarioIndex?.().then((x) => { if (live) setIndex(x); }, () => undefined);
    return () => { live = false; };
  }, [deps]);
  return index;
}

function useStepOutput(deps: TuiDeps, runner: LessonRunner | undefined, lesson: Lesson | undefined, index: number | undefined): StepOutput {
  return useMemo(() => {
    if (!lesson || index === undefined) return NONE;
    const step = lesson.steps[index];
    if (!step || (step.kind !== 'yaml' && step.kind !== 'kubectl' && step.kind !== 'matrix' && step.kind !== 'predict')) return NONE;
    if (!runner) return PENDING;
    try {
      return runner.stepOutput(lesson, index, deps.now());
    } catch (e) {
      return { kind: 'error', message: `this step could not run: ${(e as Error).message}` };
    }
  }, [deps, runner, lesson, index]);
}

function workspaceFile(deps: TuiDeps, s: AppState, lesson: Lesson | undefined): string | undefined {
  const step = lesson && s.player ? lesson.steps[s.player.index] : undefined;
  return lesson && step?.kind === 'exercise' ? deps.workspace.pathFor(lesson.id, step) : undefined;
}

/** Runs the editor while the player is in the editing phase, then grades the file. */
function useEditor(deps: TuiDeps, s: AppState, dispatch: (a: AppAction) => void): void {
  const editing = s.player?.exercise.kind === 'editing';
  const lesson = currentLesson(s);
  const index = s.player?.index;
  useEffect(() => {
    if (!editing || !lesson || index === undefined) return;
    const step = lesson.steps[index];
    if (step?.kind !== 'exercise') return;
    let live = true;
    void (async () => {
      const prepared = deps.workspace.prepare(lesson.id, step);
      if (!prepared.ok) { dispatch({ type: 'edit-failed', message: prepared.error }); return; }
      const edited = await deps.editFile(prepared.file);
      if (!live) return;
      if (!edited.ok) { dispatch({ type: 'edit-failed', message: edited.error }); return; }
      const text = deps.workspace.read(prepared.file);
      if (!text.ok) { dispatch({ type: 'edit-failed', message: text.error }); return; }
      const now = deps.now();
      try {
        const runner = await deps.loadRunner();
        if (!live) return;
        dispatch({ type: 'graded', grade: runner.gradeExercise(lesson, index, step, text.text, prepared.file, now), now });
      } catch (e) {
        dispatch({ type: 'edit-failed', message: `grading failed: ${(e as Error).message}` });
      }
    })();
    return () => { live = false; };
  }, [editing, lesson, index, deps, dispatch]);
}

/** Hands the engine's answers to the reducer once the learner asks to reveal a prediction (and they are computed). */
function usePrediction(s: AppState, output: StepOutput, dispatch: (a: AppAction) => void, now: () => string): void {
  const checking = s.player?.predict?.phase.kind === 'checking';
  useEffect(() => {
    if (!checking) return;
    switch (output.kind) {
      case 'pending': return; // the lesson engine is still loading; this runs again when it is there
      case 'predict': dispatch({ type: 'predicted', answers: output.cells.map((c) => c.allowed), now: now() }); return;
      case 'error': dispatch({ type: 'predict-failed', message: output.message }); return;
      default: dispatch({ type: 'predict-failed', message: 'the lesson engine gave no answers for this step' });
    }
  }, [checking, output, dispatch, now]);
}

export function App({ deps, lessons, progress, notices = [], openLesson }: AppProps): React.ReactElement {
  const { exit } = useApp();
  const [store] = useState(() => {
    const init = initialState(lessons, progress, notices);
    const start = openLesson ? reduce(init, { type: 'open', lessonId: openLesson, now: deps.now() }) : init;
    if (start.progress !== init.progress) deps.store.save(start.progress);
    return createAppStore(start, (p) => deps.store.save(p));
  });
  const s = useSyncExternalStore(store.subscribe, store.get);
  const dispatch = store.dispatch;
  const { columns, rows } = useTerminalSize(deps.size);
  const lesson = currentLesson(s);
  const runner = useRunner(deps, dispatch);
  const scenarioIndex = useScenarioIndex(deps);
  const output = useStepOutput(deps, runner, lesson, s.player?.index);
  const view = lesson && s.screen === 'lesson' ? lessonView(s, lesson, output, workspaceFile(deps, s, lesson), columns, rows) : undefined;
  const ctx = keyContext(s);

  // Keys are resolved by the reducer against the latest state; the view's scroll limits come from the last render.
  const scroll = useRef({ scrollMax: 0, pageSize: 10 });
  const progressBody = s.screen === 'progress' ? progressLines(s.progress, s.lessons, scenarioIndex, columns - 2) : undefined;
  const progressHeight = Math.max(3, rows - 5);
  scroll.current = progressBody
    ? { scrollMax: Math.max(0, progressBody.length - progressHeight), pageSize: Math.max(1, progressHeight - 2) }
    : { scrollMax: view?.scrollMax ?? 0, pageSize: Math.max(1, (view?.height ?? 12) - 2) };
  const onInput = useCallback((input: string, key: KeyInfo) => {
    dispatch({ type: 'input', input, key, now: deps.now(), ...scroll.current });
  }, [dispatch, deps]);
  // Inactive while the editor runs: Ink then turns raw mode off and stops reading the terminal.
  useInput(onInput, { isActive: ctx !== 'busy' });

  useEditor(deps, s, dispatch);
  usePrediction(s, output, dispatch, deps.now);

  useEffect(() => {
    if (!s.quitting) return;
    if (s.launch) deps.onLaunch?.(s.launch);
    exit();
  }, [s.quitting, s.launch, exit, deps]);
  useEffect(() => { deps.onReady?.(); }, [deps]);

  if (view) {
    return (
      <ThemeProvider color={deps.color}>
        <Box flexDirection="column" paddingX={1}>
          <LinesView lines={[view.header, []]} />
          <Box flexDirection="column" height={view.height}>
            <LinesView lines={[...view.body.slice(s.player!.scroll, s.player!.scroll + view.height)]} />
          </Box>
          <LinesView lines={[[], view.footer]} />
        </Box>
      </ThemeProvider>
    );
  }
  if (progressBody) {
    const body = progressBody;
    const height = progressHeight;
    const keys = footerEntries('progress');
    return (
      <ThemeProvider color={deps.color}>
        <Box flexDirection="column" paddingX={1}>
          <LinesView lines={[[{ text: 'Your progress', style: 'heading' }], []]} />
          <Box flexDirection="column" height={height}>
            <LinesView lines={body.slice(s.progressScroll ?? 0, (s.progressScroll ?? 0) + height)} />
          </Box>
          <LinesView lines={[[], keys.flatMap((k, i) => [
            ...(i ? [{ text: '  ', style: 'plain' as const }] : []),
            { text: k.label, style: 'bold' as const }, { text: ` ${k.help}`, style: 'dim' as const }])]} />
        </Box>
      </ThemeProvider>
    );
  }
  const home = homeView(s, columns - 2, rows - 3, scenarioIndex ? nextStep(s.progress, s.lessons, scenarioIndex) : undefined);
  const keys = footerEntries('home');
  return (
    <ThemeProvider color={deps.color}>
      <Box flexDirection="column" paddingX={1}>
        <LinesView lines={[...home.header, ...home.rows, ...home.footer, [], keys.flatMap((k, i) => [
          ...(i ? [{ text: '  ', style: 'plain' as const }] : []),
          { text: k.label, style: 'bold' as const }, { text: ` ${k.help}`, style: 'dim' as const }])]} />
      </Box>
    </ThemeProvider>
  );
}
