// Several `netpol-dojo kubectl` processes on one state directory at the same moment: every change lands
// (the state lock serialises read–change–write), and a writer killed mid-way leaves nothing that blocks or
// litters later commands. Before the lock, 8 concurrent creates kept 1–3 of 8 namespaces.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Sandbox } from '../../src/kubectl/index.ts';
import { runChild, runTogether } from './children.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'npd-conc-'));
const state = (dir: string) => JSON.parse(readFileSync(join(dir, 'cluster.json'), 'utf8')) as Sandbox;
const N = 8;

test(`${N} concurrent "kubectl create namespace" on one state dir: all ${N} namespaces exist`, async () => {
  const dir = tmp();
  try {
    const runs = await runTogether(Array.from({ length: N }, (_, i) => ['kubectl', '--state', dir, 'create', 'namespace', `ns${i}`]));
    for (const [i, r] of runs.entries()) {
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, `namespace/ns${i} created\n`);
    }
    const names = state(dir).objects.filter((o) => o.kind === 'Namespace' && o.name.startsWith('ns')).map((o) => o.name).sort();
    assert.deepEqual(names, Array.from({ length: N }, (_, i) => `ns${i}`).sort());
    assert.deepEqual(readdirSync(dir).sort(), ['cluster.json'], 'no lock or temporary file left behind');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test(`${N} concurrent "kubectl label" on one pod and ${N} concurrent "kubectl run": no label and no pod lost, no IP twice`, async () => {
  const dir = tmp();
  try {
    assert.equal(runChild(['kubectl', '--state', dir, 'run', 'web', '--image=nginx']).status, 0);
    const runs = await runTogether([
      ...Array.from({ length: N }, (_, i) => ['kubectl', '--state', dir, 'label', 'pod', 'web', `k${i}=v${i}`]),
      ...Array.from({ length: N }, (_, i) => ['kubectl', '--state', dir, 'run', `p${i}`, '--image=nginx']),
    ]);
    for (const r of runs) assert.equal(r.code, 0, r.stderr);
    const sb = state(dir);
    const web = sb.objects.find((o) => o.kind === 'Pod' && o.name === 'web');
    const labels = (web?.manifest.metadata as { labels?: Record<string, string> }).labels ?? {};
    for (let i = 0; i < N; i++) assert.equal(labels[`k${i}`], `v${i}`, `label k${i}`);
    const pods = sb.objects.filter((o) => o.kind === 'Pod' && o.namespace === 'default');
    assert.equal(pods.length, N + 1);
    const ips = pods.map((p) => (p.engine?.kind === 'Pod' ? p.engine.value.ip : ''));
    assert.equal(new Set(ips).size, ips.length, `distinct pod IPs: ${ips.join(' ')}`);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('a kubectl killed while holding the lock (with its temporary file written) blocks nothing; the next write cleans up', async () => {
  const dir = tmp();
  try {
    assert.equal(runChild(['kubectl', '--state', dir, 'create', 'ns', 'before']).status, 0);
    // A writer that takes the lock, writes its temporary file and is then killed -9.
    const lockModule = fileURLToPath(new URL('../../src/cli/file-lock.ts', import.meta.url));
    const script = `
      const { acquireLock } = await import(${JSON.stringify(lockModule)});
      const { writeFileSync } = await import('node:fs');
      const l = acquireLock(${JSON.stringify(join(dir, 'cluster.json'))});
      if (!l.ok) process.exit(3);
      writeFileSync(${JSON.stringify(join(dir, '.cluster.json.'))} + process.pid + '.tmp', '{"half":');
      process.stdout.write('locked\\n');
      setTimeout(() => {}, 60000);`;
    const victim = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => victim.stdout.on('data', () => resolve()));
    const exited = new Promise((resolve) => victim.on('exit', resolve));
    victim.kill('SIGKILL');
    await exited;
    assert.ok(existsSync(join(dir, 'cluster.json.lock')));
    assert.ok(existsSync(join(dir, `.cluster.json.${victim.pid}.tmp`)));
    const t0 = Date.now();
    const r = runChild(['kubectl', '--state', dir, 'create', 'ns', 'after']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(Date.now() - t0 < 8000, 'the stale lock was broken, not waited out');
    assert.deepEqual(readdirSync(dir).sort(), ['cluster.json']);
    assert.deepEqual(state(dir).objects.filter((o) => o.kind === 'Namespace' && ['before', 'after'].includes(o.name)).length, 2);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('reads take no lock: get answers at once while another process holds the lock', () => {
  const dir = tmp();
  try {
    assert.equal(runChild(['kubectl', '--state', dir, 'create', 'ns', 'x']).status, 0);
    // A live holder (this test process) keeps the lock: reads still answer at once.
    writeFileSync(join(dir, 'cluster.json.lock'), JSON.stringify({ pid: process.pid, time: new Date().toISOString(), token: 'test' }));
    const r = runChild(['kubectl', '--state', dir, 'get', 'ns', 'x', '-o', 'name']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'namespace/x\n');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
