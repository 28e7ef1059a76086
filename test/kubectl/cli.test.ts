// netpol-dojo kubectl: one cluster across invocations in --state DIR / $NETPOL_DOJO_STATE, reset, errors.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultStateDir, runKubectlCommand } from '../../src/cli/kubectl-command.ts';
import { main } from '../../src/cli/main.ts';
import type { CliIO } from '../../src/cli/io.ts';

function io(env: Record<string, string | undefined> = {}) {
  const out = { stdout: '', stderr: '' };
  const cli: CliIO = { stdout: (t) => { out.stdout += t; }, stderr: (t) => { out.stderr += t; }, env, isTTY: false };
  return { cli, out };
}

test('successive invocations see one cluster; reset restores the fresh one', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'npd-kubectl-'));
  try {
    let x = io();
    assert.equal(await runKubectlCommand(['--state', dir, 'create', 'ns', 'secure'], x.cli), 0);
    assert.equal(x.out.stdout, 'namespace/secure created\n');
    x = io();
    assert.equal(await runKubectlCommand([`--state=${dir}`, 'run', 'web', '-n', 'secure', '--image=nginx'], x.cli), 0);
    x = io({ NETPOL_DOJO_STATE: dir });
    assert.equal(await main(['k', 'get', 'pods', '-n', 'secure', '-o', 'name'], x.cli), 0);
    assert.equal(x.out.stdout, 'pod/web\n');
    assert.deepEqual(readdirSync(dir), ['cluster.json'], 'no temporary files left behind');
    x = io({ NETPOL_DOJO_STATE: dir });
    assert.equal(await main(['kubectl', 'exec', '-n', 'secure', 'web', '--', 'curl', '-s', '-m', '1', 'nope'], x.cli), 6);
    assert.equal(x.out.stderr, 'command terminated with exit code 6\n');
    x = io();
    assert.equal(await runKubectlCommand(['--state', dir, 'reset'], x.cli), 0);
    x = io();
    assert.equal(await runKubectlCommand(['--state', dir, 'get', 'ns', 'secure'], x.cli), 1);
    assert.equal(x.out.stderr, 'Error from server (NotFound): namespaces "secure" not found\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('-f reads files; a damaged state file is a usage error that names the fix', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'npd-kubectl-'));
  try {
    const file = join(dir, 'np.yaml');
    writeFileSync(file, 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny}\nspec: {podSelector: {}}\n');
    const state = join(dir, 'state');
    let x = io();
    assert.equal(await runKubectlCommand(['--state', state, 'apply', '-f', file], x.cli), 0);
    assert.equal(x.out.stdout, 'networkpolicy.networking.k8s.io/deny created\n');
    assert.match(readFileSync(join(state, 'cluster.json'), 'utf8'), /"name":"deny"/);
    writeFileSync(join(state, 'cluster.json'), '{not json');
    x = io({ NETPOL_DOJO_STATE: state });
    assert.equal(await main(['kubectl', 'get', 'pods'], x.cli), 2);
    assert.match(x.out.stderr, /damaged .* run "netpol-dojo kubectl reset"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('default state directory', () => {
  assert.equal(defaultStateDir({ NETPOL_DOJO_STATE: '/s' }), '/s');
  assert.equal(defaultStateDir({ XDG_DATA_HOME: '/data' }), '/data/netpol-dojo/sandbox');
  assert.equal(defaultStateDir({ HOME: '/home/u' }), '/home/u/.local/share/netpol-dojo/sandbox');
});
