// The lock file around read–change–write: mutual exclusion across real processes, stale-lock recovery
// (dead holder, pid reused by this process, too old), a bounded wait on a live holder, re-entrancy.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { acquireLock, lockPathOf, withFileLock } from '../../src/cli/file-lock.ts';
import { removeStaleTemps } from '../../src/cli/stale-temps.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'npd-lock-'));
const LOCK_MODULE = fileURLToPath(new URL('../../src/cli/file-lock.ts', import.meta.url));

/** A pid that is certainly not running: a process that has already exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

test('the lock file exists only while held; locks are re-entrant in one process', () => {
  const dir = tmp();
  try {
    const file = join(dir, 'data.json');
    const a = acquireLock(file);
    assert.ok(a.ok);
    assert.ok(existsSync(lockPathOf(file)));
    const holder = JSON.parse(readFileSync(lockPathOf(file), 'utf8')) as { pid: number; time: string };
    assert.equal(holder.pid, process.pid);
    const inner = withFileLock(file, () => 42);
    assert.deepEqual(inner, { ok: true, value: 42 });
    assert.ok(existsSync(lockPathOf(file)), 'the inner release keeps the outer lock');
    a.release();
    assert.equal(existsSync(lockPathOf(file)), false);
    assert.throws(() => withFileLock(file, () => { throw new Error('boom'); }), /boom/);
    assert.equal(existsSync(lockPathOf(file)), false, 'released when the body throws');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('a lock left by a dead process, or by an earlier process with our pid, is broken', () => {
  const dir = tmp();
  try {
    const file = join(dir, 'data.json');
    writeFileSync(lockPathOf(file), JSON.stringify({ pid: deadPid(), time: '2020-01-01T00:00:00Z', token: 'x' }));
    const t0 = Date.now();
    assert.deepEqual(withFileLock(file, () => 'mine', { timeoutMs: 5000 }), { ok: true, value: 'mine' });
    assert.ok(Date.now() - t0 < 2000, 'no waiting for a dead holder');
    writeFileSync(lockPathOf(file), JSON.stringify({ pid: process.pid, time: '2020-01-01T00:00:00Z', token: 'earlier-run' }));
    assert.deepEqual(withFileLock(file, () => 'again', { timeoutMs: 5000 }), { ok: true, value: 'again' });
    assert.equal(existsSync(lockPathOf(file)), false);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('a live holder makes others wait, up to a bound, with a message naming it; an old lock is stale', async () => {
  const dir = tmp();
  const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  try {
    const file = join(dir, 'data.json');
    writeFileSync(lockPathOf(file), JSON.stringify({ pid: sleeper.pid, time: '2025-01-01T00:00:00Z', token: 'live' }));
    const t0 = Date.now();
    const r = withFileLock(file, () => 'never', { timeoutMs: 300 });
    assert.ok(Date.now() - t0 >= 300);
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : '', new RegExp(`timed out after 0\\.3 s waiting for the lock .*data\\.json\\.lock \\(held by pid ${sleeper.pid} since 2025-01-01T00:00:00Z\\)`));
    assert.ok(existsSync(lockPathOf(file)), 'a live holder\'s lock is left alone');
    const old = (Date.now() - 120_000) / 1000;
    utimesSync(lockPathOf(file), old, old);
    assert.deepEqual(withFileLock(file, () => 'taken over', { timeoutMs: 300, staleMs: 60_000 }), { ok: true, value: 'taken over' });
  } finally {
    sleeper.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a lock that cannot be created is an error value', () => {
  const dir = tmp();
  try {
    writeFileSync(join(dir, 'not-a-dir'), '');
    const r = withFileLock(join(dir, 'not-a-dir', 'data.json'), () => 1, { timeoutMs: 100 });
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : '', /cannot lock .*ENOTDIR/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('8 processes × 25 read–increment–write cycles under the lock lose no increment', async () => {
  const dir = tmp();
  try {
    const file = join(dir, 'counter.txt');
    writeFileSync(file, '0');
    const script = `
      const { withFileLock } = await import(${JSON.stringify(LOCK_MODULE)});
      const { readFileSync, writeFileSync } = await import('node:fs');
      for (let i = 0; i < 25; i++) {
        const r = withFileLock(${JSON.stringify(file)}, () => {
          const n = Number(readFileSync(${JSON.stringify(file)}, 'utf8'));
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
          writeFileSync(${JSON.stringify(file)}, String(n + 1));
        }, { timeoutMs: 30000 });
        if (!r.ok) { console.error(r.error); process.exit(1); }
      }`;
    const runs = await Promise.all(Array.from({ length: 8 }, () => new Promise<number | null>((resolve) => {
      const c = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'inherit'] });
      c.on('exit', resolve);
    })));
    assert.deepEqual(runs, Array(8).fill(0));
    assert.equal(readFileSync(file, 'utf8'), '200');
    assert.equal(existsSync(lockPathOf(file)), false);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('temporary files of writers that are gone are removed; a live writer\'s are kept', () => {
  const dir = tmp();
  const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  try {
    const dead = deadPid();
    for (const name of [`.cluster.json.${dead}.tmp`, `.cluster.json.${sleeper.pid}.tmp`, `.cluster.json.${process.pid}.tmp`, 'cluster.json', 'other.tmp']) writeFileSync(join(dir, name), 'x');
    assert.deepEqual(removeStaleTemps(dir, /^\.cluster\.json\.(\d+)\.tmp$/), [`.cluster.json.${dead}.tmp`]);
    assert.equal(existsSync(join(dir, `.cluster.json.${sleeper.pid}.tmp`)), true);
    assert.deepEqual(removeStaleTemps(join(dir, 'missing'), /(\d+)/), []);
  } finally {
    sleeper.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});
