// Bad input gets kubectl's wording and exit code, and leaves the cluster exactly as it was.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyManifestText } from '../../src/kubectl/index.ts';
import { Term } from './helpers.ts';

const FILES: Record<string, string> = {
  'malformed.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: [a\n',
  'unknown-field.yaml': 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np}\nspec:\n  podselector: {}\n',
  'wrong-kind.yaml': 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicyy\nmetadata: {name: np}\nspec: {}\n',
  'missing-ns.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: nope}\nspec: {containers: [{name: c, image: nginx}]}\n',
  'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: nginx}]}\n',
  'pod-ports.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: nginx, ports: [{containerPort: 8080}]}]}\n',
};

function case_(line: string, stderr: string | RegExp, code = 1, setup?: (t: Term) => void): void {
  test(`${line} → exit ${code}`, () => {
    const t = new Term();
    t.files = FILES;
    setup?.(t);
    const before = JSON.stringify(t.sb);
    const r = t.k(line);
    assert.equal(r.exitCode, code);
    assert.equal(r.stdout, '');
    if (typeof stderr === 'string') assert.equal(r.stderr, stderr); else assert.match(r.stderr, stderr);
    assert.equal(JSON.stringify(r.sandbox), before, 'the cluster must be unchanged');
  });
}

case_('kubectl apply -f malformed.yaml', /^error: error parsing malformed\.yaml: error converting YAML to JSON: yaml: line \d+: /);
case_('kubectl apply -f unknown-field.yaml', 'Error from server (BadRequest): error when creating "unknown-field.yaml": NetworkPolicy in version "v1" cannot be handled as a NetworkPolicy: strict decoding error: unknown field "spec.podselector"\nhint: unknown-field.yaml:5:3: did you mean "podSelector"?\n');
case_('kubectl apply -f wrong-kind.yaml', 'error: resource mapping not found for name: "np" namespace: "" from "wrong-kind.yaml": no matches for kind "NetworkPolicyy" in version "networking.k8s.io/v1"\nensure CRDs are installed first\nhint: wrong-kind.yaml:1:1: did you mean "NetworkPolicy"?\n');
case_('kubectl apply -f missing-ns.yaml', 'Error from server (NotFound): error when creating "missing-ns.yaml": namespaces "nope" not found\n');
case_('kubectl apply -f does-not-exist.yaml', 'error: the path "does-not-exist.yaml" does not exist\n');
case_('kubectl run web --image=nginx -n nope', 'Error from server (NotFound): namespaces "nope" not found\n');
case_('kubectl run web', 'error: required flag(s) "image" not set\n');
case_('kubectl create -f pod.yaml', 'Error from server (AlreadyExists): error when creating "pod.yaml": pods "p" already exists\n', 1, (t) => { t.k('kubectl create -f pod.yaml'); });
case_('kubectl replace -f pod.yaml', 'Error from server (NotFound): error when replacing "pod.yaml": pods "p" not found\n');
case_('kubectl apply -f pod-ports.yaml', /^The Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than/, 1, (t) => { t.k('kubectl apply -f pod.yaml'); });
case_('kubectl exec nope -- curl -s back-end', 'Error from server (NotFound): pods "nope" not found\n');
case_('kubectl exec -n secure front-end -- curl -s back-end', 'Error from server (NotFound): pods "front-end" not found\n');
case_('kubectl get pod nope', 'Error from server (NotFound): pods "nope" not found\n');
case_('kubectl delete netpol nope', 'Error from server (NotFound): networkpolicies.networking.k8s.io "nope" not found\n');
case_('kubectl delete namespace kube-system', 'Error from server (Forbidden): namespaces "kube-system" is forbidden: this namespace may not be deleted\n');
case_('kubectl gte pods', 'error: unknown command "gte" for "kubectl"\n\nDid you mean this?\n\tget\n');
case_('kubectl get podz', 'error: the server doesn\'t have a resource type "podz"\n\nDid you mean this?\n\tpods\n');
case_('kubectl get pods --colour', 'error: unknown flag: --colour\nSee \'kubectl get --help\' for usage.\n');
case_('kubectl get pods -x', 'error: unknown shorthand flag: \'x\' in -x\nSee \'kubectl get --help\' for usage.\n');
case_('kubectl get pods -n', 'error: flag needs an argument: \'n\' in -n\nSee \'kubectl get --help\' for usage.\n');
case_('kubectl run web --image=nginx --overwrite', 'error: unknown flag: --overwrite\nSee \'kubectl run --help\' for usage.\n');
case_('kubectl get pods -o wdie', /^error: unable to match a printer suitable for the output format "wdie", allowed formats are: .*wide,yaml\n$/);
case_('kubectl get pods -l "a in (b"', /^error: unable to parse requirement/);
case_('kubectl explain networkpolicy.spec.podselector', 'error: field "podselector" does not exist\n\nDid you mean this?\n\tpodSelector\n');
case_('kubectl exec p curl x', /^error: exec \[POD\] \[COMMAND\] is not supported anymore/, 1, (t) => { t.k('kubectl run p --image=nginx'); });

test('an exec whose remote command fails mirrors its exit code and changes nothing', () => {
  const t = new Term();
  t.k('kubectl run p --image=nginx');
  const before = JSON.stringify(t.sb);
  const r = t.k('kubectl exec p -- curl -sS -m 1 nothing-here');
  assert.equal(r.exitCode, 6);
  assert.equal(r.stderr, 'curl: (6) Could not resolve host: nothing-here\ncommand terminated with exit code 6\n');
  assert.equal(JSON.stringify(r.sandbox), before);
  const refused = t.k('kubectl exec p -- curl -sS -m 1 localhost:81');
  assert.equal(refused.exitCode, 7);
  assert.equal(refused.stderr, 'curl: (7) Failed to connect to localhost port 81 after 0 ms: Connection refused\ncommand terminated with exit code 7\n');
});

test('applyManifestText is all or nothing', () => {
  const t = new Term();
  const text = `${FILES['pod.yaml']}---\n${FILES['missing-ns.yaml']}`;
  const r = applyManifestText(t.sb, text, 'two.yaml', t.now);
  assert.equal(r.ok, false);
  if (!r.ok) assert.equal(r.error, 'Error from server (NotFound): error when creating "two.yaml": namespaces "nope" not found');
  const bad = applyManifestText(t.sb, FILES['unknown-field.yaml'], 'np.yaml', t.now);
  assert.equal(bad.ok, false);
  if (!bad.ok) assert.match(bad.error, /^Error from server \(BadRequest\): error when creating "np\.yaml": NetworkPolicy in version "v1" cannot be handled as a NetworkPolicy: strict decoding error: unknown field "spec\.podselector"\nhint: np\.yaml:5:3: did you mean "podSelector"\?$/);
});

test('kubectl apply reports each object: the good ones go in, the bad one is an error', () => {
  const t = new Term();
  t.files = { 'mixed.yaml': `${FILES['pod.yaml']}---\n${FILES['missing-ns.yaml']}` };
  const r = t.k('kubectl apply -f mixed.yaml');
  assert.equal(r.exitCode, 1);
  assert.equal(r.stdout, 'pod/p created\n');
  assert.equal(r.stderr, 'Error from server (NotFound): error when creating "mixed.yaml": namespaces "nope" not found\n');
});
