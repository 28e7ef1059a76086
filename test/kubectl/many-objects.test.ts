// 200 000 items through the simulated kubectl: `push(...items)` with more than ~125 000 items overflowed the
// stack ("Maximum call stack size exceeded", exit 70) in get, jsonpath and describe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshSandbox, runKubectl, type Sandbox } from '../../src/kubectl/index.ts';
import { START, Term } from './helpers.ts';

const N = 200_000;

/** The fresh cluster plus N copies of one of its pods in the default namespace. */
function manyPods(): Sandbox {
  const sb = freshSandbox(START);
  const pod = sb.objects.find((o) => o.kind === 'Pod');
  assert.ok(pod);
  const objects = [...sb.objects];
  for (let i = 0; i < N; i++) {
    const name = `p${i}`;
    objects.push({ ...pod, namespace: 'default', name, engine: undefined, manifest: { ...pod.manifest, metadata: { ...(pod.manifest.metadata as object), name, namespace: 'default' } } });
  }
  return { ...sb, objects };
}

test('get pods -A and jsonpath over 200 000 pods', () => {
  const sb = manyPods();
  const table = runKubectl(sb, ['get', 'pods', '-A'], { now: START });
  assert.equal(table.exitCode, 0, table.stderr);
  const lines = table.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 1 + 2 + N, 'header, the two CoreDNS pods and the copies');
  assert.match(lines[0], /^NAMESPACE\s+NAME\s+READY\s+STATUS/);
  const names = runKubectl(sb, ['get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}'], { now: START });
  assert.equal(names.exitCode, 0, names.stderr);
  assert.equal(names.stdout.split(' ').length, N);
  const byName = runKubectl(sb, ['get', 'pods', 'p0', `p${N - 1}`, '-o', 'name'], { now: START });
  assert.equal(byName.stdout, `pod/p0\npod/p${N - 1}\n`);
});

test('describe networkpolicy with 200 000 ingress rules', () => {
  const t = new Term();
  t.apply('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: wide}\nspec:\n  podSelector: {}\n  ingress:\n  - from: [{podSelector: {}}]\n');
  const rules = Array.from({ length: N }, (_, i) => ({ from: [{ podSelector: { matchLabels: { app: `a${i}` } } }] }));
  const sb: Sandbox = {
    ...t.sb,
    objects: t.sb.objects.map((o) => (o.kind === 'NetworkPolicy' && o.name === 'wide'
      ? { ...o, manifest: { ...o.manifest, spec: { ...(o.manifest.spec as object), ingress: rules } } } : o)),
  };
  const r = runKubectl(sb, ['describe', 'networkpolicy', 'wide'], { now: START });
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(r.stdout, /Allowing ingress traffic:/);
  assert.ok(r.stdout.includes(`app=a${N - 1}`));
});
