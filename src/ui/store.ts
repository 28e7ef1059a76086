// The state holder every screen uses: a reducer's state outside React, so that every action sees the latest
// state and effects (saving) run synchronously with the change. Views subscribe; while `quiet` (another
// program owns the terminal) changes are kept and announced when it ends.

export interface Store<S, A> {
  get(): S;
  dispatch(a: A): void;
  subscribe(listener: () => void): () => void;
  setQuiet(quiet: boolean): void;
}

/** `settle(prev, next)` runs after every change (save, and turn a failed save into a notice). */
export function createStore<S, A>(initial: S, reduce: (s: S, a: A) => S, settle: (prev: S, next: S) => S = (_p, n) => n): Store<S, A> {
  let state = initial;
  let quiet = false;
  let pending = false;
  const listeners = new Set<() => void>();
  const notify = () => { for (const l of [...listeners]) l(); };
  return {
    get: () => state,
    subscribe(l) { listeners.add(l); return () => { listeners.delete(l); }; },
    setQuiet(q) {
      quiet = q;
      if (!q && pending) { pending = false; notify(); }
    },
    dispatch(a) {
      const prev = state;
      const next = settle(prev, reduce(prev, a));
      if (next === prev) return;
      state = next;
      if (quiet) pending = true;
      else notify();
    },
  };
}
