// Progress on disk with `conf` (atomic writes, the platform's config directory). A file that cannot be read as
// progress (not JSON, or JSON of another shape: null, a list, a number, an object without the progress keys)
// is never thrown away: it is copied next to itself as progress.json.corrupt-<time> and the learner is told,
// then progress starts fresh. Only a missing file, or the empty object conf writes, is a fresh start.
// Loads and saves hold progress.json.lock, so two netpol-dojo processes never interleave them.
import { constants, copyFileSync } from 'node:fs';
import Conf from 'conf';
import { withFileLock, type LockOptions } from '../cli/file-lock.ts';
import { emptyProgress, parseProgress, type Progress } from './model.ts';
import type { ProgressStore, SaveResult, StoreLoad } from './store.ts';

export interface ConfStoreOptions {
  /** Directory for progress.json; default: the platform's config dir for netpol-dojo. */
  readonly dir?: string;
  /** Used to name the backup of a corrupt file. */
  readonly now: () => string;
  /** A learner profile: progress-<profile>.json instead of progress.json. */
  readonly profile?: string;
  /** How long to wait for another process's lock on progress.json (tests shorten it). */
  readonly lock?: LockOptions;
}

const errorText = (e: unknown): string => (e as NodeJS.ErrnoException)?.code ?? (e as Error)?.message ?? String(e);

/** What conf last read from disk: the parsed JSON value, or the text when it was not JSON. */
type Read = { readonly kind: 'json'; readonly value: unknown } | { readonly kind: 'unparsable' };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function confStore(options: ConfStoreOptions): ProgressStore {
  let lastRead: Read | undefined;
  let conf: Conf<Record<string, unknown>> | undefined;
  let openError: string | undefined;
  /** Set when a corrupt file could not be backed up: saving would destroy it, so saving is refused. */
  let blocked: string | undefined;
  try {
    conf = new Conf<Record<string, unknown>>({
      projectName: 'netpol-dojo',
      projectSuffix: '',
      configName: options.profile ? `progress-${options.profile}` : 'progress',
      ...(options.dir ? { cwd: options.dir } : {}),
      // conf throws on a file that is not JSON and turns null, lists and numbers into {}: keep what was
      // really there, so that it can be judged (and backed up) instead.
      deserialize: (text: string) => {
        try {
          const value: unknown = JSON.parse(text);
          lastRead = { kind: 'json', value };
          return (isRecord(value) ? value : {}) as Record<string, unknown>;
        } catch {
          lastRead = { kind: 'unparsable' };
          return {};
        }
      },
    });
  } catch (e) {
    openError = errorText(e);
  }
  const location = conf?.path ?? options.dir ?? '(unavailable)';

  /** Copies the damaged file aside (never over an earlier copy), then empties it. Called under the lock. */
  function backup(reason: string): string {
    if (!conf) return reason;
    const stamp = options.now().replace(/[:.]/g, '-');
    let target = `${conf.path}.corrupt-${stamp}`;
    try {
      for (let i = 2; ; i++) {
        try {
          copyFileSync(conf.path, target, constants.COPYFILE_EXCL);
          break;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || i > 100) throw e;
          target = `${conf.path}.corrupt-${stamp}-${i}`;
        }
      }
      conf.clear();
      return `Your progress file could not be read (${reason}). It was saved as ${target}; progress starts fresh.`;
    } catch (e) {
      blocked = `${conf.path} is unreadable and could not be backed up`;
      return `Your progress file could not be read (${reason}) nor backed up (${errorText(e)}); progress starts fresh and will not be saved until it is fixed.`;
    }
  }

  function loadLocked(c: Conf<Record<string, unknown>>): StoreLoad {
    lastRead = undefined;
    try {
      void c.store; // reads the file through `deserialize`; a missing file leaves lastRead undefined
    } catch (e) {
      return { progress: emptyProgress, notice: backup(errorText(e)) };
    }
    const read = lastRead as Read | undefined;
    if (read?.kind === 'unparsable') return { progress: emptyProgress, notice: backup('not valid JSON') };
    const parsed = parseProgress(read?.value);
    if (parsed.ok) return { progress: parsed.progress };
    return { progress: emptyProgress, notice: backup(parsed.error) };
  }

  return {
    location,
    load(): StoreLoad {
      if (!conf) return { progress: emptyProgress, notice: `Progress cannot be stored (${openError}); nothing will be saved this session.` };
      const c = conf;
      const r = withFileLock(c.path, () => loadLocked(c), options.lock);
      if (r.ok) return r.value;
      // Another process holds the file for too long: read without the lock, but do not touch the file.
      lastRead = undefined;
      try { void c.store; } catch { /* judged below */ }
      const read = lastRead as Read | undefined;
      const parsed = read?.kind === 'json' ? parseProgress(read.value) : undefined;
      if (read === undefined || parsed?.ok) return { progress: parsed?.ok ? parsed.progress : emptyProgress };
      blocked = `${c.path} is in use by another process`;
      return { progress: emptyProgress, notice: `Your progress file could not be checked (${r.error}); progress will not be saved this session.` };
    },
    save(progress: Progress): SaveResult {
      if (!conf) return { ok: false, error: `progress cannot be stored (${openError})` };
      if (blocked) return { ok: false, error: `progress not saved: ${blocked}` };
      const c = conf;
      // The whole document, whatever it holds (a field list here once dropped the drill records).
      const data = { ...progress } as unknown as Record<string, unknown>;
      const r = withFileLock(c.path, () => {
        try {
          c.store = data;
          return { ok: true } as const;
        } catch (e) {
          return { ok: false, error: `could not save progress to ${c.path}: ${errorText(e)}` } as const;
        }
      }, options.lock);
      return r.ok ? r.value : { ok: false, error: `could not save progress to ${c.path}: ${r.error}` };
    },
  };
}
