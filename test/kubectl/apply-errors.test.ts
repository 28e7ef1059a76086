// kubectl apply -f with bad documents: the API server's and kubectl's words (1.31+), one hint line with
// the project's file:line and did-you-mean, per-object application, and --validate=strict|warn|ignore.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Term } from './helpers.ts';

const NP = (name: string, spec: string, ns = '') =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}spec:\n${spec}`;
const TYPO = NP('x', '  podselector:\n    matchLabels: {app: db}\n  policyTypes: [Ingress]\n');
const BOTH_PEERS = NP('y', '  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock: {cidr: 10.0.0.0/8}\n      podSelector: {}\n');
const TWO_CAUSES = NP('z', '  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock: {cidr: 10.0.0.0/8}\n      podSelector: {}\n    ports:\n    - port: http\n      endPort: 90\n');
const GOOD = (name: string) => NP(name, '  podSelector: {}\n  policyTypes: [Ingress]\n');
const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: nginx}]}\n';

const BAD_REQUEST = (verb: string, file: string, field = 'spec.podselector') =>
  `Error from server (BadRequest): error when ${verb} "${file}": NetworkPolicy in version "v1" cannot be handled as a NetworkPolicy: strict decoding error: unknown field "${field}"`;

function term(files: Record<string, string>): Term {
  const t = new Term();
  t.files = files;
  return t;
}

test('unknown field: the API server strict decoding error, then one hint line with file:line:col and the suggestion', () => {
  const t = term({ 'f.yaml': TYPO });
  const r = t.k('kubectl apply -f f.yaml');
  assert.equal(r.exitCode, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, `${BAD_REQUEST('creating', 'f.yaml')}\nhint: f.yaml:6:3: did you mean "podSelector"?\n`);
  assert.equal(t.k('kubectl get netpol -A').stdout, '');
});

test('unknown field on an object that exists: apply says "patching", replace "replacing", create -f "creating"', () => {
  const t = term({ 'good.yaml': GOOD('x'), 'f.yaml': TYPO });
  t.k('kubectl apply -f good.yaml');
  assert.equal(t.k('kubectl apply -f f.yaml').stderr, `${BAD_REQUEST('patching', 'f.yaml')}\nhint: f.yaml:6:3: did you mean "podSelector"?\n`);
  assert.equal(t.k('kubectl replace -f f.yaml').stderr, `${BAD_REQUEST('replacing', 'f.yaml')}\nhint: f.yaml:6:3: did you mean "podSelector"?\n`);
  assert.equal(t.k('kubectl create -f f.yaml').stderr, `${BAD_REQUEST('creating', 'f.yaml')}\nhint: f.yaml:6:3: did you mean "podSelector"?\n`);
});

test('several unknown fields in one object: one error listing them, one hint line each', () => {
  const t = term({ 'f.yaml': NP('x', '  podselector: {}\n  policytypes: [Ingress]\n') });
  const r = t.k('kubectl apply -f f.yaml');
  assert.equal(r.stderr, 'Error from server (BadRequest): error when creating "f.yaml": NetworkPolicy in version "v1" cannot be handled as a NetworkPolicy: '
    + 'strict decoding error: unknown field "spec.podselector", unknown field "spec.policytypes"\n'
    + 'hint: f.yaml:6:3: did you mean "podSelector"?\nhint: f.yaml:7:3: did you mean "policyTypes"?\n');
});

test('validation: the API server words, no prefix; one cause alone, several as [a, b]', () => {
  const t = term({ 'y.yaml': BOTH_PEERS, 'z.yaml': TWO_CAUSES });
  const y = t.k('kubectl apply -f y.yaml');
  assert.equal(y.exitCode, 1);
  assert.equal(y.stderr, 'The NetworkPolicy "y" is invalid: spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer\nhint: y.yaml:9:7\n');
  const z = t.k('kubectl apply -f z.yaml');
  assert.equal(z.stderr, 'The NetworkPolicy "z" is invalid: [spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer, '
    + 'spec.ingress[0].ports[0].endPort: Invalid value: 90: may not be specified when `port` is non-numeric]\nhint: z.yaml:9:7\n');
});

test('two failing objects: each error in its "Error from server (Reason): error when …" form, like kubectl aggregates them', () => {
  const t = term({ 'f.yaml': `${TYPO}---\n${BOTH_PEERS}` });
  const r = t.k('kubectl apply -f f.yaml');
  assert.equal(r.exitCode, 1);
  assert.equal(r.stderr, `${BAD_REQUEST('creating', 'f.yaml')}\nhint: f.yaml:6:3: did you mean "podSelector"?\n`
    + 'Error from server (Invalid): error when creating "f.yaml": NetworkPolicy.networking.k8s.io "y" is invalid: spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer\n'
    + 'hint: f.yaml:18:7\n');
});

test('YAML syntax error: kubectl\'s "error parsing" with go-yaml\'s words; nothing is applied', () => {
  const t = term({ 'f.yaml': `${POD}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  b: c: d\n` });
  const r = t.k('kubectl apply -f f.yaml');
  assert.equal(r.exitCode, 1);
  assert.equal(r.stderr, 'error: error parsing f.yaml: error converting YAML to JSON: yaml: line 10: mapping values are not allowed in this context\n');
  assert.equal(r.stdout, '');
});

test('unknown apiVersion: resource mapping not found, ensure CRDs are installed first; the other objects still go in', () => {
  const v2 = GOOD('a').replace('networking.k8s.io/v1', 'networking.k8s.io/v2').replace('  name: a\n', '  name: a\n  namespace: y\n');
  const t = term({ 'v2.yaml': v2, 'mixed.yaml': `${POD}---\n${v2}` });
  const r = t.k('kubectl apply -f v2.yaml');
  assert.equal(r.exitCode, 1);
  assert.equal(r.stderr, 'error: resource mapping not found for name: "a" namespace: "y" from "v2.yaml": no matches for kind "NetworkPolicy" in version "networking.k8s.io/v2"\n'
    + 'ensure CRDs are installed first\nhint: v2.yaml:1:13: expected apiVersion: networking.k8s.io/v1\n');
  const m = t.k('kubectl apply -f mixed.yaml');
  assert.equal(m.exitCode, 1);
  assert.equal(m.stdout, 'pod/p created\n');
  assert.match(m.stderr, /^error: resource mapping not found for name: "a" namespace: "y" from "mixed\.yaml"/);
});

test('a multi-document file: the object the API server rejects is reported at the end, the others are applied', () => {
  const t = term({ 'f.yaml': `${GOOD('a')}---\n${TYPO}---\n${GOOD('b')}` });
  const r = t.k('kubectl apply -f f.yaml');
  assert.equal(r.exitCode, 1);
  assert.equal(r.stdout, 'networkpolicy.networking.k8s.io/a created\nnetworkpolicy.networking.k8s.io/b created\n');
  assert.equal(r.stderr, `${BAD_REQUEST('creating', 'f.yaml')}\nhint: f.yaml:14:3: did you mean "podSelector"?\n`);
  assert.deepEqual(t.k('kubectl get netpol -o name').stdout, 'networkpolicy.networking.k8s.io/a\nnetworkpolicy.networking.k8s.io/b\n');
});

for (const flag of ['--validate=false', '--validate=ignore']) {
  test(`${flag}: the unknown field is dropped silently, so the misspelt podselector selects every pod`, () => {
    const t = term({ 'f.yaml': TYPO });
    const r = t.k(`kubectl apply -f f.yaml ${flag}`);
    assert.equal(r.exitCode, 0);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, 'networkpolicy.networking.k8s.io/x created\n');
    assert.equal(t.k("kubectl get netpol x -o jsonpath={.spec.podSelector}").stdout, '{}');
  });
}

test('--validate=warn: applied, with the server warning for the unknown field', () => {
  const t = term({ 'f.yaml': TYPO });
  const r = t.k('kubectl apply -f f.yaml --validate=warn');
  assert.equal(r.exitCode, 0);
  assert.equal(r.stderr, 'Warning: unknown field "spec.podselector"\n');
  assert.equal(r.stdout, 'networkpolicy.networking.k8s.io/x created\n');
});

test('--validate=strict, --validate=true and --validate reject like the default; a bad value is a usage error', () => {
  for (const flag of ['--validate=strict', '--validate=true', '--validate']) {
    const t = term({ 'f.yaml': TYPO });
    const r = t.k(`kubectl apply -f f.yaml ${flag}`);
    assert.equal(r.exitCode, 1, flag);
    assert.match(r.stderr, /^Error from server \(BadRequest\)/, flag);
  }
  const t = term({ 'f.yaml': TYPO });
  const r = t.k('kubectl apply -f f.yaml --validate=maybe');
  assert.equal(r.stderr, 'error: invalid - validate option "maybe"; must be one of: strict (or true), warn, ignore (or false)\n');
});

test('--validate=false still lets the API server reject invalid values', () => {
  const t = term({ 'f.yaml': BOTH_PEERS.replace('  podSelector: {}\n  ingress', '  podselector: {}\n  ingress') });
  const r = t.k('kubectl apply -f f.yaml --validate=false');
  assert.equal(r.exitCode, 1);
  assert.equal(r.stderr, 'The NetworkPolicy "y" is invalid: spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer\n');
});

test('--validate=false keeps the file order of the objects it applies', () => {
  const t = term({ 'f.yaml': `${GOOD('a')}---\n${TYPO}---\n${GOOD('b')}` });
  const r = t.k('kubectl apply -f f.yaml --validate=false');
  assert.equal(r.exitCode, 0);
  assert.equal(r.stdout, 'networkpolicy.networking.k8s.io/a created\nnetworkpolicy.networking.k8s.io/x created\nnetworkpolicy.networking.k8s.io/b created\n');
});

test('many rejected documents stay fast (each failing document is parsed on its own, once)', () => {
  const docs = Array.from({ length: 600 }, (_, i) => (i % 2 ? GOOD(`g${i}`) : TYPO.replace('name: x', `name: x${i}`)));
  const t = term({ 'f.yaml': docs.join('---\n') });
  const started = Date.now();
  const r = t.k('kubectl apply -f f.yaml');
  assert.ok(Date.now() - started < 20_000);
  assert.equal(r.exitCode, 1);
  assert.equal(r.stdout.split('\n').filter(Boolean).length, 300);
  assert.equal(r.stderr.split('\n').filter((l) => l.startsWith('Error from server (BadRequest)')).length, 300);
});

test('a document without apiVersion/kind: kubectl\'s client-side "error validating" for the whole command', () => {
  const t = term({ 'f.yaml': `${POD}---\nkind: Pod\nmetadata: {name: q}\n`, 'g.yaml': 'metadata: {name: q}\n' });
  const r = t.k('kubectl apply -f f.yaml');
  assert.equal(r.exitCode, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'error: error validating "f.yaml": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false\n');
  assert.equal(t.k('kubectl apply -f g.yaml').stderr, 'error: error validating "g.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n');
});

test('get -f and delete -f keep their own messages for a file with an unknown field', () => {
  const t = term({ 'f.yaml': TYPO });
  assert.match(t.k('kubectl get -f f.yaml').stderr, /^error: f\.yaml:6:3: strict decoding error: unknown field "spec\.podselector"/);
});

// Each expected line was printed by kubectl v1.32 (`kubectl apply --dry-run=client --validate=false -f FILE`).
const SYNTAX: [string, string][] = [
  ['apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: [a\n', "yaml: line 5: did not find expected ',' or ']'"],
  ['apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n', 'yaml: line 4: found character that cannot start any token'],
  ['apiVersion: v1\nkind: Pod\nmetadata:\n  name: "x\n', 'yaml: line 5: found unexpected end of stream'],
  ['apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n labels: {}\n', 'yaml: line 4: did not find expected key'],
  ['apiVersion: v1\nkind: Pod\nmetadata:\n  name x\n  labels: {}\n', 'yaml: line 5: mapping values are not allowed in this context'],
  ['apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  b: c: d\n', 'yaml: line 5: mapping values are not allowed in this context'],
];
for (const [text, words] of SYNTAX) {
  test(`YAML syntax error as kubectl 1.32 words it: ${words}`, () => {
    const t = term({ 'm.yaml': text });
    const r = t.k('kubectl apply -f m.yaml');
    assert.equal(r.exitCode, 1);
    assert.equal(r.stderr, `error: error parsing m.yaml: error converting YAML to JSON: ${words}\n`);
  });
}
