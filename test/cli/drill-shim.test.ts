// The exam terminal's shims run from a real child shell: kubectl and k drive the drill's cluster (its
// state folder), task prints the task and the time left; `netpol-dojo env` points a second shell there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeShims } from '../../src/cli/drill-host.ts';
import { runCli } from './run-cli.ts';

test('kubectl, k and task work from /bin/sh in the drill workspace; env prints the exports', async () => {
  const data = mkdtempSync(join(tmpdir(), 'nd-shim-'));
  try {
    const dir = join(data, 'drills', 'demo');
    mkdirSync(join(dir, 'workspace'), { recursive: true });
    writeFileSync(join(dir, 'workspace', 'TASK.md'), '# Demo\n\nCreate namespace shim-test.\n');
    const session = { format: 'netpol-dojo-drill/1', scenarioId: 'demo', title: 'Demo', mode: 'practice', startedAt: new Date().toISOString(), limitMs: 600_000, hintsShown: 0 };
    writeFileSync(join(dir, 'drill.json'), JSON.stringify(session));
    writeFileSync(join(data, 'current-drill.json'), JSON.stringify({ dir }));
    const bin = writeShims(dir);
    const script = 'kubectl create namespace shim-test && k get ns shim-test -o name && task --left && task | head -1';
    const r = spawnSync('/bin/sh', ['-c', script], {
      cwd: join(dir, 'workspace'), encoding: 'utf8', timeout: 60_000,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, NETPOL_DOJO_DATA_DIR: data, NO_COLOR: '1' },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.split('\n').slice(0, 4).join('\n'), 'namespace/shim-test created\nnamespace/shim-test\n' + r.stdout.split('\n')[2] + '\n# Demo');
    assert.match(r.stdout.split('\n')[2], /^(09|10):\d\d left$/);
    const state = JSON.parse(readFileSync(join(dir, 'cluster.json'), 'utf8')) as { objects: { kind: string; name: string }[] };
    assert.ok(state.objects.some((o) => o.kind === 'Namespace' && o.name === 'shim-test'), 'the drill\'s own cluster changed');
    const env = await runCli(['env'], { NETPOL_DOJO_DATA_DIR: data });
    assert.equal(env.code, 0, env.stderr);
    assert.match(env.stdout, new RegExp(`^export NETPOL_DOJO_STATE='${dir}'\nexport NETPOL_DOJO_DRILL='${dir}'\nexport PATH='${bin}':"\\$PATH"\nalias k=kubectl\n`));
    const none = await runCli(['env'], { NETPOL_DOJO_DATA_DIR: join(data, 'elsewhere') });
    assert.equal(none.code, 1);
    assert.match(none.stderr, /no drill is running/);
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});
