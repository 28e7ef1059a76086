// A state file that is JSON but not a sandbox (null objects, counters null or {}, missing manifest, an
// engine view of the wrong kind, …) is reported as damaged (exit 2, the same message as unparsable text),
// never a crash or a hang; "kubectl reset" recovers. What the simulated API server stores always passes.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../../src/cli/main.ts';
import type { CliIO } from '../../src/cli/io.ts';
import { freshSandbox, runKubectl, type Sandbox } from '../../src/kubectl/index.ts';
import { parseSandbox } from '../../src/kubectl/state-schema.ts';
import { runChild } from '../cli/children.ts';

const NOW = '2025-03-01T10:00:00Z';

async function kubectl(dir: string, ...args: string[]) {
  const out = { stdout: '', stderr: '' };
  const io: CliIO = { stdout: (t) => { out.stdout += t; }, stderr: (t) => { out.stderr += t; }, env: { NETPOL_DOJO_STATE: dir }, isTTY: false };
  const code = await main(['kubectl', ...args], io);
  return { code, ...out };
}

function withPod(): Sandbox {
  let sb = freshSandbox(NOW);
  for (const line of ['run web --image=nginx --port=80', 'expose pod web --port=80 --type=NodePort', 'create deployment api --image=nginx --replicas=2',
    'label pod web tier=front']) {
    const r = runKubectl(sb, line.split(' '), { now: NOW });
    assert.equal(r.exitCode, 0, r.stderr);
    sb = r.sandbox;
  }
  return JSON.parse(JSON.stringify(sb)) as Sandbox;
}

type Mutable = Record<string, unknown> & { objects: Record<string, unknown>[]; counters: Record<string, unknown> };
const podIndex = (sb: Mutable) => sb.objects.findIndex((o) => o.kind === 'Pod' && o.name === 'web');

const VARIANTS: Record<string, (sb: Mutable) => unknown> = {
  'top level null': () => null,
  'top level list': () => [],
  'top level number': () => 42,
  'objects is an object': (sb) => ({ ...sb, objects: {} }),
  'a null object': (sb) => ({ ...sb, objects: [...sb.objects, null] }),
  'counters null': (sb) => ({ ...sb, counters: null }),
  'counters {}': (sb) => ({ ...sb, counters: {} }),
  'counters negative': (sb) => ({ ...sb, counters: { ...sb.counters, podIP: -1 } }),
  'counters as text': (sb) => ({ ...sb, counters: { ...sb.counters, serial: '7' } }),
  'missing manifest': (sb) => ({ ...sb, objects: sb.objects.map((o, i) => (i === podIndex(sb) ? { ...o, manifest: undefined } : o)) }),
  'manifest null': (sb) => ({ ...sb, objects: sb.objects.map((o, i) => (i === podIndex(sb) ? { ...o, manifest: null } : o)) }),
  'manifest without metadata': (sb) => ({ ...sb, objects: sb.objects.map((o, i) => (i === podIndex(sb) ? { ...o, manifest: { apiVersion: 'v1', kind: 'Pod' } } : o)) }),
  'engine of another kind': (sb) => ({ ...sb, objects: sb.objects.map((o, i) => (i === podIndex(sb) ? { ...o, engine: { kind: 'Namespace', value: { name: 'web', labels: {}, declared: true } } } : o)) }),
  'pod without engine view': (sb) => ({ ...sb, objects: sb.objects.map((o, i) => (i === podIndex(sb) ? { ...o, engine: undefined } : o)) }),
  'engine pod containers null': (sb) => ({ ...sb, objects: sb.objects.map((o, i) => (i === podIndex(sb) ? { ...o, engine: { kind: 'Pod', value: { ...(o.engine as { value: object }).value, containers: null } } } : o)) }),
  'unknown kind': (sb) => ({ ...sb, objects: [...sb.objects, { ...sb.objects[podIndex(sb)], kind: 'Secret' }] }),
  'an object stored twice': (sb) => ({ ...sb, objects: [...sb.objects, sb.objects[podIndex(sb)]] }),
  'other format': (sb) => ({ ...sb, format: 'netpol-dojo-sandbox/2' }),
};

test('what the simulated API server stores passes the state check', () => {
  assert.deepEqual(parseSandbox(JSON.parse(JSON.stringify(freshSandbox(NOW)))).ok, true);
  const r = parseSandbox(withPod());
  assert.equal(r.ok, true, r.ok ? '' : r.error);
});

test('every damaged shape is named by the state check', () => {
  for (const [name, damage] of Object.entries(VARIANTS)) {
    const r = parseSandbox(JSON.parse(JSON.stringify(damage(withPod() as unknown as Mutable)) ?? 'null'));
    assert.equal(r.ok, false, name);
  }
  const r = parseSandbox(VARIANTS['counters {}'](withPod() as unknown as Mutable));
  assert.match(!r.ok ? r.error : '', /^counters\.serial: /);
});

test('each damaged state file: every command exits 2 with the damage message, no stack trace; reset recovers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'npd-damage-'));
  try {
    for (const [name, damage] of Object.entries(VARIANTS)) {
      writeFileSync(join(dir, 'cluster.json'), JSON.stringify(damage(withPod() as unknown as Mutable)) ?? 'null');
      const before = readFileSync(join(dir, 'cluster.json'), 'utf8');
      for (const args of [['get', 'pods'], ['run', 'x', '--image=nginx'], ['create', 'ns', 'y'], ['describe', 'pod', 'web'], ['exec', 'web', '--', 'curl', '-s', 'web']]) {
        const r = await kubectl(dir, ...args);
        assert.equal(r.code, 2, `${name}: kubectl ${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, /^error: the sandbox state .*cluster\.json is damaged or from another version \(.+\); run "netpol-dojo kubectl reset" to start a fresh cluster\n$/, `${name}: ${args.join(' ')}`);
        assert.equal(r.stdout, '');
      }
      assert.equal(readFileSync(join(dir, 'cluster.json'), 'utf8'), before, `${name}: the damaged file is not overwritten`);
    }
    assert.equal((await kubectl(dir, 'reset')).code, 0);
    assert.equal((await kubectl(dir, 'run', 'x', '--image=nginx')).code, 0);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('"counters": {} no longer makes kubectl run spin (checked in a child process with a time limit)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'npd-damage-'));
  try {
    writeFileSync(join(dir, 'cluster.json'), JSON.stringify({ ...withPod(), counters: {} }));
    const r = runChild(['kubectl', '--state', dir, 'run', 'x', '--image=nginx'], {}, 20_000);
    assert.equal(r.signal, null, 'finished in time');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /damaged .*counters/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
