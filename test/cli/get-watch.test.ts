// netpol-dojo kubectl get -w in a real process: the list, then a row for each change another command makes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChild } from './children.ts';

const CHILD = fileURLToPath(new URL('./cli-child.ts', import.meta.url));

test('get pods -w prints the rows of pods another command creates and deletes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nd-watch-'));
  const watcher = spawn(process.execPath, ['--import', 'tsx', CHILD, 'kubectl', '--state', dir, 'get', 'pods', '-w'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let out = '';
    const waitFor = (re: RegExp) => new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${re} in:\n${out}`)), 30_000);
      const check = () => { if (re.test(out)) { clearTimeout(timer); watcher.stdout.off('data', onData); resolve(); } };
      const onData = (d: Buffer) => { out += d.toString(); check(); };
      watcher.stdout.on('data', onData);
      check();
    });
    // A fresh cluster has no pods in default: the watch starts with nothing listed.
    const made = runChild(['kubectl', '--state', dir, 'run', 'web', '--image=nginx']);
    assert.equal(made.status, 0, made.stderr);
    await waitFor(/^web\s+1\/1\s+Running\s+0\s+\d+s$/m);
    const gone = runChild(['kubectl', '--state', dir, 'delete', 'pod', 'web']);
    assert.equal(gone.status, 0, gone.stderr);
    await waitFor(/^web\s+1\/1\s+Running[^\n]*\n[^\n]*web\s+1\/1/m);
  } finally {
    watcher.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

test('logs -f prints the access lines of requests made from another process, and ends when the pod is deleted', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nd-follow-'));
  for (const argv of [['run', 'web', '--image=nginx'], ['expose', 'pod', 'web', '--port', '80'], ['run', 'c', '--image=nginx']]) {
    const r = runChild(['kubectl', '--state', dir, ...argv]);
    assert.equal(r.status, 0, r.stderr);
  }
  const follower = spawn(process.execPath, ['--import', 'tsx', CHILD, 'kubectl', '--state', dir, 'logs', 'web', '-f', '--tail=0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let out = '';
    follower.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    const ended = new Promise<number | null>((resolve) => follower.on('exit', (code) => resolve(code)));
    // The follower is up once it has read the state (its first poll); a request made after that is streamed.
    await new Promise((r) => setTimeout(r, 100));
    let seen = false;
    for (let i = 0; i < 100 && !seen; i++) {
      const hit = runChild(['kubectl', '--state', dir, 'exec', 'c', '--', 'curl', '-s', '-o', '/dev/null', `web/try-${i}`]);
      assert.equal(hit.status, 0, hit.stderr);
      await new Promise((r) => setTimeout(r, 300));
      seen = /"GET \/try-\d+ HTTP\/1\.1" 404 /.test(out);
    }
    assert.ok(seen, `no access line streamed:\n${out}`);
    assert.doesNotMatch(out, /start worker process/, '--tail=0: no earlier line');
    assert.equal(runChild(['kubectl', '--state', dir, 'delete', 'pod', 'web']).status, 0);
    assert.equal(await ended, 0);
  } finally {
    follower.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
