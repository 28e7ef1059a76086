// `netpol-dojo serve`: flags, the kubeconfig it writes (owner-only, token, certificate), what it prints, and
// that SIGTERM closes it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { runServe } from '../../src/cli/serve-command.ts';
import type { CliIO } from '../../src/cli/io.ts';
import { kubectlOnPath, SKIP_NO_KUBECTL } from './helpers.ts';

function io(env: Record<string, string> = {}): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => { out.push(t); }, stderr: (t) => { err.push(t); }, env, isTTY: false };
}

test('bad flags are usage errors', async () => {
  const a = io();
  assert.equal(await main(['serve', '--port', 'eighty'], a), 2);
  assert.equal(a.err.join(''), 'error: invalid port "eighty": use a number from 0 to 65535 (0: any free port)\n');
  const b = io();
  assert.equal(await main(['serve', '--bogus'], b), 2);
  assert.equal(b.err.join(''), 'error: unknown flag: --bogus\n');
  const c = io();
  assert.equal(await main(['serve', '--help'], c), 0);
  assert.match(c.out.join(''), /^Usage: netpol-dojo serve \[--state DIR\] \[--port N\] \[--kubeconfig FILE\]/);
});

test('serve writes an owner-only kubeconfig, prints the export line, serves until SIGTERM', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'netpol-dojo-serve-cmd-'));
  try {
    const state = join(dir, 'state');
    const file = join(dir, 'kube', 'config');
    const out = io();
    let started: () => void = () => {};
    const up = new Promise<void>((r) => { started = r; });
    const running = runServe(['--state', state, '--kubeconfig', file], out, { onStarted: () => started() });
    await up;
    assert.equal(out.out[0], `export KUBECONFIG=${file}\n`);
    assert.match(out.out[1], new RegExp(`^# serving the sandbox cluster in ${state} at https://127\\.0\\.0\\.1:\\d+ \\(context netpol-dojo\\); Ctrl-C stops\\n$`));
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const kc = readFileSync(file, 'utf8');
    assert.match(kc, /\n {4}token: "[0-9a-f]{64}"\n/);
    assert.match(kc, /\ncurrent-context: "netpol-dojo"\n/);
    assert.match(kc, /\n {4}certificate-authority-data: [A-Za-z0-9+/=]+\n/);
    if (!SKIP_NO_KUBECTL) {
      const r = await new Promise<string>((resolve) => {
        execFile(kubectlOnPath()!, ['get', 'ns', 'kube-system', '-o', 'name'], { env: { ...process.env, KUBECONFIG: file, KUBECACHEDIR: join(dir, 'cache') } }, (_e, stdout, stderr) => resolve(String(stdout) + String(stderr)));
      });
      assert.equal(r, 'namespace/kube-system\n');
    }
    process.emit('SIGTERM');
    assert.equal(await running, 0);
    assert.ok(statSync(join(state, 'cluster.json')).isFile(), 'the fresh cluster was saved for the other processes');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('serve never overwrites a kubeconfig it did not write', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'netpol-dojo-serve-cmd-'));
  try {
    const file = join(dir, 'config');
    writeFileSync(file, 'apiVersion: v1\nkind: Config\n');
    const out = io();
    assert.equal(await main(['serve', '--state', join(dir, 'state'), '--kubeconfig', file], out), 2);
    assert.equal(out.err.join(''), `error: ${file} exists and was not written by netpol-dojo serve: choose another --kubeconfig FILE\n`);
    assert.equal(readFileSync(file, 'utf8'), 'apiVersion: v1\nkind: Config\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('without --state, a running drill is served too, as the context "drill"', async () => {
  const data = mkdtempSync(join(tmpdir(), 'netpol-dojo-serve-drill-'));
  try {
    const drill = join(data, 'drills', 'demo');
    const made = await main(['kubectl', '--state', drill, 'create', 'namespace', 'drill-only'], io());
    assert.equal(made, 0);
    writeFileSync(join(drill, 'drill.json'), JSON.stringify({ format: 'netpol-dojo-drill/1', scenarioId: 'demo', title: 'Demo', mode: 'practice', startedAt: new Date().toISOString(), limitMs: 600_000, hintsShown: 0 }));
    writeFileSync(join(data, 'current-drill.json'), JSON.stringify({ dir: drill }));
    const out = io({ NETPOL_DOJO_DATA_DIR: data });
    let started: () => void = () => {};
    const up = new Promise<void>((r) => { started = r; });
    const running = runServe([], out, { onStarted: () => started(), untilStopped: () => up.then(() => new Promise<void>((r) => setTimeout(r, 10))) });
    await up;
    assert.equal(out.out[2], '# also: drill (the running drill; kubectl config use-context NAME)\n');
    const kc = readFileSync(join(data, 'sandbox', 'serve-kubeconfig.yaml'), 'utf8');
    assert.match(kc, /name: "drill"/);
    assert.match(kc, /server: "https:\/\/127\.0\.0\.1:\d+\/clusters\/drill"/);
    assert.equal(await running, 0);
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});
