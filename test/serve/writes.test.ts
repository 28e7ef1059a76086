// Round trips of the write verbs with the real kubectl: apply (client-side, server-side), edit with a scripted
// editor, patch of the three types, label, annotate, scale, delete; fieldValidation Strict/Warn/Ignore.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync } from 'node:fs';
import { Harness, SKIP_NO_KUBECTL } from './helpers.ts';

let h: Harness;
before(async () => {
  if (SKIP_NO_KUBECTL) return;
  h = await Harness.start();
  await h.kubectl(['create', 'namespace', 'app']);
});
after(async () => { await h?.close(); });

const policy = (selector: string, extra = '') => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db
  namespace: app
spec:
  ${selector}:
    matchLabels:
      role: db
  policyTypes: [Ingress]${extra}
`;

async function jsonOf(args: string[]): Promise<Record<string, any>> {
  const r = await h.kubectl([...args, '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('apply creates, re-apply configures, the last-applied annotation is kept', { skip: SKIP_NO_KUBECTL }, async () => {
  const file = h.file('db.yaml', policy('podSelector'));
  assert.equal((await h.kubectl(['apply', '-f', file])).stdout, 'networkpolicy.networking.k8s.io/db created\n');
  const again = await h.kubectl(['apply', '-f', file]);
  assert.match(again.stdout, /^networkpolicy\.networking\.k8s\.io\/db (unchanged|configured)\n$/);
  const obj = await jsonOf(['-n', 'app', 'get', 'netpol', 'db']);
  assert.ok(obj.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'].includes('"role":"db"'));
  const changed = h.file('db2.yaml', policy('podSelector', '\n  ingress:\n  - ports:\n    - port: 5432'));
  assert.equal((await h.kubectl(['apply', '-f', changed])).stdout, 'networkpolicy.networking.k8s.io/db configured\n');
  const after = await jsonOf(['-n', 'app', 'get', 'netpol', 'db']);
  assert.deepEqual(after.spec.ingress, [{ ports: [{ port: 5432, protocol: 'TCP' }] }]);
  assert.equal(after.metadata.generation, 2);
});

test('fieldValidation: Strict refuses an unknown field, Ignore drops it, Warn drops it with a warning', { skip: SKIP_NO_KUBECTL }, async () => {
  const typo = h.file('typo.yaml', policy('podselector').replace('name: db', 'name: typo'));
  const strict = await h.kubectl(['apply', '-f', typo]);
  assert.equal(strict.code, 1);
  assert.equal(strict.stderr, `Error from server (BadRequest): error when creating "${typo}": NetworkPolicy in version "v1" cannot be handled as a NetworkPolicy: strict decoding error: unknown field "spec.podselector"\n`);
  const warn = await h.kubectl(['apply', '-f', typo, '--validate=warn']);
  assert.equal(warn.code, 0, warn.stderr);
  assert.equal(warn.stderr, 'Warning: unknown field "spec.podselector"\n');
  const obj = await jsonOf(['-n', 'app', 'get', 'netpol', 'typo']);
  assert.deepEqual(obj.spec.podSelector, {}, 'the typo left an empty selector: every pod of the namespace');
  await h.kubectl(['-n', 'app', 'delete', 'netpol', 'typo']);
  const ignore = await h.kubectl(['create', '-f', typo, '--validate=false']);
  assert.equal(ignore.stdout, 'networkpolicy.networking.k8s.io/typo created\n');
  assert.equal(ignore.stderr, '');
});

test('invalid objects are refused with the API server\'s words', { skip: SKIP_NO_KUBECTL }, async () => {
  const bad = h.file('bad.yaml', policy('podSelector', '\n  ingress:\n  - ports:\n    - port: 70000').replace('name: db', 'name: bad'));
  const r = await h.kubectl(['apply', '-f', bad]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^The NetworkPolicy "bad" is invalid: spec\.ingress\[0\]\.ports\[0\]\.port: Invalid value: 70000: must be between 1 and 65535, inclusive\n$/);
});

test('patch (strategic, merge, json), label, annotate and their removal', { skip: SKIP_NO_KUBECTL }, async () => {
  const ns = ['-n', 'app'];
  assert.equal((await h.kubectl([...ns, 'patch', 'netpol', 'db', '-p', '{"spec":{"podSelector":{"matchLabels":{"tier":"data"}}}}'])).stdout, 'networkpolicy.networking.k8s.io/db patched\n');
  let o = await jsonOf([...ns, 'get', 'netpol', 'db']);
  assert.deepEqual(o.spec.podSelector.matchLabels, { role: 'db', tier: 'data' });
  await h.kubectl([...ns, 'patch', 'netpol', 'db', '--type=merge', '-p', '{"spec":{"podSelector":{"matchLabels":{"tier":null}}}}']);
  await h.kubectl([...ns, 'patch', 'netpol', 'db', '--type=json', '-p', '[{"op":"add","path":"/spec/policyTypes/-","value":"Egress"}]']);
  o = await jsonOf([...ns, 'get', 'netpol', 'db']);
  assert.deepEqual(o.spec.podSelector.matchLabels, { role: 'db' });
  assert.deepEqual(o.spec.policyTypes, ['Ingress', 'Egress']);
  const failed = await h.kubectl([...ns, 'patch', 'netpol', 'db', '--type=json', '-p', '[{"op":"remove","path":"/spec/nothing"}]']);
  assert.equal(failed.code, 1);
  assert.match(failed.stderr, /^Error from server \(BadRequest\): remove operation does not apply: doc is missing path: "\/spec\/nothing"/);
  assert.equal((await h.kubectl([...ns, 'label', 'netpol', 'db', 'team=red'])).stdout, 'networkpolicy.networking.k8s.io/db labeled\n');
  assert.equal((await h.kubectl([...ns, 'annotate', 'netpol', 'db', 'owner=ops'])).stdout, 'networkpolicy.networking.k8s.io/db annotated\n');
  o = await jsonOf([...ns, 'get', 'netpol', 'db']);
  assert.equal(o.metadata.labels.team, 'red');
  assert.equal(o.metadata.annotations.owner, 'ops');
  const clash = await h.kubectl([...ns, 'label', 'netpol', 'db', 'team=blue']);
  assert.match(clash.stderr, /'team' already has a value \(red\), and --overwrite is false/);
  await h.kubectl([...ns, 'label', 'netpol', 'db', 'team-']);
  o = await jsonOf([...ns, 'get', 'netpol', 'db']);
  assert.equal(o.metadata.labels, undefined);
});

test('edit with $EDITOR saves the change; an unchanged file cancels', { skip: SKIP_NO_KUBECTL }, async () => {
  const editor = h.file('editor.sh', '#!/bin/sh\nsed -i "s/role: db/role: database/" "$1"\n');
  chmodSync(editor, 0o755);
  const r = await h.kubectl(['-n', 'app', 'edit', 'netpol', 'db'], { env: { EDITOR: editor, KUBE_EDITOR: editor } });
  assert.equal(r.stdout, 'networkpolicy.networking.k8s.io/db edited\n', r.stderr);
  const o = await jsonOf(['-n', 'app', 'get', 'netpol', 'db']);
  assert.deepEqual(o.spec.podSelector.matchLabels, { role: 'database' });
  const same = await h.kubectl(['-n', 'app', 'edit', 'netpol', 'db'], { env: { EDITOR: 'true', KUBE_EDITOR: 'true' } });
  assert.equal(same.stdout + same.stderr, 'Edit cancelled, no changes made.\n');
});

test('a stale resourceVersion is a conflict', { skip: SKIP_NO_KUBECTL }, async () => {
  const o = await jsonOf(['-n', 'app', 'get', 'netpol', 'db']);
  o.metadata.resourceVersion = '1';
  o.metadata.labels = { stale: 'yes' };
  const r = await h.kubectl(['replace', '-f', '-'], { stdin: JSON.stringify(o) });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Error from server \(Conflict\): error when replacing "STDIN": Operation cannot be fulfilled on networkpolicies\.networking\.k8s\.io "db": the object has been modified; please apply your changes to the latest version and try again/);
});

test('deployments: create, scale, server-side apply, delete takes the pods along', { skip: SKIP_NO_KUBECTL }, async () => {
  const ns = ['-n', 'app'];
  assert.equal((await h.kubectl([...ns, 'create', 'deployment', 'web', '--image=nginx', '--replicas=2'])).stdout, 'deployment.apps/web created\n');
  assert.equal((await h.kubectl([...ns, 'scale', 'deployment', 'web', '--replicas=3'])).stdout, 'deployment.apps/web scaled\n');
  let pods = await h.kubectl([...ns, 'get', 'pods', '-l', 'app=web', '-o', 'name']);
  assert.equal(pods.stdout.trim().split('\n').length, 3);
  const ssa = h.file('ssa.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: app\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n');
  assert.equal((await h.kubectl(['apply', '--server-side', '-f', ssa])).stdout, 'service/web serverside-applied\n');
  const eps = await h.kubectl([...ns, 'get', 'endpoints', 'web']);
  assert.match(eps.stdout, /^NAME\s+ENDPOINTS\s+AGE\nweb\s+10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80\s/);
  assert.equal((await h.kubectl([...ns, 'delete', 'deployment', 'web'])).stdout, 'deployment.apps "web" deleted\n');
  pods = await h.kubectl([...ns, 'get', 'pods', '-l', 'app=web']);
  assert.equal(pods.stderr, 'No resources found in app namespace.\n');
});
