// An advisory lock file next to a data file, so that several netpol-dojo processes (two terminals running
// kubectl on one sandbox, a drill screen and its shell, two home screens) never interleave a
// read–change–write of the same file.
//
//   FILE.lock   created with O_EXCL; holds {"pid", "time", "token"} of the holder; removed on release.
//
// Waiting is synchronous (short sleeps, bounded by `timeoutMs`): the critical sections are a read, a pure
// computation and an atomic write, milliseconds long. A lock is stale, and is broken, when its holder's pid
// is not alive (or is this very process, which does not hold it: a pid reused after a crash) or when the
// file is older than `staleMs`. Breaking is itself serialised by FILE.lock.break, and only removes the
// exact lock file that was judged stale, so two waiters never both "recover" and then both proceed.
// Locks are re-entrant within one process (the sandbox save locks, and is also called under a lock).
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface LockOptions {
  /** How long to wait for a live holder before giving up (default 10 s). */
  readonly timeoutMs?: number;
  /** A lock file older than this is taken as abandoned, whoever holds it (default 60 s). */
  readonly staleMs?: number;
  /** Pause between attempts (default 10 ms, plus up to the same again at random). */
  readonly retryMs?: number;
}

export type LockResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

interface Holder { readonly pid: number; readonly time: string; readonly token: string }

const DEFAULTS = { timeoutMs: 10_000, staleMs: 60_000, retryMs: 10 };
/** An unreadable (half-written) lock file or a break marker older than this is abandoned. */
const SHORT_STALE_MS = 2_000;

/** Locks this process holds: lock path → token and depth (re-entrancy). */
const held = new Map<string, { token: string; depth: number }>();

const code = (e: unknown): string => (e as NodeJS.ErrnoException)?.code ?? (e as Error)?.message ?? String(e);

/** The lock file of `file` (absolute, so that one file has one lock whichever way it is named). */
export function lockPathOf(file: string): string {
  return `${resolve(file)}.lock`;
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function pidAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.max(0, ms));
}

interface Seen { readonly text: string; readonly ino: number; readonly mtimeMs: number }

function look(path: string): Seen | undefined {
  try {
    const st = statSync(path);
    return { text: readFileSync(path, 'utf8'), ino: st.ino, mtimeMs: st.mtimeMs };
  } catch {
    return undefined;
  }
}

function parseHolder(text: string): Holder | undefined {
  try {
    const h = JSON.parse(text) as Partial<Holder>;
    if (typeof h.pid === 'number' && typeof h.time === 'string' && typeof h.token === 'string') return h as Holder;
  } catch { /* being written, or junk */ }
  return undefined;
}

function staleReason(path: string, seen: Seen, staleMs: number): string | undefined {
  const age = Date.now() - seen.mtimeMs;
  const holder = parseHolder(seen.text);
  if (!holder) return age > SHORT_STALE_MS ? 'unreadable' : undefined;
  if (holder.pid === process.pid && held.get(path)?.token !== holder.token) return 'left by an earlier process with this pid';
  if (!pidAlive(holder.pid)) return `pid ${holder.pid} is gone`;
  if (age > staleMs) return `older than ${Math.round(staleMs / 1000)} s`;
  return undefined;
}

/** Removes `path` if it is still exactly the lock file that was judged stale. */
function breakStale(path: string, seen: Seen): void {
  const marker = `${path}.break`;
  try {
    closeSync(openSync(marker, 'wx'));
  } catch {
    const m = look(marker);
    if (m && Date.now() - m.mtimeMs > SHORT_STALE_MS) { try { unlinkSync(marker); } catch { /* someone else did */ } }
    return;
  }
  try {
    const now = look(path);
    if (now && now.text === seen.text && now.ino === seen.ino && now.mtimeMs === seen.mtimeMs) unlinkSync(path);
  } catch { /* gone already */ } finally {
    try { unlinkSync(marker); } catch { /* gone already */ }
  }
}

function describeHolder(seen: Seen | undefined): string {
  const h = seen ? parseHolder(seen.text) : undefined;
  return h ? ` (held by pid ${h.pid} since ${h.time})` : '';
}

/** Takes the lock of `file`; on success, call `release` exactly once. */
export function acquireLock(file: string, options: LockOptions = {}): { ok: true; release: () => void } | { ok: false; error: string } {
  const { timeoutMs, staleMs, retryMs } = { ...DEFAULTS, ...options };
  const path = lockPathOf(file);
  const mine = held.get(path);
  if (mine) {
    mine.depth++;
    return { ok: true, release: () => release(path, mine.token) };
  }
  const token = randomBytes(8).toString('hex');
  const deadline = Date.now() + timeoutMs;
  let madeDir = false;
  for (;;) {
    let fd: number | undefined;
    try {
      fd = openSync(path, 'wx');
    } catch (e) {
      const c = code(e);
      if (c === 'ENOENT' && !madeDir) {
        madeDir = true;
        try { mkdirSync(dirname(path), { recursive: true }); } catch (e2) { return { ok: false, error: `cannot lock ${path}: ${code(e2)}` }; }
        continue;
      }
      if (c !== 'EEXIST') return { ok: false, error: `cannot lock ${path}: ${c}` };
    }
    if (fd !== undefined) {
      try {
        writeSync(fd, `${JSON.stringify({ pid: process.pid, time: new Date().toISOString(), token })}\n`);
      } catch (e) {
        try { closeSync(fd); unlinkSync(path); } catch { /* best effort */ }
        return { ok: false, error: `cannot lock ${path}: ${code(e)}` };
      }
      closeSync(fd);
      held.set(path, { token, depth: 1 });
      return { ok: true, release: () => release(path, token) };
    }
    const seen = look(path);
    if (seen && staleReason(path, seen, staleMs) !== undefined) { breakStale(path, seen); continue; }
    if (Date.now() >= deadline) {
      return { ok: false, error: `timed out after ${Math.round(timeoutMs / 100) / 10} s waiting for the lock ${path}${describeHolder(seen)}; if no other netpol-dojo is running, remove that file` };
    }
    sleepSync(retryMs + Math.floor(Math.random() * (retryMs + 1)));
  }
}

function release(path: string, token: string): void {
  const mine = held.get(path);
  if (!mine || mine.token !== token) return;
  if (--mine.depth > 0) return;
  held.delete(path);
  // Only our own lock file: if it was broken as stale (we were too slow) it belongs to someone else now.
  try {
    if (parseHolder(readFileSync(path, 'utf8'))?.token === token) unlinkSync(path);
  } catch { /* already gone */ }
}

/** Runs `fn` holding the lock of `file`; the lock is released however `fn` ends (exceptions pass through). */
export function withFileLock<T>(file: string, fn: () => T, options?: LockOptions): LockResult<T> {
  const lock = acquireLock(file, options);
  if (!lock.ok) return lock;
  try {
    return { ok: true, value: fn() };
  } finally {
    lock.release();
  }
}

/** Like withFileLock, but a lock that cannot be taken is thrown as an Error (for callers that already catch). */
export function withFileLockOrThrow<T>(file: string, fn: () => T, options?: LockOptions): T {
  const r = withFileLock(file, fn, options);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
