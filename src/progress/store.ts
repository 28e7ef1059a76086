// Where progress is kept: an interface with an in-memory implementation (tests); conf-store.ts keeps it on disk.
import { emptyProgress, parseProgress, type Progress } from './model.ts';

export interface StoreLoad {
  readonly progress: Progress;
  /** Set when the stored data could not be used: says what happened and where the old data went. */
  readonly notice?: string;
}

export type SaveResult = { readonly ok: true } | { readonly ok: false; readonly error: string };

export interface ProgressStore {
  load(): StoreLoad;
  save(progress: Progress): SaveResult;
  /** Human-readable location, for `progress show` and messages. */
  readonly location: string;
}

/** Keeps progress in memory; `initial` may be any JSON-like value so tests can feed bad data. */
export function memoryStore(initial: unknown = emptyProgress): ProgressStore & { readonly saved: readonly Progress[] } {
  let data: unknown = initial;
  const saved: Progress[] = [];
  return {
    location: '(memory)',
    saved,
    load() {
      const parsed = parseProgress(data);
      if (parsed.ok) return { progress: parsed.progress };
      data = emptyProgress;
      return { progress: emptyProgress, notice: `progress data was unusable (${parsed.error}); starting fresh` };
    },
    save(progress) {
      data = progress;
      saved.push(progress);
      return { ok: true };
    },
  };
}
