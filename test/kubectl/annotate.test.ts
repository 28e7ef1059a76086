// kubectl annotate: shares label's targets and flow, with kubectl's own messages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Term } from './helpers.ts';

const NP = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: app}\nspec: {podSelector: {}}\n';

test('annotate adds, refuses to overwrite without --overwrite, overwrites, removes', () => {
  const t = new Term();
  t.k('kubectl create ns app');
  t.apply(NP);
  let r = t.k('kubectl annotate netpol deny -n app owner=team-a note=temporary allow-all until=2025-04-01');
  assert.equal(r.exitCode, 1);
  assert.equal(r.stderr, 'error: invalid annotation format: allow-all\n');
  r = t.k('kubectl annotate netpol deny -n app owner=team-a "note=a=b c"');
  assert.equal(r.stdout, 'networkpolicy.networking.k8s.io/deny annotated\n');
  assert.equal(t.k('kubectl get netpol deny -n app -o jsonpath={.metadata.annotations.note}').stdout, 'a=b c');
  r = t.k('kubectl annotate networkpolicy/deny -n app owner=team-b note=x');
  assert.equal(r.exitCode, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, "error: --overwrite is false but found the following declared annotation(s): 'owner' already has a value (team-a); 'note' already has a value (a=b c)\n");
  // The same value again is no conflict.
  assert.equal(t.k('kubectl annotate netpol deny -n app owner=team-a').stdout, 'networkpolicy.networking.k8s.io/deny annotated\n');
  assert.equal(t.k('kubectl annotate netpol deny -n app owner=team-b --overwrite').stdout, 'networkpolicy.networking.k8s.io/deny annotated\n');
  assert.match(t.k('kubectl describe netpol deny -n app').stdout, /Annotations:\s+note: a=b c\n\s+owner: team-b\n/);
  assert.equal(t.k('kubectl annotate netpol deny -n app note- missing-').stdout, 'networkpolicy.networking.k8s.io/deny annotated\n');
  assert.equal(t.k('kubectl get netpol deny -n app -o jsonpath={.metadata.annotations.note}/{.metadata.annotations.owner}').stdout, '/team-b');
});

test('annotate errors and dry run', () => {
  const t = new Term();
  t.k('kubectl run web --image=nginx');
  assert.equal(t.k('kubectl annotate pod web').stderr, 'error: at least one annotation update is required\n');
  assert.equal(t.k('kubectl annotate pod web a=1 a-').stderr, 'error: can not both modify and remove the following annotation(s) in the same command: a\n');
  assert.equal(t.k('kubectl annotate pod nope a=1').stderr, 'Error from server (NotFound): pods "nope" not found\n');
  assert.equal(t.k('kubectl annotate pod web a=1 --dry-run=client').stdout, 'pod/web annotated (dry run)\n');
  assert.equal(t.k('kubectl get pod web -o jsonpath={.metadata.annotations}').stdout, '');
  assert.equal(t.k('kubectl annotate pods --all a=1').stdout, 'pod/web annotated\n');
});
