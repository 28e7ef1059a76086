// The mock exam TUI: owns the exam reducer, ticks the clock (only while this screen runs, so a closed
// terminal pauses it), autosaves every change, hands the terminal to the learner's shell, grades at the end.
import React, { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useApp, useInput } from 'ink';
import type { ExamDeps, ExamGrade } from './exam-deps.ts';
import { examView, reportView } from './exam-lines.ts';
import { initialExamState, reduceExam, type ExamAction, type ExamUiState } from './exam-state.ts';
import type { KeyInfo } from './keymap.ts';
import { createStore, type Store } from './store.ts';
import { ScreenFrame } from './theme.tsx';
import { useTerminalSize } from './use-terminal-size.ts';

/** Saves the session on every change; while quiet (the shell owns the terminal) nothing is redrawn. */
function createExamStore(initial: ExamUiState, deps: ExamDeps): Store<ExamUiState, ExamAction> {
  return createStore<ExamUiState, ExamAction>(initial, reduceExam, (prev, next) => {
    if (next.session === prev.session) return next;
    const r = deps.save(next.session);
    return r.ok ? next : reduceExam(next, { type: 'notice', message: r.error });
  });
}

export function ExamApp({ deps }: { readonly deps: ExamDeps }): React.ReactElement {
  const { exit } = useApp();
  const [store] = useState(() => createExamStore(initialExamState(deps.session, deps.tasks.map((t) => t.title), deps.notices ?? []), deps));
  const s = useSyncExternalStore(store.subscribe, store.get);
  const dispatch = store.dispatch;
  const { columns, rows } = useTerminalSize(deps.size);
  const [grade, setGrade] = useState<ExamGrade>();
  const last = useRef(Date.parse(deps.now()));

  // The clock: counts the time between ticks of this process only.
  useEffect(() => {
    if (s.screen !== 'exam') return;
    last.current = Date.parse(deps.now());
    const t = setInterval(() => {
      const now = deps.now();
      const ms = Date.parse(now);
      const elapsed = ms - last.current;
      last.current = ms;
      dispatch({ type: 'tick', elapsedMs: elapsed, now });
    }, deps.tickMs ?? 1000);
    return () => clearInterval(t);
  }, [s.screen, deps, dispatch]);

  useEffect(() => (s.screen === 'exam' ? deps.watch((task) => dispatch({ type: 'changed', task })) : undefined), [s.screen, deps, dispatch]);

  useEffect(() => {
    const e = s.effect;
    if (!e) return;
    if (e.kind === 'terminal') {
      store.setQuiet(true);
      void deps.openTerminal().then((res) => {
        store.setQuiet(false);
        dispatch({ type: 'effect-done', notice: res.ok ? undefined : res.error });
      });
      return;
    }
    const g = deps.finish(store.get().session);
    setGrade(g);
    if (g.error) dispatch({ type: 'notice', message: g.error });
    dispatch({ type: 'graded', result: g.result });
  }, [s.effect, deps, dispatch, store]);

  const onInput = useCallback((input: string, key: KeyInfo) => dispatch({ type: 'input', input, key, now: deps.now() }), [dispatch, deps]);
  useInput(onInput, { isActive: s.effect?.kind !== 'terminal' });
  useEffect(() => { if (s.quitting) exit(); }, [s.quitting, exit]);

  const width = columns - 2;
  const view = s.screen === 'report' && s.result
    ? reportView(s, deps.tasks, grade?.reviews ?? [], grade?.resultsFile, width)
    : examView(s, deps.tasks, width, deps.kubectlLabel?.());
  const height = Math.max(3, rows - view.header.length - view.footer.length - 3);
  const scroll = s.screen === 'report' ? Math.min(s.scroll, Math.max(0, view.body.length - height)) : 0;
  return <ScreenFrame color={deps.color} header={view.header} body={view.body} footer={view.footer} height={height} scroll={scroll} />;
}
