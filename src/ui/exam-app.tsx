// The mock exam TUI: owns the exam reducer, ticks the clock (only while this screen runs, so a closed
// terminal pauses it), autosaves every change, hands the terminal to the learner's shell, grades at the end.
import React, { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { Box, useApp, useInput } from 'ink';
import type { ExamDeps, ExamGrade } from './exam-deps.ts';
import { examView, reportView } from './exam-lines.ts';
import { initialExamState, reduceExam, type ExamAction, type ExamUiState } from './exam-state.ts';
import type { KeyInfo } from './keymap.ts';
import { LinesView, ThemeProvider } from './theme.tsx';
import { useTerminalSize } from './use-terminal-size.ts';

interface Store { get(): ExamUiState; dispatch(a: ExamAction): void; subscribe(l: () => void): () => void; setQuiet(q: boolean): void }

/** Saves the session on every change; while quiet (the shell owns the terminal) nothing is redrawn. */
function createStore(initial: ExamUiState, deps: ExamDeps): Store {
  let state = initial;
  let quiet = false;
  let dirty = false;
  const listeners = new Set<() => void>();
  const notify = () => { for (const l of [...listeners]) l(); };
  return {
    get: () => state,
    subscribe(l) { listeners.add(l); return () => { listeners.delete(l); }; },
    setQuiet(q) { quiet = q; if (!q && dirty) { dirty = false; notify(); } },
    dispatch(a) {
      const prev = state;
      let next = reduceExam(prev, a);
      if (next.session !== prev.session) {
        const r = deps.save(next.session);
        if (!r.ok) next = reduceExam(next, { type: 'notice', message: r.error });
      }
      if (next === prev) return;
      state = next;
      if (quiet) dirty = true;
      else notify();
    },
  };
}

export function ExamApp({ deps }: { readonly deps: ExamDeps }): React.ReactElement {
  const { exit } = useApp();
  const [store] = useState(() => createStore(initialExamState(deps.session, deps.tasks.map((t) => t.title), deps.notices ?? []), deps));
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
    : examView(s, deps.tasks, width);
  const height = Math.max(3, rows - view.header.length - view.footer.length - 3);
  const scroll = s.screen === 'report' ? Math.min(s.scroll, Math.max(0, view.body.length - height)) : 0;
  return (
    <ThemeProvider color={deps.color}>
      <Box flexDirection="column" paddingX={1}>
        <LinesView lines={[...view.header, []]} />
        <Box flexDirection="column" height={height}>
          <LinesView lines={view.body.slice(scroll, scroll + height)} />
        </Box>
        <LinesView lines={[[], ...view.footer]} />
      </Box>
    </ThemeProvider>
  );
}
