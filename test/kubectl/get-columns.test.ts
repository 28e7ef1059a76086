// get --sort-by and -o custom-columns, with kubectl's headers, Go-formatted maps, <none> and errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Term } from './helpers.ts';

function setup(): Term {
  const t = new Term(undefined, 30);
  t.k('kubectl create ns app');
  for (const n of ['zeta', 'alpha', 'mid']) t.k(`kubectl run ${n} --image=nginx -n app --labels=app=${n}`);
  t.apply('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web, namespace: app}\nspec: {podSelector: {matchLabels: {app: web}}, ingress: [{ports: [{port: 80}, {port: 443}]}]}\n');
  t.apply('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: app}\nspec: {podSelector: {}}\n');
  return t;
}

test('--sort-by takes .path, {.path} and sorts tables, names and lists', () => {
  const t = setup();
  assert.equal(t.k('kubectl get pods -n app --sort-by=.metadata.name --no-headers -o custom-columns=N:.metadata.name').stdout, 'alpha\nmid\nzeta\n');
  assert.equal(t.k('kubectl get pods -n app --sort-by=.metadata.creationTimestamp -o name').stdout, 'pod/zeta\npod/alpha\npod/mid\n');
  const ips = t.k('kubectl get pods -n app --sort-by={.status.podIP} -o jsonpath={.items[*].status.podIP}').stdout.split(' ');
  assert.deepEqual(ips, [...ips].sort());
  const table = t.k('kubectl get pods -n app --sort-by=.metadata.name').stdout.split('\n').map((l) => l.split(' ')[0]);
  assert.deepEqual(table, ['NAME', 'alpha', 'mid', 'zeta', '']);
  const r = t.k('kubectl get pods -n app --sort-by=.spec.foo');
  assert.equal(r.stderr, 'error: couldn\'t find any field with path "{.spec.foo}" in the list of objects\n');
  assert.equal(r.exitCode, 1);
});

test('-o custom-columns prints the given headers, Go maps, comma-joined lists and <none>', () => {
  const t = setup();
  const r = t.k('kubectl get netpol -n app -o custom-columns=NAME:.metadata.name,SELECTOR:.spec.podSelector,PORTS:.spec.ingress[*].ports[*].port,EGRESS:.spec.egress');
  assert.equal(r.stdout, [
    'NAME   SELECTOR                        PORTS    EGRESS',
    'deny   map[]                           <none>   <none>',
    'web    map[matchLabels:map[app:web]]   80,443   <none>',
    ''].join('\n'));
  assert.equal(t.k('kubectl get netpol -n app -o custom-columns=NAME:{.metadata.name} --no-headers').stdout, 'deny\nweb\n');
  assert.equal(t.k('kubectl get pods -n app -o custom-columns=NAME').stderr, 'error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n');
  assert.equal(t.k('kubectl get pods -n app -o custom-columns=').stderr, 'error: custom-columns format specified but no custom columns given\n');
});
