// GET …/pods/NAME/log: parameters, the API server's errors, and follow (no kubectl needed).
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { lineTime, newLines } from '../../src/serve/logs.ts';
import { exec, MemoryCluster, startHarness } from './stream-harness.ts';

const cluster = new MemoryCluster();
let h: Awaited<ReturnType<typeof startHarness>>;

before(async () => {
  cluster.k('run web --image=nginx --labels=app=web --port=80');
  cluster.k('expose pod web --port=80');
  cluster.k('run client --image=busybox -- sleep 3600');
  h = await startHarness(cluster);
});
after(async () => { await h.close(); });

function fetchLog(pod: string, query = ''): Promise<{ code: number; type: string; body: string }> {
  return new Promise((done, fail) => {
    get(`http://${h.base}/api/v1/namespaces/default/pods/${pod}/log${query}`, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => { body += c.toString(); });
      res.on('end', () => done({ code: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    }).on('error', fail);
  });
}

describe('pod logs', () => {
  it('the access log grows with each request that reaches the pod; tailLines and timestamps', async () => {
    const start = await fetchLog('web');
    assert.equal(start.code, 200);
    assert.equal(start.type, 'text/plain');
    assert.match(start.body, /^\/docker-entrypoint\.sh: /);
    await exec(h.base, 'default', 'client', ['wget', '-qO-', 'http://web/a']);
    const tail = await fetchLog('web', '?tailLines=1');
    assert.match(tail.body, /^10\.\d+\.\d+\.\d+ - - \[01\/Mar\/2025:09:00:\d\d \+0000\] "GET \/a HTTP\/1\.1" 404 \d+ "-" "Wget" "-"\n$/);
    const ts = await fetchLog('web', '?tailLines=1&timestamps=true');
    assert.match(ts.body, /^2025-03-01T09:00:\d\d\.000000000Z 10\./);
    assert.equal((await fetchLog('web', '?tailLines=0')).body, '');
    assert.equal((await fetchLog('web', '?limitBytes=5')).body, '/dock');
  });

  it('sinceSeconds and sinceTime keep the lines written since', async () => {
    await exec(h.base, 'default', 'client', ['wget', '-qO-', 'http://web/s1']);
    const recent = await fetchLog('web', '?sinceSeconds=1');
    assert.match(recent.body, /^[^\n]*"GET \/s1 HTTP\/1\.1"[^\n]*\n$/);
    assert.equal((await fetchLog('web', '?sinceTime=2030-01-01T00:00:00Z')).body, '');
    assert.equal((await fetchLog('web', '?sinceTime=2020-01-01T00:00:00Z')).body, (await fetchLog('web')).body);
    const both = await fetchLog('web', '?sinceSeconds=5&sinceTime=2020-01-01T00:00:00Z');
    assert.equal(both.code, 400);
    assert.equal((await fetchLog('web', '?sinceSeconds=0')).code, 400);
  });

  it('errors as the API server words them', async () => {
    const missing = await fetchLog('ghost');
    assert.equal(missing.code, 404);
    assert.deepEqual(JSON.parse(missing.body), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'pods "ghost" not found', reason: 'NotFound', details: { name: 'ghost', kind: 'pods' }, code: 404 });
    const ctr = await fetchLog('web', '?container=nope');
    assert.deepEqual([ctr.code, (JSON.parse(ctr.body) as { message: string }).message], [400, 'container nope is not valid for pod web']);
    const prev = await fetchLog('web', '?previous=true');
    assert.deepEqual([prev.code, (JSON.parse(prev.body) as { message: string }).message], [400, 'previous terminated container "web" in pod "web" not found']);
    const bad = await fetchLog('web', '?tailLines=x');
    assert.equal(bad.code, 400);
  });

  it('follow streams new lines until the pod is deleted', async () => {
    const lines: string[] = [];
    let ended = false;
    const waiters: (() => void)[] = [];
    const wake = () => { for (const w of waiters.splice(0)) w(); };
    const until = (cond: () => boolean): Promise<void> => new Promise((ok, no) => {
      const timer = setTimeout(() => no(new Error(`timed out; lines: ${JSON.stringify(lines)}`)), 5000);
      const check = () => { if (cond()) { clearTimeout(timer); ok(); } else waiters.push(check); };
      check();
    });
    get(`http://${h.base}/api/v1/namespaces/default/pods/web/log?follow=true&tailLines=0`, (res) => {
      let buf = '';
      res.on('data', (c: Buffer) => {
        buf += c.toString();
        const parts = buf.split('\n');
        buf = parts.pop() ?? '';
        lines.push(...parts);
        wake();
      });
      res.on('end', () => { ended = true; wake(); });
    });
    // the response is open once the server has subscribed; a request made before may race it, so retry
    for (let i = 0; lines.length === 0 && i < 50; i++) {
      await exec(h.base, 'default', 'client', ['wget', '-qO-', `http://web/f${i}`]);
      await new Promise((r) => setImmediate(r));
    }
    await until(() => lines.length >= 1);
    const n = lines.length;
    await exec(h.base, 'default', 'client', ['wget', '-qO-', 'http://web/next']);
    await until(() => lines.length > n);
    assert.match(lines[lines.length - 1], /"GET \/next HTTP\/1\.1"/);
    cluster.k('delete pod web');
    await until(() => ended);
  });

  it('newLines finds what was appended even when the oldest lines were dropped', () => {
    assert.deepEqual(newLines(['a', 'b'], ['a', 'b', 'c']), ['c']);
    assert.deepEqual(newLines(['a', 'b', 'c'], ['b', 'c', 'd']), ['d']);
    assert.deepEqual(newLines([], ['x']), ['x']);
    assert.deepEqual(newLines(['a'], ['a']), []);
  });

  it('lineTime reads the line\'s own time', () => {
    assert.equal(lineTime('1.2.3.4 - - [01/Mar/2025:09:00:05 +0000] "GET /"', ''), '2025-03-01T09:00:05.000000000Z');
    assert.equal(lineTime('2025/03/01 09:00:00 [notice] 1#1: start', ''), '2025-03-01T09:00:00.000000000Z');
    assert.equal(lineTime('/docker-entrypoint.sh: ready', '2025-03-01T08:59:00Z'), '2025-03-01T08:59:00.000000000Z');
  });
});
