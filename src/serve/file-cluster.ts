// A ClusterHandle over a state directory: the sandbox is cached by the state file's identity (inode, size,
// mtime) and re-read only when another process replaced it; writes happen under the shared state lock; a
// poll of the file's stat notices other processes' changes while someone watches.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { loadSandbox, saveSandbox, withSandboxLock } from '../cli/kubectl-command.ts';
import type { Sandbox } from '../kubectl/sandbox.ts';
import type { ClusterHandle } from './cluster-handle.ts';

export interface FileCluster extends ClusterHandle {
  /** Looks at the state file now (the poll does this on a timer) and notifies listeners of a change. */
  refresh(): void;
  /** Stops the poll. */
  close(): void;
}

type Listener = (before: Sandbox, after: Sandbox) => void;

function fileKey(file: string): string | undefined {
  try {
    const s = statSync(file, { bigint: true });
    return `${s.ino}:${s.size}:${s.mtimeNs}`;
  } catch {
    return undefined;
  }
}

export function openFileCluster(name: string, stateDir: string, opts: { pollMs?: number; clock?: () => string } = {}): FileCluster {
  const file = join(stateDir, 'cluster.json');
  const clock = opts.clock ?? (() => new Date().toISOString());
  const listeners = new Set<Listener>();
  let key: string | undefined;
  let current: Sandbox | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;

  const notify = (before: Sandbox, after: Sandbox) => {
    for (const l of [...listeners]) {
      try { l(before, after); } catch { /* a broken watcher must not break the writer */ }
    }
  };

  /** The state on disk (a fresh cluster is created and saved when there is none). */
  const load = (): Sandbox => {
    const k = fileKey(file);
    if (current && k !== undefined && k === key) return current;
    if (k === undefined) {
      const created = withSandboxLock(stateDir, () => {
        const again = loadSandbox(stateDir, clock());
        if (again.fresh) saveSandbox(stateDir, again.sandbox);
        return again.sandbox;
      });
      key = fileKey(file);
      return accept(created);
    }
    const { sandbox } = loadSandbox(stateDir, clock());
    key = k;
    return accept(sandbox);
  };

  const accept = (next: Sandbox): Sandbox => {
    const before = current;
    current = next;
    if (before && before !== next) notify(before, next);
    return next;
  };

  const handle: FileCluster = {
    name,
    stateDir,
    read: () => load(),
    now: clock,
    update<T>(fn: (sb: Sandbox, now: string) => { readonly sandbox: Sandbox; readonly value: T }): T {
      return withSandboxLock(stateDir, () => {
        const before = load();
        const r = fn(before, clock());
        if (r.sandbox !== before) {
          saveSandbox(stateDir, r.sandbox);
          key = fileKey(file);
          accept(r.sandbox);
        }
        return r.value;
      });
    },
    onChange(listener: Listener): () => void {
      listeners.add(listener);
      if (!timer) {
        timer = setInterval(() => { try { load(); } catch { /* a damaged file is reported to the next request */ } }, opts.pollMs ?? 200);
        timer.unref?.();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer) { clearInterval(timer); timer = undefined; }
      };
    },
    refresh: () => { load(); },
    close: () => {
      listeners.clear();
      if (timer) { clearInterval(timer); timer = undefined; }
    },
  };
  return handle;
}
