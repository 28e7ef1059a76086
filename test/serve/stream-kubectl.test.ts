// The real kubectl's exec, attach (run -it) and logs against `netpol-dojo serve` (skipped when kubectl is missing).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { Harness, kubectlOnPath, kubectlRelease, SKIP_NO_KUBECTL } from './helpers.ts';

const SCRIPT = ['/usr/bin/script', '/bin/script'].find((p) => existsSync(p));

const DENY_WEB2 = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web2-deny-all
spec:
  podSelector:
    matchLabels:
      app: web2
  policyTypes: [Ingress]
`;

/**
 * Runs kubectl inside a pseudo-terminal (util-linux script), as a learner at a terminal does; `keys` are typed
 * one batch at a time, each once the output shows the text it waits for.
 */
function inTerminal(h: Harness, args: readonly string[], keys: readonly { after: string; type: string }[], bin = kubectlOnPath() ?? 'kubectl'): Promise<{ code: number; output: string }> {
  const quoted = [bin, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn(SCRIPT ?? 'script', ['-qfec', quoted, '/dev/null'], { env: h.env(), stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let next = 0;
  let from = 0;
  const feed = (): void => {
    while (next < keys.length) {
      const at = out.indexOf(keys[next].after, from);
      if (at < 0) return;
      from = at + keys[next].after.length;
      child.stdin.write(keys[next].type);
      next++;
    }
  };
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); feed(); });
  child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) => {
    child.on('close', (code) => { clearTimeout(timer); resolve({ code: code ?? -1, output: out }); });
  });
}

describe('real kubectl: exec, run -it and logs through serve', { skip: SKIP_NO_KUBECTL }, () => {
  let h: Harness;

  before(async () => {
    h = await Harness.start();
    for (const args of [
      ['run', 'web', '--image=nginx', '--port=80', '-l', 'app=web'],
      ['expose', 'pod', 'web', '--port=80'],
      ['run', 'web2', '--image=nginx', '--port=80', '-l', 'app=web2'],
      ['expose', 'pod', 'web2', '--port=80'],
      ['run', 'client', '--image=busybox', '--', 'sleep', '3600'],
      ['run', 'shoot', '--image=nicolaka/netshoot', '--', 'sleep', '3600'],
    ]) {
      const r = await h.kubectl(args);
      assert.equal(r.code, 0, r.stderr);
    }
    const p = await h.kubectl(['apply', '-f', '-'], { stdin: DENY_WEB2 });
    assert.equal(p.stdout, 'networkpolicy.networking.k8s.io/web2-deny-all created\n');
  });
  after(async () => { await h?.close(); });

  it('exit code 0 with the command\'s stdout', async () => {
    const r = await h.kubectl(['exec', 'client', '--', 'wget', '-qO-', '-T', '2', 'http://web']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /<title>Welcome to nginx!<\/title>/);
    assert.equal(r.stderr, '');
  });

  it('exit code 1 (a failing command), its stderr kept apart from stdout', async () => {
    const r = await h.kubectl(['exec', 'client', '--', 'sh', '-c', 'echo out; echo err >&2; exit 1']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, 'out\n');
    assert.equal(r.stderr, 'err\ncommand terminated with exit code 1\n');
  });

  it('exit code 126: busybox has no curl', async () => {
    const r = await h.kubectl(['exec', 'client', '--', 'curl', '-sS', 'web']);
    assert.equal(r.code, 126);
    assert.match(r.stderr, /^OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in \$PATH: unknown\n/);
    assert.match(r.stderr, /command terminated with exit code 126\n$/);
  });

  it('exit code 28: curl times out on a connection a NetworkPolicy denies', async () => {
    const ok = await h.kubectl(['exec', 'shoot', '--', 'curl', '-sS', '-m', '2', '-o', '/dev/null', '-w', '%{http_code}', 'web']);
    assert.deepEqual([ok.code, ok.stdout], [0, '200']);
    const denied = await h.kubectl(['exec', 'shoot', '--', 'curl', '-sS', '-m', '2', 'web2']);
    assert.equal(denied.code, 28);
    assert.equal(denied.stdout, '');
    assert.match(denied.stderr, /^curl: \(28\) /);
    assert.match(denied.stderr, /command terminated with exit code 28\n$/);
  });

  it('a missing pod and a missing container are the API server\'s errors', async () => {
    const pod = await h.kubectl(['exec', 'ghost', '--', 'ls']);
    assert.deepEqual([pod.code, pod.stderr], [1, 'Error from server (NotFound): pods "ghost" not found\n']);
    const ctr = await h.kubectl(['exec', 'client', '-c', 'nope', '--', 'ls']);
    assert.equal(ctr.code, 1);
    assert.match(ctr.stderr, /container nope is not valid for pod client/);
  });

  it('exec -i: piped lines run in the shell, exit N becomes kubectl\'s exit code', async () => {
    const r = await h.kubectl(['exec', '-i', 'client', '--', 'sh'], { stdin: 'echo first\nhostname\nexit 4\n' });
    assert.equal(r.stdout, 'first\nclient\n');
    assert.equal(r.stderr, 'command terminated with exit code 4\n');
    assert.equal(r.code, 4);
  });

  it('exec -it sh at a terminal: prompt, echo, output, exit', { skip: SCRIPT ? false : 'script (util-linux) is not installed' }, async () => {
    const r = await inTerminal(h, ['exec', '-it', 'client', '--', 'sh'], [
      { after: '/ # ', type: 'hostname\r' },
      { after: 'client\r\n/ # ', type: 'exit 3\r' },
    ]);
    assert.equal(r.output, '/ # hostname\r\nclient\r\n/ # exit 3\r\ncommand terminated with exit code 3\r\n');
    assert.equal(r.code, 3);
  });

  it('run --rm -it with a shell: the session, then the pod is deleted', { skip: SCRIPT ? false : 'script (util-linux) is not installed' }, async () => {
    const r = await inTerminal(h, ['run', 'tmp', '--rm', '-it', '--image=busybox', '--restart=Never', '--', 'sh'], [
      { after: '/ # ', type: 'wget -qO- -T 2 http://web | grep title\r' },
      { after: '</title>\r\n/ # ', type: 'exit\r' },
    ]);
    assert.equal(r.output, "If you don't see a command prompt, try pressing enter.\r\n/ # wget -qO- -T 2 http://web | grep title\r\n<title>Welcome to nginx!</title>\r\n/ # exit\r\npod \"tmp\" deleted\r\n");
    assert.equal(r.code, 0);
    const gone = await h.kubectl(['get', 'pod', 'tmp']);
    assert.equal(gone.stderr, 'Error from server (NotFound): pods "tmp" not found\n');
  });

  it('run --rm -it with a one-shot command at a terminal: the output, then the pod is deleted', { skip: SCRIPT ? false : 'script (util-linux) is not installed' }, async () => {
    const r = await inTerminal(h, ['run', 'probe-tty', '--rm', '-it', '--image=busybox', '--restart=Never', '--', 'wget', '-qO-', '-T', '2', 'http://web'], []);
    assert.match(r.output, /^If you don't see a command prompt, try pressing enter\.\r\n<!DOCTYPE html>\r\n[\s\S]*<\/html>\r\npod "probe-tty" deleted\r\n$/);
    assert.equal(r.code, 0);
  });

  it('run --rm -i with a one-shot command: its output, its exit code, the pod deleted', async () => {
    const ok = await h.kubectl(['run', 'probe', '--rm', '-i', '--image=busybox', '--restart=Never', '--', 'wget', '-qO-', '-T', '2', 'http://web']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /<title>Welcome to nginx!<\/title>\n/);
    assert.match(ok.stdout, /pod "probe" deleted\n$/);
    const bad = await h.kubectl(['run', 'probe2', '--rm', '-i', '--image=busybox', '--restart=Never', '--', 'wget', '-qO-', '-T', '2', 'http://web2']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /wget: download timed out\n/);
    assert.match(bad.stderr, /pod default\/probe2 terminated \(Error\)/);
  });

  it('logs: the access line a request left, --tail, --timestamps, -p, -f', async () => {
    const before = await h.kubectl(['logs', 'web']);
    await h.kubectl(['exec', 'shoot', '--', 'curl', '-s', '-o', '/dev/null', 'web/hello']);
    const r = await h.kubectl(['logs', 'web', '--tail=1']);
    assert.match(r.stdout, /^\d+\.\d+\.\d+\.\d+ - - \[[^\]]+\] "GET \/hello HTTP\/1\.1" 404 \d+ "-" "curl\/[\d.]+" "-"\n$/);
    const all = await h.kubectl(['logs', 'web']);
    assert.equal(all.stdout.split('\n').length, before.stdout.split('\n').length + 1);
    const ts = await h.kubectl(['logs', 'web', '--tail=1', '--timestamps']);
    assert.match(ts.stdout, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z \d+\.\d+\.\d+\.\d+ - - /);
    assert.equal((await h.kubectl(['logs', 'web', '--since=1h'])).stdout, all.stdout);
    assert.equal((await h.kubectl(['logs', 'web', '--since-time=2099-01-01T00:00:00Z'])).stdout, '');
    const prev = await h.kubectl(['logs', 'web', '-p']);
    assert.deepEqual([prev.code, prev.stderr], [1, 'Error from server (BadRequest): previous terminated container "web" in pod "web" not found\n']);
    const denied = await h.kubectl(['exec', 'shoot', '--', 'curl', '-s', '-m', '1', 'web2']);
    assert.equal(denied.code, 28);
    assert.doesNotMatch((await h.kubectl(['logs', 'web2'])).stdout, /curl\//);

    const f = h.follow(['logs', '-f', 'web', '--tail=1']);
    try {
      await f.lines(1);
      await h.kubectl(['exec', 'client', '--', 'wget', '-qO-', 'http://web/followed']);
      const lines = await f.lines(2);
      assert.match(lines[1], /"GET \/followed HTTP\/1\.1" 404 \d+ "-" "Wget" "-"$/);
    } finally {
      f.stop();
    }
  });

  for (const minor of ['1.27', '1.28', '1.29']) {
    const bin = kubectlRelease(minor);
    it(`kubectl ${minor} (SPDY) is told that exec needs kubectl 1.30 or newer`, { skip: bin ? false : `kubectl.${minor} is not installed` }, async () => {
      const r = await h.kubectl(['exec', 'client', '--', 'hostname'], { bin });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^Error from server \(BadRequest\): netpol-dojo serve streams exec and attach over WebSocket only.*kubectl v1\.30 or newer/);
    });
  }

  it('kubectl 1.29 with KUBECTL_REMOTE_COMMAND_WEBSOCKETS=true works', { skip: kubectlRelease('1.29') ? false : 'kubectl.1.29 is not installed' }, async () => {
    const r = await h.kubectl(['exec', 'client', '--', 'hostname'], { bin: kubectlRelease('1.29'), env: { KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'true' } });
    assert.deepEqual([r.code, r.stdout], [0, 'client\n']);
  });

  for (const minor of ['1.30', '1.32', '1.33']) {
    const bin = kubectlRelease(minor);
    it(`kubectl ${minor}: exec exit codes, exec -it and run --rm -it at a terminal`, { skip: !bin ? `kubectl.${minor} is not installed` : SCRIPT ? false : 'script (util-linux) is not installed' }, async () => {
      const ok = await h.kubectl(['exec', 'client', '--', 'hostname'], { bin });
      assert.deepEqual([ok.code, ok.stdout], [0, 'client\n']);
      const bad = await h.kubectl(['exec', 'client', '--', 'sh', '-c', 'exit 5'], { bin });
      assert.deepEqual([bad.code, bad.stderr], [5, 'command terminated with exit code 5\n']);
      const sh = await inTerminal(h, ['exec', '-it', 'client', '--', 'sh'], [{ after: '/ # ', type: 'exit 6\r' }], bin);
      assert.deepEqual([sh.code, sh.output], [6, '/ # exit 6\r\ncommand terminated with exit code 6\r\n']);
      const run = await inTerminal(h, ['run', `tmp${minor.replace('.', '')}`, '--rm', '-it', '--image=busybox', '--', 'sh'], [{ after: '/ # ', type: 'exit\r' }], bin);
      assert.equal(run.output, `If you don't see a command prompt, try pressing enter.\r\n/ # exit\r\nSession ended, resume using 'kubectl attach tmp${minor.replace('.', '')} -c tmp${minor.replace('.', '')} -i -t' command when the pod is running\r\npod "tmp${minor.replace('.', '')}" deleted\r\n`);
      assert.equal(run.code, 0);
    });
  }
});
