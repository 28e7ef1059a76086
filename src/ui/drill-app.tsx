// The drill TUI: picker → drill → results. Holds the reducer, performs its effects (open the drill's
// folder, hand the terminal to the learner's shell, reset the cluster), re-grades whenever the drill's
// cluster or workspace changes (also from a second terminal), ticks the clock, saves progress.
import React, { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useApp, useInput } from 'ink';
import type { Progress } from '../progress/model.ts';
import type { DrillDeps, DrillHandle } from './drill-deps.ts';
import { drillView, pickerView, resultsView, type DrillView, type GridInput } from './drill-lines.ts';
import { initialDrillState, reduceDrill, type DrillAction, type DrillUiState } from './drill-state.ts';
import type { KeyInfo } from './keymap.ts';
import { createStore, type Store } from './store.ts';
import { ScreenFrame } from './theme.tsx';
import { useTerminalSize } from './use-terminal-size.ts';

export interface DrillAppProps {
  readonly deps: DrillDeps;
  readonly progress: Progress;
  readonly notices?: readonly string[];
  /** Start this drill straight away (`netpol-dojo drill ID`). */
  readonly openId?: string;
  readonly seed?: number;
}

function createDrillStore(initial: DrillUiState, deps: DrillDeps): Store<DrillUiState, DrillAction> {
  return createStore<DrillUiState, DrillAction>(initial, reduceDrill, (prev, next) => {
    if (next.progress === prev.progress) return next;
    const r = deps.store.save(next.progress);
    return r.ok ? next : reduceDrill(next, { type: 'notice', message: r.error });
  });
}

function gradeOf(handle: DrillHandle, dispatch: (a: DrillAction) => void, now: string): void {
  try {
    dispatch({ type: 'regraded', grade: handle.grade(), now });
  } catch (e) {
    dispatch({ type: 'notice', message: `could not grade the drill's cluster: ${(e as Error).message}` });
  }
}

export function DrillApp({ deps, progress, notices = [], openId, seed }: DrillAppProps): React.ReactElement {
  const { exit } = useApp();
  const [store] = useState(() => {
    const init = initialDrillState(deps.scenarios, progress, notices);
    return createDrillStore(openId ? { ...init, effect: { kind: 'open', scenarioId: openId, fresh: false } } : init, deps);
  });
  const s = useSyncExternalStore(store.subscribe, store.get);
  const dispatch = store.dispatch;
  const { columns, rows } = useTerminalSize(deps.size);
  const handle = useRef<DrillHandle | undefined>(undefined);
  const seedRef = useRef(seed);
  // A tick re-renders the countdown; the view reads the clock itself.
  const [, setNow] = useState(deps.now());

  // Effects requested by the reducer.
  useEffect(() => {
    const e = s.effect;
    if (!e) return;
    if (e.kind === 'open') {
      const r = deps.open(e.scenarioId, seedRef.current, e.fresh);
      seedRef.current = undefined; // --seed applies to the first drill only
      if (!r.ok) { dispatch({ type: 'effect-done', notice: r.error }); return; }
      handle.current = r.handle;
      const grade = r.handle.grade();
      dispatch({ type: 'opened', scenario: r.handle.scenario, session: r.handle.session, grade, resumed: r.handle.resumed });
      return;
    }
    const h = handle.current;
    if (!h) { dispatch({ type: 'effect-done' }); return; }
    if (e.kind === 'terminal') {
      void h.openTerminal().then((res) => {
        gradeOf(h, dispatch, deps.now());
        dispatch({ type: 'effect-done', notice: res.ok ? undefined : res.error });
      });
      return;
    }
    if (e.kind === 'reset') {
      h.resetCluster();
      gradeOf(h, dispatch, deps.now());
      dispatch({ type: 'effect-done', notice: 'the cluster is back as it was at the start' });
      return;
    }
    if (e.kind === 'close') {
      if (s.session) h.saveSession(s.session);
      h.close();
      handle.current = undefined;
      dispatch({ type: 'effect-done' });
    }
  }, [s.effect, s.session, deps, dispatch]);

  // Keep the stored session (hints, end) in step with the screen.
  useEffect(() => { if (s.session && handle.current && s.screen === 'drill') handle.current.saveSession(s.session); }, [s.session, s.screen]);

  // Live re-grading while a drill runs: the learner may work in another terminal.
  const drilling = s.screen === 'drill' && s.session?.scenarioId;
  useEffect(() => {
    const h = handle.current;
    if (!drilling || !h) return;
    // Not while the learner's shell owns the terminal (the screen must not draw over it); it re-grades on return.
    return h.watch(() => { if (store.get().effect?.kind !== 'terminal') gradeOf(h, dispatch, deps.now()); });
  }, [drilling, deps, dispatch, store]);

  // The clock.
  useEffect(() => {
    if (s.screen !== 'drill') return;
    const t = setInterval(() => {
      if (store.get().effect?.kind === 'terminal') return;
      const n = deps.now();
      setNow(n);
      dispatch({ type: 'tick', now: n });
    }, deps.tickMs ?? 1000);
    return () => clearInterval(t);
  }, [s.screen, deps, dispatch, store]);

  const onInput = useCallback((input: string, key: KeyInfo) => {
    dispatch({ type: 'input', input, key, now: deps.now() });
  }, [dispatch, deps]);
  useInput(onInput, { isActive: s.effect?.kind !== 'terminal' });

  useEffect(() => { if (s.quitting) exit(); }, [s.quitting, exit]);

  // The grids read the drill's cluster: computed when the panel, the port or the cluster (its grade) changes,
  // not on every clock tick.
  const showGrid = s.screen === 'drill' && s.panel === 'grid';
  const grid = useMemo((): GridInput | undefined => {
    if (!showGrid || !handle.current) return undefined;
    const ports = handle.current.gridPorts();
    const pick = ports[s.gridIndex % Math.max(1, ports.length)] ?? { port: 80, protocol: 'TCP' as const };
    return { ...handle.current.grids(pick.port, pick.protocol), port: pick.port, protocol: pick.protocol };
  }, [showGrid, s.gridIndex, s.grade]);

  const width = columns - 2;
  let view: DrillView;
  if (s.screen === 'drill' && s.session && s.scenario) {
    view = drillView(s, deps.now(), grid, width, handle.current?.kubectlLabel?.());
  } else if (s.screen === 'results' && s.session) {
    view = resultsView(s, width);
  } else {
    view = pickerView(s, width, rows - 1);
  }
  const height = Math.max(3, rows - view.header.length - view.footer.length - 3);
  const scroll = Math.min(s.scroll, Math.max(0, view.body.length - height));
  return <ScreenFrame color={deps.color} header={view.header} body={view.body} footer={view.footer} height={height} scroll={scroll} />;
}
