import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterFromObjects, parseManifests } from '../../src/content/manifests.ts';

function cluster(text: string) {
  const res = parseManifests(text, 'm.yaml');
  if (!res.ok) throw new Error(res.errors.map((e) => e.message).join('\n'));
  return { cluster: clusterFromObjects(res.value.objects), warnings: res.value.warnings };
}

const tpl = (labels: string) => `template:\n    metadata: {labels: {${labels}}}\n    spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 8080, name: web}]}]}`;

test('workloads stand for one pod named after the workload, with the template labels', () => {
  const { cluster: c } = cluster(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop, labels: {ignored: yes}}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  ${tpl('app: web')}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  ${tpl('app: db')}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec:
  selector: {matchLabels: {app: agent}}
  ${tpl('app: agent')}
---
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: rs}
spec:
  ${tpl('app: rs')}
---
apiVersion: batch/v1
kind: Job
metadata: {name: once}
spec:
  backoffLimit: 2
  ${tpl('app: once')}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        metadata: {labels: {app: nightly}}
        spec: {containers: [{name: c, image: busybox}], restartPolicy: OnFailure}
`);
  assert.deepEqual(c.pods.map((p) => [p.namespace, p.name, p.owner, p.labels.app, p.ip]), [
    ['shop', 'web', 'Deployment', 'web', '10.244.0.1'],
    ['default', 'db', 'StatefulSet', 'db', '10.244.0.2'],
    ['kube-system', 'agent', 'DaemonSet', 'agent', '10.244.0.3'],
    ['default', 'rs', 'ReplicaSet', 'rs', '10.244.0.4'],
    ['default', 'once', 'Job', 'once', '10.244.0.5'],
    ['default', 'nightly', 'CronJob', 'nightly', '10.244.0.6'],
  ]);
  assert.deepEqual(c.pods[0].containers[0].ports, [{ containerPort: 8080, name: 'web', protocol: 'TCP' }]);
});

test('status.podIP is honoured and generated IPs avoid it', () => {
  const { cluster: c } = cluster(`
apiVersion: v1
kind: Pod
metadata: {name: a}
spec: {containers: [{name: c, image: i}]}
---
apiVersion: v1
kind: Pod
metadata: {name: b}
spec: {containers: [{name: c, image: i}]}
status: {podIP: 10.244.0.1}
`);
  assert.deepEqual(c.pods.map((p) => p.ip), ['10.244.0.2', '10.244.0.1']);
});

test('namespaces: declared keep their labels plus the name label; referenced ones get only the name label', () => {
  const { cluster: c } = cluster(`
apiVersion: v1
kind: Namespace
metadata: {name: team-a, labels: {team: a}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: team-b}
spec: {podSelector: {}}
`);
  assert.deepEqual(c.namespaces, [
    { name: 'team-a', labels: { team: 'a', 'kubernetes.io/metadata.name': 'team-a' }, declared: true },
    { name: 'team-b', labels: { 'kubernetes.io/metadata.name': 'team-b' }, declared: false },
  ]);
});

test('a List is unpacked and null fields mean absent', () => {
  const { cluster: c } = cluster(`
apiVersion: v1
kind: List
items:
- apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: {name: p, namespace: x}
  spec:
    podSelector:
    ingress:
    - from:
      ports:
`);
  assert.equal(c.policies.length, 1);
  assert.deepEqual(c.policies[0].spec, { podSelector: {}, ingress: [{}] });
});

test('real-API fields that do not affect networking are accepted; typos are not', () => {
  const ok = parseManifests(`apiVersion: v1
kind: Pod
metadata: {name: a, annotations: {x: y}, uid: u1, resourceVersion: "5"}
spec:
  restartPolicy: Always
  serviceAccountName: sa
  containers: [{name: c, image: i, resources: {}, imagePullPolicy: Always}]
`, 'ok.yaml');
  assert.equal(ok.ok, true);
  const bad = parseManifests(`apiVersion: v1
kind: Pod
metadata: {name: a}
spec:
  containers: [{name: c, image: i, prots: [{containerPort: 80}]}]
`, 'bad.yaml');
  assert.equal(bad.ok, false);
  assert.deepEqual(!bad.ok && bad.errors.map((e) => [e.line, e.col, e.message]), [
    [5, 36, 'strict decoding error: unknown field "spec.containers[0].prots" (did you mean "ports"?)'],
  ]);
});

test('every error in a file is reported, each with its own position', () => {
  const res = parseManifests(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p}
spec:
  podSelector: {}
  ingress:
  - ports: [{port: 0}]
---
apiVersion: v1
kind: Service
metadata: {name: s}
spec: {ports: [{port: 80, targetPort: "not a name"}]}
`, 'two.yaml');
  assert.equal(res.ok, false);
  assert.deepEqual(!res.ok && res.errors.map((e) => e.line), [7, 12]);
  assert.match(!res.ok ? res.errors[0].message : '', /spec\.ingress\[0\]\.ports\[0\]\.port: Invalid value: 0/);
});
