import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFinding } from '../../src/content/lesson-findings.ts';
import { lintManifestFiles } from '../../src/grader/lint-manifests.ts';

const PODS = `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: shop}}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 8080, name: http}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: shop, labels: {app: db}}
spec: {containers: [{name: c, image: postgres}]}
status: {podIP: 10.244.7.7}
`;

const lint = (policies: string) => lintManifestFiles([{ file: 'pods.yaml', text: PODS }, { file: 'np.yaml', text: policies }]).findings.map(formatFinding);

test('a clean policy set has no findings', () => {
  assert.deepEqual(lint(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress:
  - from:
    - podSelector: {matchLabels: {app: web}}
    - namespaceSelector: {matchLabels: {team: shop}}
`), []);
});

test('policies and selectors that match nothing are warnings at their YAML path', () => {
  const out = lint(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: typo, namespace: shop}
spec:
  podSelector:
    matchLabels: {app: dB}
  ingress:
  - from:
    - namespaceSelector:
        matchLabels: {name: monitoring}
    - podSelector: {matchLabels: {role: reporter}}
`);
  assert.deepEqual(out, [
    'np.yaml:6:5: warning: spec.podSelector: NetworkPolicy shop/typo: podSelector app=dB selects no pod in namespace shop, so this policy has no effect',
    'np.yaml:10:9: warning: spec.ingress[0].from[0].namespaceSelector: NetworkPolicy shop/typo: namespaceSelector name=monitoring matches no namespace (namespaces: shop); label the namespace or use kubernetes.io/metadata.name',
    "np.yaml:11:20: warning: spec.ingress[0].from[1].podSelector: NetworkPolicy shop/typo: podSelector role=reporter matches no pod in namespace shop (a podSelector alone looks only in the policy's own namespace)",
  ]);
});

test('rules for a direction missing from policyTypes, unknown named ports and ipBlocks on pod IPs', () => {
  const out = lint(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: odd, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress]
  ingress:
  - ports:
    - port: metrics
  egress:
  - to:
    - ipBlock: {cidr: 10.244.7.0/24}
`);
  assert.equal(out.length, 2, out.join('\n'));
  assert.match(out[0], /^np\.yaml:11:3: warning: spec\.egress: .*spec\.egress is ignored: policyTypes is \[Ingress\]/);
  assert.match(out[1], /^np\.yaml:9:13: warning: spec\.ingress\[0\]\.ports\[0\]\.port: .*named port "metrics"\/TCP is not declared by any pod this policy selects/);
  const ip = lint(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: by-ip, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress:
  - to:
    - ipBlock: {cidr: 10.244.7.0/24}
`);
  assert.equal(ip.length, 1);
  assert.match(ip[0], /spec\.egress\[0\]\.to\[0\]\.ipBlock\.cidr: .*ipBlock 10\.244\.7\.0\/24 matches pod addresses \(shop\/db 10\.244\.7\.7\)/);
});

test('schema errors are errors with file, line and column', () => {
  const r = lintManifestFiles([{ file: 'bad.yaml', text: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: x, namespace: shop}
spec:
  podselector: {}
  ingress:
  - from:
    - ipBlock: {cidr: 10.0.0.0/8, except: [192.168.0.0/16]}
` }]);
  const out = r.findings.map(formatFinding);
  assert.ok(out.some((l) => l.startsWith('bad.yaml:5:3: strict decoding error: unknown field "spec.podselector" (did you mean "podSelector"?)')), out.join('\n'));
  assert.ok(out.some((l) => /^bad\.yaml:8:\d+: .*except\[0\].*must be a strict subset of `cidr` 10\.0\.0\.0\/8/.test(l)), out.join('\n'));
  assert.ok(r.findings.every((f) => f.severity === 'error'));
});
