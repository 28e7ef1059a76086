// kubectl patch: strategic (default), merge and json patches, admission, no-change, errors and dry run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Term } from './helpers.ts';

const NP = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: app, labels: {team: a, tier: db}}\n'
  + 'spec:\n  podSelector: {}\n  policyTypes: [Ingress]\n  ingress:\n  - from:\n    - podSelector: {matchLabels: {role: web}}\n';

function setup(): Term {
  const t = new Term();
  t.k('kubectl create ns app');
  t.apply(NP);
  return t;
}

const jp = (t: Term, path: string) => t.k(`kubectl get netpol deny -n app -o jsonpath={${path}}`).stdout;
const labels = (t: Term): unknown => JSON.parse(jp(t, '.metadata.labels'));

test('strategic patch (default): policyTypes and ingress are replaced, labels merge, resourceVersion bumps', () => {
  const t = setup();
  const rv = jp(t, '.metadata.resourceVersion');
  let r = t.k(`kubectl patch netpol deny -n app -p '{"spec":{"policyTypes":["Ingress","Egress"]}}'`);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, 'networkpolicy.networking.k8s.io/deny patched\n');
  assert.equal(jp(t, '.spec.policyTypes'), '["Ingress","Egress"]');
  assert.notEqual(jp(t, '.metadata.resourceVersion'), rv);
  r = t.k(`kubectl patch networkpolicy/deny -n app --patch 'spec: {ingress: [{from: [{podSelector: {matchLabels: {role: api}}}]}]}'`);
  assert.equal(r.stdout, 'networkpolicy.networking.k8s.io/deny patched\n');
  assert.equal(jp(t, '.spec.ingress[*].from[*].podSelector.matchLabels.role'), 'api');
  assert.equal(t.k(`kubectl patch netpol deny -n app -p '{"metadata":{"labels":{"tier":null,"owner":"b"}}}'`).exitCode, 0);
  assert.deepEqual(labels(t), { owner: 'b', team: 'a' });
});

test('merge patch: null removes a label, arrays replace; no change is reported as such', () => {
  const t = setup();
  let r = t.k(`kubectl patch netpol deny -n app --type merge -p '{"metadata":{"labels":{"team":null}}}'`);
  assert.equal(r.stdout, 'networkpolicy.networking.k8s.io/deny patched\n');
  assert.deepEqual(labels(t), { tier: 'db' });
  r = t.k(`kubectl patch netpol deny -n app --type=merge -p '{"spec":{"ingress":[]}}'`);
  assert.equal(r.exitCode, 0);
  assert.equal(jp(t, '.spec.ingress'), '');
  const rv = jp(t, '.metadata.resourceVersion');
  r = t.k(`kubectl patch netpol deny -n app --type merge -p '{"metadata":{"labels":{"tier":"db"}}}'`);
  assert.equal(r.stdout, 'networkpolicy.networking.k8s.io/deny patched (no change)\n');
  assert.equal(jp(t, '.metadata.resourceVersion'), rv);
});

test('json patch: add, remove, test, ~1 escapes, move/copy; a failed test changes nothing', () => {
  const t = setup();
  let r = t.k(`kubectl patch netpol deny -n app --type json -p '[{"op":"test","path":"/spec/policyTypes/0","value":"Ingress"},{"op":"add","path":"/spec/policyTypes/-","value":"Egress"},{"op":"add","path":"/metadata/labels/app.kubernetes.io~1name","value":"x"},{"op":"remove","path":"/metadata/labels/tier"}]'`);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, 'networkpolicy.networking.k8s.io/deny patched\n');
  assert.equal(jp(t, '.spec.policyTypes'), '["Ingress","Egress"]');
  assert.deepEqual(labels(t), { 'app.kubernetes.io/name': 'x', team: 'a' });
  r = t.k(`kubectl patch netpol deny -n app --type json -p '[{"op":"copy","from":"/metadata/labels/team","path":"/metadata/labels/owner"},{"op":"move","from":"/metadata/labels/team","path":"/metadata/labels/group"},{"op":"replace","path":"/metadata/labels/owner","value":"z"}]'`);
  assert.equal(r.exitCode, 0);
  assert.deepEqual(labels(t), { 'app.kubernetes.io/name': 'x', group: 'a', owner: 'z' });
  const rv = jp(t, '.metadata.resourceVersion');
  r = t.k(`kubectl patch netpol deny -n app --type json -p '[{"op":"remove","path":"/metadata/labels/group"},{"op":"test","path":"/spec/policyTypes/0","value":"Egress"}]'`);
  assert.equal(r.exitCode, 1);
  assert.equal(r.stderr, 'error: unable to apply patch: testing value /spec/policyTypes/0 failed: test failed\n');
  assert.equal(jp(t, '.metadata.resourceVersion'), rv);
  assert.match(jp(t, '.metadata.labels'), /"group":"a"/);
  r = t.k(`kubectl patch netpol deny -n app --type json -p '[{"op":"remove","path":"/spec/nope"}]'`);
  assert.equal(r.stderr, 'error: unable to apply patch: remove operation does not apply: doc is missing path: "/spec/nope"\n');
  r = t.k(`kubectl patch netpol deny -n app --type json -p '[{"op":"frobnicate","path":"/spec"}]'`);
  assert.equal(r.stderr, 'error: unable to apply patch: Unexpected kind: frobnicate\n');
});

test('strategic merge of a Deployment\'s containers by name; $patch: delete removes one', () => {
  const t = new Term();
  t.k('kubectl create deployment web --image=nginx:1.27');
  let r = t.k(`kubectl patch deployment web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"},{"name":"side","image":"busybox"}]}}}}'`);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, 'deployment.apps/web patched\n');
  const images = () => t.k('kubectl get deploy web -o jsonpath={.spec.template.spec.containers[*].name}={.spec.template.spec.containers[*].image}').stdout;
  assert.equal(images(), 'nginx side=nginx:1.28 busybox');
  r = t.k(`kubectl patch deploy/web -p '{"spec":{"template":{"spec":{"containers":[{"name":"side","$patch":"delete"}]}}}}'`);
  assert.equal(r.stdout, 'deployment.apps/web patched\n');
  assert.equal(images(), 'nginx=nginx:1.28');
  // Container ports merge by containerPort, env by name; other fields of the container are kept.
  const c = (p: string) => `kubectl patch deploy web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx",${p}}]}}}}'`;
  assert.equal(t.k(c('"ports":[{"containerPort":80}],"env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]')).exitCode, 0);
  assert.equal(t.k(c('"ports":[{"containerPort":8080,"name":"alt"}],"env":[{"name":"A","value":"9"}]')).exitCode, 0);
  const field = (p: string) => t.k(`kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].${p}}`).stdout;
  assert.equal(field('ports[*].containerPort'), '80 8080');
  assert.equal(field('env[*].value'), '9 2');
  assert.equal(field('image'), 'nginx:1.28');
  // $patch: replace on a list element replaces the whole list.
  assert.equal(t.k(c('"env":[{"$patch":"replace"},{"name":"C","value":"3"}]')).exitCode, 0);
  assert.equal(field('env[*].name'), 'C');
});

test('errors: bad patch text, missing object, bad type, immutable name, no patch; --patch-file', () => {
  const t = setup();
  let r = t.k(`kubectl patch netpol deny -n app -p '{"spec":'`);
  assert.equal(r.exitCode, 1);
  assert.match(r.stderr, /^error: unable to parse "\{"spec":": yaml: /);
  r = t.k(`kubectl patch netpol nope -n app -p '{}'`);
  assert.equal(r.stderr, 'Error from server (NotFound): networkpolicies.networking.k8s.io "nope" not found\n');
  r = t.k(`kubectl patch netpol deny -n app --type foo -p '{}'`);
  assert.equal(r.stderr, 'error: --type must be one of [json merge strategic], not "foo"\n');
  r = t.k(`kubectl patch netpol deny -n app --type merge -p '{"metadata":{"name":"other"}}'`);
  assert.equal(r.stderr, 'Error from server (BadRequest): the name of the object (other) does not match the name on the URL (deny)\n');
  r = t.k('kubectl patch netpol deny -n app');
  assert.equal(r.stderr, 'error: must specify --patch or --patch-file containing the contents of the patch\n');
  r = t.k(`kubectl patch netpol deny -n app --type merge -p '{"spec":{"policyTypes":["Sideways"]}}'`);
  assert.equal(r.exitCode, 1);
  assert.equal(jp(t, '.spec.policyTypes'), '["Ingress"]');
  t.files['p.yaml'] = 'metadata:\n  labels:\n    from-file: "yes"\n';
  r = t.k('kubectl patch netpol deny -n app --patch-file p.yaml');
  assert.equal(r.stdout, 'networkpolicy.networking.k8s.io/deny patched\n');
  assert.equal(jp(t, '.metadata.labels.from-file'), 'yes');
  assert.equal(t.k('kubectl patch netpol deny -n app --patch-file missing.yaml').stderr, 'error: unable to read patch file: open missing.yaml: no such file or directory\n');
});

test('--dry-run=client leaves the sandbox unchanged; -o yaml and -o name print', () => {
  const t = setup();
  const before = t.sb;
  let r = t.k(`kubectl patch netpol deny -n app --type merge -p '{"metadata":{"labels":{"x":"1"}}}' --dry-run=client`);
  assert.equal(r.stdout, 'networkpolicy.networking.k8s.io/deny patched (dry run)\n');
  assert.equal(t.sb, before);
  r = t.k(`kubectl patch netpol deny -n app --type merge -p '{"metadata":{"labels":{"x":"1"}}}' --dry-run=client -o yaml`);
  assert.match(r.stdout, /^ {4}x: "1"$/m);
  assert.equal(t.sb, before);
  assert.equal(jp(t, '.metadata.labels.x'), '');
  assert.equal(t.k(`kubectl patch netpol deny -n app -p '{}' --dry-run=client`).stdout, 'networkpolicy.networking.k8s.io/deny patched (dry run)\n');
  r = t.k(`kubectl patch netpol deny -n app --type merge -p '{"metadata":{"labels":{"x":"1"}}}' -o name`);
  assert.equal(r.stdout, 'networkpolicy.networking.k8s.io/deny\n');
  assert.equal(jp(t, '.metadata.labels.x'), '1');
});
