// Progress on disk with `conf` (atomic writes, the platform's config directory). A file that cannot be read as
// progress is never thrown away: it is copied next to itself as progress.json.corrupt-<time> and the learner is
// told, then progress starts fresh.
import { copyFileSync } from 'node:fs';
import Conf from 'conf';
import { emptyProgress, parseProgress, type Progress } from './model.ts';
import type { ProgressStore, SaveResult, StoreLoad } from './store.ts';

export interface ConfStoreOptions {
  /** Directory for progress.json; default: the platform's config dir for netpol-dojo. */
  readonly dir?: string;
  /** Used to name the backup of a corrupt file. */
  readonly now: () => string;
}

const errorText = (e: unknown): string => (e as NodeJS.ErrnoException)?.code ?? (e as Error)?.message ?? String(e);

export function confStore(options: ConfStoreOptions): ProgressStore {
  let unparsable: string | undefined;
  let conf: Conf<Record<string, unknown>> | undefined;
  let openError: string | undefined;
  /** Set when a corrupt file could not be backed up: saving would destroy it, so saving is refused. */
  let blocked: string | undefined;
  try {
    conf = new Conf<Record<string, unknown>>({
      projectName: 'netpol-dojo',
      projectSuffix: '',
      configName: 'progress',
      ...(options.dir ? { cwd: options.dir } : {}),
      // conf throws on a file that is not JSON; keep the text so it can be backed up instead.
      deserialize: (text: string) => {
        try {
          return JSON.parse(text) as Record<string, unknown>;
        } catch {
          unparsable = text;
          return {};
        }
      },
    });
  } catch (e) {
    openError = errorText(e);
  }
  const location = conf?.path ?? options.dir ?? '(unavailable)';

  function backup(reason: string): string {
    if (!conf) return reason;
    const target = `${conf.path}.corrupt-${options.now().replace(/[:.]/g, '-')}`;
    try {
      copyFileSync(conf.path, target);
      conf.clear();
      return `Your progress file could not be read (${reason}). It was saved as ${target}; progress starts fresh.`;
    } catch (e) {
      blocked = `${conf.path} is unreadable and could not be backed up`;
      return `Your progress file could not be read (${reason}) nor backed up (${errorText(e)}); progress starts fresh and will not be saved until it is fixed.`;
    }
  }

  return {
    location,
    load(): StoreLoad {
      if (!conf) return { progress: emptyProgress, notice: `Progress cannot be stored (${openError}); nothing will be saved this session.` };
      if (unparsable !== undefined) {
        unparsable = undefined;
        return { progress: emptyProgress, notice: backup('not valid JSON') };
      }
      let data: unknown;
      try {
        data = conf.store;
      } catch (e) {
        return { progress: emptyProgress, notice: backup(errorText(e)) };
      }
      if (unparsable !== undefined) {
        unparsable = undefined;
        return { progress: emptyProgress, notice: backup('not valid JSON') };
      }
      const parsed = parseProgress(data);
      if (parsed.ok) return { progress: parsed.progress };
      return { progress: emptyProgress, notice: backup(parsed.error) };
    },
    save(progress: Progress): SaveResult {
      if (!conf) return { ok: false, error: `progress cannot be stored (${openError})` };
      if (blocked) return { ok: false, error: `progress not saved: ${blocked}` };
      try {
        conf.store = { version: progress.version, lessons: progress.lessons } as Record<string, unknown>;
        return { ok: true };
      } catch (e) {
        return { ok: false, error: `could not save progress to ${conf.path}: ${errorText(e)}` };
      }
    },
  };
}
