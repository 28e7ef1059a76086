// The drill and exam terminal's choice of kubectl: the mode, the real binary on PATH (never one of our shims),
// the kubeconfig written with mode 0600, the version the screen names, and the fallback labels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeShims } from '../../src/cli/drill-host.ts';
import { chooseRealKubectl, closeAllRealKubectl, findRealKubectl, kubectlMode, minorOf, REAL_SHIM_MARK, type StartServe } from '../../src/cli/real-kubectl.ts';

function fakeKubectl(dir: string, version: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'kubectl');
  writeFileSync(file, `#!/bin/sh\n[ -n "$KUBECONFIG" ] || exit 3\necho '{"clientVersion":{"gitVersion":"${version}"}}'\n`);
  chmodSync(file, 0o755);
  return file;
}

test('kubectlMode: flag over environment, auto by default, bad values named', () => {
  assert.deepEqual(kubectlMode({}), { ok: true, mode: 'auto' });
  assert.deepEqual(kubectlMode({ NETPOL_DOJO_KUBECTL: 'builtin' }), { ok: true, mode: 'builtin' });
  assert.deepEqual(kubectlMode({ NETPOL_DOJO_KUBECTL: 'builtin' }, 'real'), { ok: true, mode: 'real' });
  const bad = kubectlMode({ NETPOL_DOJO_KUBECTL: 'kubectl-1.31' });
  assert.equal(bad.ok, false);
  assert.match(!bad.ok ? bad.error : '', /NETPOL_DOJO_KUBECTL must be one of auto, real, builtin, not "kubectl-1.31"/);
  assert.equal(minorOf('v1.31.4'), '1.31');
});

test('findRealKubectl skips the drill shims and non-executables, takes the first real one on PATH', () => {
  const root = mkdtempSync(join(tmpdir(), 'nd-real-'));
  try {
    const shimBin = writeShims(join(root, 'drill'));
    const notExec = join(root, 'noexec');
    mkdirSync(notExec);
    writeFileSync(join(notExec, 'kubectl'), 'not a program');
    const real = fakeKubectl(join(root, 'real'), 'v1.31.4');
    assert.equal(findRealKubectl({ PATH: [shimBin, notExec, join(root, 'missing'), join(root, 'real')].join(':') }), real);
    assert.equal(findRealKubectl({ PATH: [shimBin, notExec].join(':') }), undefined);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('chooseRealKubectl: builtin and missing kubectl fall back with a label; real starts serve, writes a 0600 kubeconfig, names the version', async () => {
  const root = mkdtempSync(join(tmpdir(), 'nd-real-'));
  try {
    const calls: unknown[] = [];
    let closed = 0;
    const startServe: StartServe = async (o) => {
      calls.push(o);
      return {
        url: 'http://127.0.0.1:1', port: 1, token: 't0k3n',
        kubeconfigText: (ctx) => `apiVersion: v1\nkind: Config\ncurrent-context: ${ctx}\n`,
        close: async () => { closed++; },
      };
    };
    const clusters = [{ name: 'drill', stateDir: join(root, 'd') }];
    const builtin = chooseRealKubectl({ mode: 'builtin', startServe }, { PATH: '' }, root, clusters, 'drill');
    assert.equal(builtin.real, undefined);
    assert.equal(!builtin.real && builtin.label, 'built-in kubectl');
    const none = chooseRealKubectl({ mode: 'real', startServe }, { PATH: join(root, 'nothing') }, root, clusters, 'drill');
    assert.equal(!none.real && none.label, 'built-in kubectl (no kubectl on PATH)');

    const bin = join(root, 'bin');
    fakeKubectl(bin, 'v1.31.4-dispatcher');
    const chosen = chooseRealKubectl({ mode: 'auto', startServe }, { PATH: bin }, root, clusters, 'drill');
    assert.ok(chosen.real);
    const up = await chosen.real.ready;
    assert.deepEqual(up, { ok: true });
    assert.equal(chosen.real.label(), 'real kubectl 1.31');
    assert.deepEqual(calls, [{ clusters, host: '127.0.0.1' }]);
    const kc = chosen.real.kubeconfig;
    assert.equal(readFileSync(kc, 'utf8'), 'apiVersion: v1\nkind: Config\ncurrent-context: drill\n');
    assert.equal(statSync(kc).mode & 0o777, 0o600);

    const shimBin = writeShims(join(root, 'drill-real'), { real: { binary: join(bin, 'kubectl'), kubeconfig: kc } });
    assert.ok(readFileSync(join(shimBin, 'kubectl'), 'utf8').includes(REAL_SHIM_MARK));

    await closeAllRealKubectl();
    assert.equal(closed, 1);
    await chosen.real.close();
    assert.equal(closed, 1, 'closing twice closes the server once');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('an older kubectl is named with the limit it meets through serve: exec needs 1.30+', async () => {
  const root = mkdtempSync(join(tmpdir(), 'nd-real-'));
  try {
    const bin = join(root, 'bin');
    fakeKubectl(bin, 'v1.28.15');
    const startServe: StartServe = async () => ({ url: 'https://127.0.0.1:1', port: 1, token: 't', kubeconfigText: () => 'apiVersion: v1\n', close: async () => {} });
    const chosen = chooseRealKubectl({ mode: 'auto', startServe }, { PATH: bin }, root, [{ name: 'drill', stateDir: root }], 'drill');
    assert.ok(chosen.real);
    await chosen.real.ready;
    assert.equal(chosen.real.label(), 'real kubectl 1.28 (exec needs 1.30+)');
    await chosen.real.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a server that fails to start is reported, and the label says the built-in kubectl is used', async () => {
  const root = mkdtempSync(join(tmpdir(), 'nd-real-'));
  try {
    const bin = join(root, 'bin');
    fakeKubectl(bin, 'v1.31.4');
    const startServe: StartServe = async () => { throw new Error('listen EADDRINUSE'); };
    const chosen = chooseRealKubectl({ mode: 'real', startServe }, { PATH: bin }, root, [{ name: 'drill', stateDir: root }], 'drill');
    assert.ok(chosen.real);
    const up = await chosen.real.ready;
    assert.deepEqual(up, { ok: false, error: "the simulator's API server did not start: listen EADDRINUSE" });
    assert.equal(chosen.real.label(), 'built-in kubectl (real kubectl: server failed)');
    await chosen.real.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
