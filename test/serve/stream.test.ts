// exec and attach over the WebSocket channel protocol, driven the way kubectl drives them (no kubectl needed).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findObject } from '../../src/kubectl/sandbox.ts';
import { exec, MemoryCluster, openStream, startHarness } from './stream-harness.ts';

const cluster = new MemoryCluster();
let h: Awaited<ReturnType<typeof startHarness>>;

before(async () => {
  cluster.k('run web --image=nginx --labels=app=web --port=80');
  cluster.k('expose pod web --port=80');
  cluster.k('run client --image=busybox -- sleep 3600');
  cluster.k('run netshoot --image=nicolaka/netshoot -- sleep 3600');
  h = await startHarness(cluster);
});
after(async () => { await h.close(); });

const EXEC = (pod: string) => `/api/v1/namespaces/default/pods/${pod}/exec`;

describe('exec, one command', () => {
  it('streams stdout and reports success on the error channel (v5)', async () => {
    const r = await exec(h.base, 'default', 'client', ['echo', 'hello', 'world']);
    assert.equal(r.protocol, 'v5.channel.k8s.io');
    assert.equal(r.stdout, 'hello world\n');
    assert.equal(r.stderr, '');
    assert.deepEqual(r.status, { metadata: {}, status: 'Success' });
    assert.equal(r.closeCode, 1000);
  });

  it('a tool the image lacks: the runtime message on stderr and exit code 126 as a NonZeroExitCode cause', async () => {
    const r = await exec(h.base, 'default', 'client', ['curl', '-sS', 'web']);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in \$PATH: unknown\n/);
    assert.equal(r.status?.status, 'Failure');
    assert.equal(r.status?.reason, 'NonZeroExitCode');
    assert.deepEqual(r.status?.details?.causes, [{ reason: 'ExitCode', message: '126' }]);
  });

  it('stdout and stderr stay apart; a denied or missing host is curl exit code', async () => {
    const ok = await exec(h.base, 'default', 'netshoot', ['curl', '-sS', '-m', '2', 'web']);
    assert.equal(ok.status?.status, 'Success');
    assert.match(ok.stdout, /Welcome to nginx!/);
    assert.equal(ok.stderr, '');
    const bad = await exec(h.base, 'default', 'netshoot', ['curl', '-sS', '-m', '2', 'nosuchsvc']);
    assert.equal(bad.stdout, '');
    assert.match(bad.stderr, /Could not resolve host: nosuchsvc/);
    assert.deepEqual(bad.status?.details?.causes, [{ reason: 'ExitCode', message: '6' }]);
  });

  it('the connection saves what the command changed (the server pod logged the request)', async () => {
    const before = JSON.stringify(findObject(cluster.read(), { kind: 'Pod', namespace: 'default', name: 'web' }));
    const r = await exec(h.base, 'default', 'client', ['wget', '-qO-', '-T', '2', 'http://web']);
    assert.equal(r.status?.status, 'Success');
    assert.match(r.stdout, /Welcome to nginx!/);
    assert.notEqual(JSON.stringify(cluster.read()), before);
  });

  it('v4 is served to clients that offer only v4', async () => {
    const c = await openStream(h.base, EXEC('client'), { command: ['hostname'], stdout: 'true', stderr: 'true' }, ['v4.channel.k8s.io']);
    const r = await c.ended;
    assert.equal(r.protocol, 'v4.channel.k8s.io');
    assert.equal(r.stdout, 'client\n');
  });

  it('with a TTY, output lines end in \\r\\n and stderr joins stdout', async () => {
    const r = await exec(h.base, 'default', 'client', ['sh', '-c', 'echo one; echo two >&2'], { tty: 'true' });
    assert.equal(r.stdout, 'one\r\ntwo\r\n');
    assert.equal(r.stderr, '');
  });

  it('exec -i: stdin is read until the client closes it (v5 close signal)', async () => {
    const c = await openStream(h.base, EXEC('client'), { command: ['cat'], stdin: 'true', stdout: 'true', stderr: 'true' });
    c.type('line one\n');
    c.type('line two\n');
    c.closeStdin();
    const r = await c.ended;
    assert.equal(r.stdout, 'line one\nline two\n');
    assert.equal(r.status?.status, 'Success');
  });

  it('exec -i of a command that reads no stdin runs at once (stdin still open)', async () => {
    const c = await openStream(h.base, EXEC('client'), { command: ['wget', '-qO-', 'http://web'], stdin: 'true', stdout: 'true', stderr: 'true' });
    const r = await c.ended;
    assert.match(r.stdout, /Welcome to nginx!/);
    const s = await openStream(h.base, EXEC('client'), { command: ['sh', '-c', 'grep -c x'], stdin: 'true', stdout: 'true', stderr: 'true' });
    s.type('x\ny\nxx\n');
    s.closeStdin();
    assert.equal((await s.ended).stdout, '2\n');
  });

  it('exec -i sh without a terminal runs the piped lines, exit N is the status', async () => {
    const c = await openStream(h.base, EXEC('client'), { command: ['sh'], stdin: 'true', stdout: 'true', stderr: 'true' });
    c.type('echo first\nhostname\n');
    c.type('exit 3\n');
    const r = await c.ended;
    assert.equal(r.stdout, 'first\nclient\n');
    assert.deepEqual(r.status?.details?.causes, [{ reason: 'ExitCode', message: '3' }]);
  });
});

describe('exec -it sh: an interactive shell over the terminal channel', () => {
  it('prompt, echo of typed keys, Enter, backspace, Ctrl-C, exit N', async () => {
    const c = await openStream(h.base, EXEC('client'), { command: ['sh'], stdin: 'true', stdout: 'true', tty: 'true' });
    c.ws.send(Buffer.concat([Buffer.from([4]), Buffer.from('{"Width":120,"Height":40}')]));
    await c.waitFor('/ # ');
    c.type('echo hix');
    c.type('\x7f');
    c.type('\r');
    await c.waitFor('hi\r\n/ # ');
    assert.equal(c.stdout(), '/ # echo hix\b \b\r\nhi\r\n/ # ');
    c.type('wget -qO- nope\x03');
    await c.waitFor('^C\r\n/ # ');
    c.type('exit 7\r');
    const r = await c.ended;
    assert.ok(r.stdout.endsWith('/ # exit 7\r\n'), JSON.stringify(r.stdout));
    assert.deepEqual(r.status?.details?.causes, [{ reason: 'ExitCode', message: '7' }]);
  });

  it('Ctrl-D on an empty line ends the shell with the last status', async () => {
    const c = await openStream(h.base, EXEC('client'), { command: ['sh'], stdin: 'true', stdout: 'true', tty: 'true' });
    await c.waitFor('/ # ');
    c.type('false\r');
    await c.waitFor('false\r\n/ # ');
    c.type('\x04');
    const r = await c.ended;
    assert.deepEqual(r.status?.details?.causes, [{ reason: 'ExitCode', message: '1' }]);
  });

  it('bash in nginx has bash\'s prompt', async () => {
    const c = await openStream(h.base, EXEC('web'), { command: ['bash'], stdin: 'true', stdout: 'true', tty: 'true' });
    await c.waitFor('root@web:/# ');
    c.type('exit\r');
    const r = await c.ended;
    assert.equal(r.status?.status, 'Success');
  });
});

describe('refused before the upgrade, with the API server\'s Status', () => {
  async function refused(path: string, query: Record<string, string | string[]>, protocols?: string[]): Promise<{ statusCode: number; body: { reason: string; message: string; code: number } }> {
    try {
      await openStream(h.base, path, query, protocols);
    } catch (e) {
      const x = e as { statusCode: number; body: string };
      return { statusCode: x.statusCode, body: JSON.parse(x.body) as { reason: string; message: string; code: number } };
    }
    throw new Error('the upgrade was accepted');
  }

  it('a missing pod is NotFound', async () => {
    const r = await refused(EXEC('ghost'), { command: 'sh', stdout: 'true' });
    assert.equal(r.statusCode, 404);
    assert.deepEqual([r.body.reason, r.body.message, r.body.code], ['NotFound', 'pods "ghost" not found', 404]);
  });

  it('a missing container is BadRequest', async () => {
    const r = await refused(EXEC('client'), { command: 'sh', stdout: 'true', container: 'nope' });
    assert.equal(r.statusCode, 400);
    assert.equal(r.body.message, 'container nope is not valid for pod client');
  });

  it('no command, no streams', async () => {
    assert.equal((await refused(EXEC('client'), { stdout: 'true' })).body.message, 'you must specify at least one command for the container');
    assert.equal((await refused(EXEC('client'), { command: 'ls' })).body.message, 'you must specify at least 1 of stdin, stdout, stderr');
  });

  it('an unknown subprotocol', async () => {
    const r = await refused(EXEC('client'), { command: 'ls', stdout: 'true' }, ['channel.k8s.io']);
    assert.equal(r.statusCode, 400);
    assert.match(r.body.message, /^requested protocol\(s\) are not supported: \[channel\.k8s\.io\]; supports \[v5\.channel\.k8s\.io v4\.channel\.k8s\.io\]$/);
  });

  it('SPDY (kubectl before v1.30) is told to use a newer kubectl', async () => {
    const { request } = await import('node:http');
    const [host, port] = h.base.split(':');
    const res = await new Promise<{ code: number; body: string }>((done, fail) => {
      const req = request({ host, port: Number(port), method: 'POST', path: `${EXEC('client')}?command=ls&stdout=true`, headers: { Connection: 'Upgrade', Upgrade: 'SPDY/3.1', 'X-Stream-Protocol-Version': 'v4.channel.k8s.io' } });
      req.on('response', (r) => { let b = ''; r.on('data', (c: Buffer) => { b += c; }); r.on('end', () => done({ code: r.statusCode ?? 0, body: b })); });
      req.on('upgrade', () => fail(new Error('upgraded')));
      req.on('error', fail);
      req.end();
    });
    assert.equal(res.code, 400);
    const body = JSON.parse(res.body) as { kind: string; reason: string; message: string };
    assert.equal(body.kind, 'Status');
    assert.equal(body.reason, 'BadRequest');
    assert.match(body.message, /kubectl v1\.30 or newer/);
  });
});

function attachPod(name: string, restartPolicy: string, args: string[], tty = true): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  restartPolicy: ${restartPolicy}
  containers:
  - name: ${name}
    image: busybox
    args: ${JSON.stringify(args)}
    stdin: true
    stdinOnce: true
    tty: ${tty}
`;
}

function podStatus(name: string): { phase?: string; containerStatuses?: { restartCount: number; state: { terminated?: { exitCode: number; reason: string } } }[] } {
  return findObject(cluster.read(), { kind: 'Pod', namespace: 'default', name })?.manifest.status as ReturnType<typeof podStatus>;
}

describe('attach: the container\'s main process', () => {
  const ATTACH = (pod: string) => `/api/v1/namespaces/default/pods/${pod}/attach`;

  it('a shell waiting for kubectl (run -it --restart=Never): the session, then the pod completes with its exit code', async () => {
    cluster.apply(attachPod('sess', 'Never', ['sh']));
    assert.equal(podStatus('sess').phase, 'Running');
    const c = await openStream(h.base, ATTACH('sess'), { container: 'sess', stdin: 'true', stdout: 'true', tty: 'true' });
    await c.waitFor('/ # ');
    c.type('echo attached\r');
    await c.waitFor('attached\r\n/ # ');
    c.type('exit 2\r');
    const r = await c.ended;
    assert.equal(r.status?.status, 'Success', 'attach reports no exit code; the pod status does');
    const st = podStatus('sess');
    assert.equal(st.phase, 'Failed');
    assert.deepEqual([st.containerStatuses?.[0].state.terminated?.exitCode, st.containerStatuses?.[0].state.terminated?.reason], [2, 'Error']);
  });

  it('restartPolicy Always: the container restarts and the pod keeps running', async () => {
    cluster.apply(attachPod('again', 'Always', ['sh']));
    const c = await openStream(h.base, ATTACH('again'), { container: 'again', stdin: 'true', stdout: 'true', tty: 'true' });
    await c.waitFor('/ # ');
    c.type('\x04');
    await c.ended;
    const st = podStatus('again');
    assert.equal(st.phase, 'Running');
    assert.equal(st.containerStatuses?.[0].restartCount, 1);
  });

  it('a client that leaves an attached shell (stdinOnce) ends it: the pod completes', async () => {
    cluster.apply(attachPod('left', 'Never', ['sh']));
    const c = await openStream(h.base, ATTACH('left'), { container: 'left', stdin: 'true', stdout: 'true', tty: 'true' });
    await c.waitFor('/ # ');
    const changed = new Promise<void>((done) => { const stop = cluster.onChange(() => { stop(); done(); }); });
    c.ws.terminate();
    await changed;
    assert.equal(podStatus('left').phase, 'Succeeded');
  });

  it('a one-shot command runs when kubectl attaches: its output, then the pod is Succeeded', async () => {
    cluster.apply(attachPod('once', 'Never', ['wget', '-qO-', '-T', '2', 'http://web'], false));
    const c = await openStream(h.base, ATTACH('once'), { container: 'once', stdin: 'true', stdout: 'true', stderr: 'true' });
    const r = await c.ended;
    assert.match(r.stdout, /Welcome to nginx!/);
    assert.equal(podStatus('once').phase, 'Succeeded');
    // what the container printed is its log
    const { get } = await import('node:http');
    const log = await new Promise<string>((done) => get(`http://${h.base}/api/v1/namespaces/default/pods/once/log?tailLines=2`, (res) => {
      let b = '';
      res.on('data', (x: Buffer) => { b += x; });
      res.on('end', () => done(b));
    }));
    assert.equal(log, '</body>\n</html>\n');
  });

  it('attaching to a completed pod is refused', async () => {
    await assert.rejects(openStream(h.base, ATTACH('once'), { container: 'once', stdout: 'true' }), (e: { statusCode: number; body: string }) => {
      assert.equal(e.statusCode, 400);
      assert.equal((JSON.parse(e.body) as { message: string }).message, 'cannot attach a container in a completed pod; current phase is Succeeded');
      return true;
    });
  });

  it('attaching to a server shows nothing until the client leaves', async () => {
    const c = await openStream(h.base, ATTACH('web'), { container: 'web', stdout: 'true', stderr: 'true' });
    c.ws.close(1000);
    const r = await c.ended;
    assert.deepEqual([r.stdout, r.status], ['', undefined]);
    assert.equal(podStatus('web').phase, 'Running');
  });
});

describe('bad input never breaks the server', () => {
  it('text frames, unknown channels, empty and oversized messages; the server still answers afterwards', async () => {
    const c = await openStream(h.base, EXEC('client'), { command: ['sh'], stdin: 'true', stdout: 'true', tty: 'true' });
    await c.waitFor('/ # ');
    c.ws.send('not binary');
    c.ws.send(Buffer.from([]));
    c.ws.send(Buffer.from([9, 1, 2, 3]));
    c.ws.send(Buffer.from([4, 0x7b]));
    c.ws.send(Buffer.from([0, 0xff, 0xfe]));
    c.ws.send(Buffer.alloc(2 * 1024 * 1024, 0x41));
    const r = await c.ended;
    assert.equal(r.closeCode, 1009, 'a message over the size limit closes the connection');
    const after = await exec(h.base, 'default', 'client', ['hostname']);
    assert.equal(after.stdout, 'client\n');
  });

  it('a character split between two messages arrives whole', async () => {
    const c = await openStream(h.base, EXEC('client'), { command: ['sh'], stdin: 'true', stdout: 'true', tty: 'true' });
    await c.waitFor('/ # ');
    const bytes = Buffer.from('echo né\r', 'utf8');
    const cut = bytes.indexOf(0xc3) + 1;
    c.ws.send(Buffer.concat([Buffer.from([0]), bytes.subarray(0, cut)]));
    c.ws.send(Buffer.concat([Buffer.from([0]), bytes.subarray(cut)]));
    await c.waitFor('né\r\n/ # ');
    c.type('exit\r');
    await c.ended;
  });

  it('the client leaving in the middle of a session', async () => {
    const c = await openStream(h.base, EXEC('client'), { command: ['sh'], stdin: 'true', stdout: 'true', tty: 'true' });
    await c.waitFor('/ # ');
    c.type('echo half');
    c.ws.terminate();
    await c.ended.catch(() => undefined);
    assert.equal((await exec(h.base, 'default', 'client', ['echo', 'still'])).stdout, 'still\n');
  });

  it('an attachment to a server ends when its pod is deleted', async () => {
    cluster.k('run idle --image=nginx');
    const c = await openStream(h.base, '/api/v1/namespaces/default/pods/idle/attach', { stdout: 'true' });
    cluster.k('delete pod idle');
    const r = await c.ended;
    assert.deepEqual([r.closeCode, r.status?.status], [1000, 'Success']);
  });
});
