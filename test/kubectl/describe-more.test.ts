// describe networkpolicy: endPort ranges (kubectl 1.31+), every policy of a namespace in name order;
// describe node for the sandbox's single node; describe pod with each container's state.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Term } from './helpers.ts';

test('describe networkpolicy -n NS lists every policy by name; endPort prints as a range', () => {
  const t = new Term();
  t.k('kubectl create ns app');
  t.apply('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: zz-deny, namespace: app}\nspec: {podSelector: {}}\n');
  t.apply(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: aa-egress, namespace: app}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress: [{ports: [{port: 32000, endPort: 32768}, {port: 53, protocol: UDP}]}]
`);
  const r = t.k('kubectl describe networkpolicy -n app');
  assert.equal(r.exitCode, 0);
  const names = [...r.stdout.matchAll(/^Name:\s+(\S+)$/gm)].map((m) => m[1]);
  assert.deepEqual(names, ['aa-egress', 'zz-deny']);
  assert.match(r.stdout, /\n {2}Allowing egress traffic:\n {4}To Port Range: 32000-32768\/TCP\n {4}To Port: 53\/UDP\n {4}To: <any> \(traffic not restricted by destination\)\n/);
  assert.match(r.stdout, /Policy Types: Egress\n\n\nName: {9}zz-deny\n/);
  assert.equal(t.k('kubectl describe netpol -n default').stderr, 'No resources found in default namespace.\n');
});

test('describe node: kubectl\'s layout for controlplane and the pods on it', () => {
  const t = new Term();
  t.k('kubectl create ns app');
  t.apply(`apiVersion: v1
kind: Pod
metadata: {name: api, namespace: app}
spec:
  containers:
  - name: api
    image: nginx
    resources: {requests: {cpu: 250m, memory: 64Mi}, limits: {cpu: "1", memory: 128Mi}}
`);
  t.advance(600);
  const r = t.k('kubectl describe node');
  assert.equal(r.exitCode, 0);
  const out = r.stdout;
  assert.equal(t.k('kubectl describe nodes controlplane').stdout, out);
  assert.equal(t.k('kubectl describe node/controlplane').stdout, out);
  const lines = out.split('\n');
  assert.deepEqual(lines.slice(0, 3), ['Name:               controlplane', 'Roles:              control-plane', 'Labels:             kubernetes.io/arch=amd64']);
  for (const l of ['CreationTimestamp:  Sat, 01 Mar 2025 09:00:00 +0000', 'Taints:             <none>', 'Unschedulable:      false',
    '  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message',
    '  Ready            True    Sat, 01 Mar 2025 09:10:00 +0000   Sat, 01 Mar 2025 09:00:00 +0000   KubeletReady                 kubelet is posting ready status',
    'Addresses:', '  InternalIP:  172.18.0.2', '  Hostname:    controlplane', '  pods:               110',
    'PodCIDR:                      10.244.0.0/24', 'Non-terminated Pods:          (3 in total)',
    '  app                         api                         250m (6%)     1 (25%)     64Mi (0%)        128Mi (0%)     10m',
    '  cpu                250m (6%)  1 (25%)', '  memory             64Mi (0%)  128Mi (0%)', 'Events:              <none>']) {
    assert.ok(lines.includes(l), `missing line:\n${l}\nin:\n${out}`);
  }
  assert.match(out, /\n {2}kube-system {17}coredns-\S+ {4}0 \(0%\) {8}0 \(0%\) {6}0 \(0%\) {11}0 \(0%\) {9}10m\n/);
  assert.ok(out.indexOf('Conditions:') < out.indexOf('Addresses:') && out.indexOf('Capacity:') < out.indexOf('Allocatable:')
    && out.indexOf('System Info:') < out.indexOf('PodCIDR:') && out.indexOf('Non-terminated Pods:') < out.indexOf('Allocated resources:'));
  const missing = t.k('kubectl describe node worker-1');
  assert.equal(missing.exitCode, 1);
  assert.equal(missing.stderr, 'Error from server (NotFound): nodes "worker-1" not found\n');
});

test('describe pod words each container state as kubectl does: Terminated/Completed, Waiting/CrashLoopBackOff with the last state', () => {
  const t = new Term();
  t.k('kubectl run once --image=busybox --restart=Never');
  t.k('kubectl run loop --image=busybox');
  t.k('kubectl run web --image=nginx');
  const pick = (name: string) => t.k(`kubectl describe pod ${name}`).stdout.split('\n').filter((l) => /^\s+(State|Last State|Reason|Exit Code|Ready|Restart Count):|^Status:|^  (Ready|ContainersReady|PodReadyToStartContainers) /.test(l)).map((l) => l.trimEnd()).join('\n');
  assert.equal(pick('once'), [
    'Status:           Succeeded',
    '    State:          Terminated',
    '      Reason:       Completed',
    '      Exit Code:    0',
    '    Ready:          False',
    '    Restart Count:  0',
    '  PodReadyToStartContainers   False',
    '  Ready                       False',
    '  ContainersReady             False',
  ].join('\n'));
  assert.equal(pick('loop'), [
    'Status:           Running',
    '    State:          Waiting',
    '      Reason:       CrashLoopBackOff',
    '    Last State:     Terminated',
    '      Reason:       Completed',
    '      Exit Code:    0',
    '    Ready:          False',
    '    Restart Count:  3',
    '  PodReadyToStartContainers   True',
    '  Ready                       False',
    '  ContainersReady             False',
  ].join('\n'));
  assert.match(t.k('kubectl describe pod web').stdout, /State:          Running\n      Started:      .*\n    Ready:          True\n    Restart Count:  0/);
});

test('describe folds a long or multi-line annotation under its key and cuts each line at 138 characters', () => {
  const t = new Term();
  t.k('kubectl create ns app');
  const long = 'x'.repeat(200);
  t.apply(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: np
  namespace: app
  annotations:
    a/short: fits on one line
    b/long: ${long}
    c/multi: "first line\\nsecond line\\n"
spec: {podSelector: {}}
`);
  const text = t.k('kubectl describe networkpolicy np -n app').stdout;
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.startsWith('Annotations:'));
  assert.deepEqual(lines.slice(i, i + 6).map((l) => l.trimEnd()), [
    'Annotations:  a/short: fits on one line',
    '              b/long:',
    `                ${'x'.repeat(138)}...`,
    '              c/multi:',
    '                first line',
    '                second line',
  ]);
});
