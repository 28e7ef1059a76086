import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, tempFiles } from './run-cli.ts';

const secure = `apiVersion: v1
kind: Namespace
metadata: {name: secure}
---
apiVersion: v1
kind: Pod
metadata: {name: front-end, namespace: secure, labels: {run: front-end}}
spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80, name: http}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: back-end, namespace: secure}
spec:
  selector: {matchLabels: {run: back-end}}
  template:
    metadata: {labels: {run: back-end}}
    spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80, name: http}]}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: secure}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: fe-to-be, namespace: secure}
spec:
  podSelector: {matchLabels: {run: front-end}}
  policyTypes: [Egress]
  egress:
  - to:
    - podSelector: {matchLabels: {run: back-end}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: be-from-fe, namespace: secure}
spec:
  podSelector: {matchLabels: {run: back-end}}
  ingress:
  - from:
    - podSelector: {matchLabels: {run: front-end}}
    ports: [{port: http}]
`;

test('reach -o json follows the contract', async () => {
  const f = tempFiles({ 'secure.yaml': secure });
  const r = await runCli(['reach', '-f', f['secure.yaml'], '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), {
    port: 80, protocol: 'TCP', results: [
      { from: 'secure/front-end', to: 'secure/front-end', allowed: true },
      { from: 'secure/front-end', to: 'secure/back-end', allowed: true },
      { from: 'secure/back-end', to: 'secure/front-end', allowed: false },
      { from: 'secure/back-end', to: 'secure/back-end', allowed: true },
    ],
  });
});

test('reach with --from/--to, IP endpoints and a named port', async () => {
  const f = tempFiles({ 'secure.yaml': secure });
  const r = await runCli(['reach', '-f', f['secure.yaml'], '--port', 'http', '--from', 'secure/front-end', '--from', '1.2.3.4', '--to', 'secure/back-end', '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), {
    port: 'http', protocol: 'TCP', results: [
      { from: 'secure/front-end', to: 'secure/back-end', allowed: true },
      { from: '1.2.3.4', to: 'secure/back-end', allowed: false },
    ],
  });
});

test('reach prints a readable matrix by default', async () => {
  const f = tempFiles({ 'secure.yaml': secure });
  const r = await runCli(['reach', '-f', f['secure.yaml']]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, [
    'port 80/TCP: rows are sources (from), columns are destinations (to)',
    'FROM \\ TO          1 2',
    'secure/front-end   · ✓',
    'secure/back-end    ✗ ·',
    '',
    '1=secure/front-end  2=secure/back-end',
    '1 of 2 connections allowed (✓ allowed, ✗ denied, · same pod)',
    '',
  ].join('\n'));
});

test('explain gives the verdict and its reasons', async () => {
  const f = tempFiles({ 'secure.yaml': secure });
  const r = await runCli(['explain', '-f', f['secure.yaml'], '--from', 'secure/front-end', '--to', 'secure/back-end']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, [
    'secure/front-end → secure/back-end on port 80/TCP: ALLOWED',
    '  egress from secure/front-end: isolated by secure/deny-all, secure/fe-to-be; allowed by secure/fe-to-be egress rule 1 (all ports to pods run=back-end in namespace secure)',
    '  ingress to secure/back-end: isolated by secure/deny-all, secure/be-from-fe; allowed by secure/be-from-fe ingress rule 1 (named port http/TCP from pods run=front-end in namespace secure)',
    '',
  ].join('\n'));
  const j = await runCli(['explain', '-f', f['secure.yaml'], '--from', 'secure/back-end', '--to', 'secure/front-end', '-o', 'json']);
  const v = JSON.parse(j.stdout);
  assert.equal(v.allowed, false);
  assert.deepEqual(v.egress, { kind: 'denied', isolatedBy: ['secure/deny-all'] });
});

const badInputs: [string, string, RegExp][] = [
  ['broken YAML', 'apiVersion: v1\nkind: Pod\nmetadata: {name: a\n', /^error: bad\.yaml:\d+:\d+: error converting YAML to JSON: /],
  ['unknown field with a suggestion', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podselector: {}\n', /^error: bad\.yaml:5:3: strict decoding error: unknown field "spec\.podselector" \(did you mean "podSelector"\?\)/],
  ['unknown nested field', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  ingress:\n  - form:\n    - podSelector: {}\n', /bad\.yaml:7:5: strict decoding error: unknown field "spec\.ingress\[0\]\.form" \(did you mean "from"\?\)/],
  ['wrong type', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  ingress: yes-please\n', /bad\.yaml:6:12: The NetworkPolicy "p" is invalid: spec\.ingress: Invalid type: expected array, got string "yes-please"/],
  ['bad enum value', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  policyTypes: [ingress]\n', /bad\.yaml:6:17: The NetworkPolicy "p" is invalid: spec\.policyTypes\[0\]: Unsupported value: "ingress": supported values: "Ingress", "Egress"/],
  ['bad CIDR', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock: {cidr: 10.0.0.0/33}\n', /spec\.ingress\[0\]\.from\[0\]\.ipBlock\.cidr: Invalid value: "10\.0\.0\.0\/33": must be a valid CIDR/],
  ['bad protocol', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  ingress:\n  - ports: [{port: 80, protocol: tcp}]\n', /spec\.ingress\[0\]\.ports\[0\]\.protocol: Unsupported value: "tcp": supported values: "TCP", "UDP", "SCTP"/],
  ['label value of the wrong type', 'apiVersion: v1\nkind: Pod\nmetadata: {name: a, labels: {version: 2}}\nspec: {containers: [{name: c, image: i}]}\n', /metadata\.labels\.version: Invalid type: expected string, got number 2/],
  ['empty peer', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - {}\n', /spec\.ingress\[0\]\.from\[0\]: Required value: must specify a peer/],
  ['wrong apiVersion', 'apiVersion: v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec: {}\n', /no matches for kind "NetworkPolicy" in version "v1"/],
  ['missing kind', 'apiVersion: v1\nmetadata: {name: p}\n', /error validating data: \[kind not set\]/],
  ['endPort with a named port', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  ingress:\n  - ports: [{port: http, endPort: 90}]\n', /endPort: Invalid value: may not be specified when `port` is not a number/],
];

for (const [name, text, pattern] of badInputs) {
  test(`bad input: ${name} → kubectl-like error, exit 2`, async () => {
    const f = tempFiles({ 'bad.yaml': text });
    const r = await runCli(['reach', '-f', f['bad.yaml']]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr.replace(f['bad.yaml'], 'bad.yaml'), pattern);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  });
}

test('unsupported kinds are skipped with a warning', async () => {
  const f = tempFiles({ 'cm.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n---\n${secure}` });
  const r = await runCli(['reach', '-f', f['cm.yaml'], '-o', 'json']);
  assert.equal(r.code, 0);
  assert.match(r.stderr, /Warning: .*cm\.yaml:1:1: skipping ConfigMap \(v1\): not simulated/);
});

test('usage errors exit 2 with a message', async () => {
  const f = tempFiles({ 'secure.yaml': secure });
  const cases: [string[], RegExp][] = [
    [['reach', '-f', f['secure.yaml'], '--frm', 'x'], /^error: unknown flag: --frm/],
    [['reach', '-f', '/no/such/file.yaml'], /^error: the path "\/no\/such\/file\.yaml" does not exist/],
    [['reach'], /no manifests given/],
    [['reach', '-f', f['secure.yaml'], '--from', 'secure/nope'], /^error: pod "nope" not found in namespace "secure"/],
    [['reach', '-f', f['secure.yaml'], '--protocol', 'ICMP'], /invalid protocol "ICMP"/],
    [['reach', '-f', f['secure.yaml'], '--port', '70000'], /invalid port 70000/],
    [['reach', '-f', f['secure.yaml'], '-o', 'yaml'], /allowed formats are: json,matrix/],
    [['explain', '-f', f['secure.yaml'], '--from', 'secure/front-end'], /needs --from SPEC and --to SPEC/],
    [['raech'], /unknown command "raech" for "netpol-dojo"\n\nDid you mean this\?\n\treach/],
  ];
  for (const [argv, pattern] of cases) {
    const r = await runCli(argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.stderr, pattern);
  }
});

test('--help and --version', async () => {
  assert.match((await runCli(['--help'])).stdout, /netpol-dojo reach -f FILE/);
  assert.match((await runCli(['--version'])).stdout, /^netpol-dojo \d+\.\d+\.\d+\n$/);
  assert.match((await runCli(['reach', '--help'])).stdout, /^Usage: netpol-dojo reach/);
});
