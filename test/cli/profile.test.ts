// --profile NAME (or NETPOL_DOJO_PROFILE): separate progress files and data folders per learner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.ts';

test('profiles keep separate sandboxes and progress; bad names are refused', async () => {
  const data = mkdtempSync(join(tmpdir(), 'nd-prof-'));
  const env = { NETPOL_DOJO_DATA_DIR: data, NETPOL_DOJO_CONFIG_DIR: join(data, 'conf') };
  try {
    assert.equal((await runCli(['--profile', 'ann', 'kubectl', 'create', 'namespace', 'only-ann'], env)).code, 0);
    assert.ok(existsSync(join(data, 'profiles', 'ann', 'sandbox', 'cluster.json')));
    const bob = await runCli(['kubectl', 'get', 'ns', 'only-ann'], { ...env, NETPOL_DOJO_PROFILE: 'bob' });
    assert.equal(bob.code, 1, 'bob has his own cluster');
    assert.equal((await runCli(['kubectl', 'get', 'ns', 'only-ann', '--profile=ann'], env)).code, 0);
    const exported = await runCli(['progress', 'export', '--profile', 'ann'], env);
    assert.equal(exported.code, 0, exported.stderr);
    assert.equal(JSON.parse(exported.stdout).schemaVersion, 3);
    const bad = await runCli(['--profile', '../etc', 'progress', 'show'], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /invalid profile name/);
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});
