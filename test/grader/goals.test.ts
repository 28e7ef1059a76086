import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterFromObjects, parseManifests } from '../../src/content/manifests.ts';
import type { Goal } from '../../src/content/lesson-types.ts';
import type { Cluster } from '../../src/engine/index.ts';
import { gradeGoals } from '../../src/grader/goals.ts';

const BASE = `
apiVersion: v1
kind: Namespace
metadata: {name: secure}
---
apiVersion: v1
kind: Pod
metadata: {name: front-end, namespace: secure, labels: {run: front-end}}
spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80, name: http}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: back-end, namespace: secure, labels: {run: back-end}}
spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80, name: http}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: back-end, namespace: secure}
spec: {selector: {run: back-end}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Pod
metadata: {name: coredns, namespace: kube-system, labels: {k8s-app: kube-dns}}
spec: {containers: [{name: c, image: coredns, ports: [{containerPort: 53, protocol: UDP, name: dns}]}]}
`;

const DENY_ALL = `
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: secure}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
`;

function cluster(extra = ''): Cluster {
  const r = parseManifests(BASE + extra, 'test.yaml');
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return clusterFromObjects(r.value.objects);
}

const reach = (from: string, to: string, allowed: boolean, port: number | string = 80): Goal => ({ kind: 'reach', from, to, port, protocol: 'TCP', allowed });

test('reach goals pass and fail with the engine verdict and its reasons', () => {
  const [open, closed] = gradeGoals(cluster(), [reach('secure/front-end', 'secure/back-end', true), reach('secure/front-end', 'secure/back-end', false)]);
  assert.equal(open.passed, true);
  assert.equal(open.summary, 'secure/front-end → secure/back-end 80/TCP should be allowed: it is allowed');
  assert.equal(closed.passed, false);
  assert.equal(closed.summary, 'secure/front-end → secure/back-end 80/TCP should be denied: it is allowed');
  assert.ok(open.reasons.some((r) => r.includes('not isolated')), open.reasons.join('\n'));

  const [denied] = gradeGoals(cluster(DENY_ALL), [reach('secure/front-end', 'secure/back-end', true)]);
  assert.equal(denied.passed, false);
  assert.equal(denied.summary, 'secure/front-end → secure/back-end 80/TCP should be allowed: it is denied');
  assert.ok(denied.reasons.some((r) => r.includes('isolated by secure/deny-all')), denied.reasons.join('\n'));
});

test('reach goals accept named ports and IP addresses', () => {
  const [named, external] = gradeGoals(cluster(), [reach('secure/front-end', 'secure/back-end', true, 'http'), reach('secure/front-end', '203.0.113.10', true, 443)]);
  assert.equal(named.passed, true);
  assert.equal(external.passed, true);
  const [blocked] = gradeGoals(cluster(DENY_ALL), [reach('secure/front-end', '203.0.113.10', false, 443)]);
  assert.equal(blocked.passed, true);
  assert.match(blocked.summary, /should be denied: it is denied/);
});

test('a goal naming a missing pod fails and lists the pods that do exist', () => {
  const [r] = gradeGoals(cluster(), [reach('secure/frontend', 'secure/back-end', false)]);
  assert.equal(r.passed, false);
  assert.match(r.summary, /pod secure\/frontend does not exist/);
  assert.deepEqual(r.reasons, ['pods in namespace secure: front-end, back-end']);
  const [empty] = gradeGoals(cluster(), [reach('nowhere/x', 'secure/back-end', false)]);
  assert.deepEqual(empty.reasons, ['namespace nowhere has no pods']);
});

test('dns goals depend on egress to kube-dns on 53/UDP', () => {
  const goal: Goal = { kind: 'dns', from: 'secure/front-end', name: 'back-end', resolves: true };
  const [ok] = gradeGoals(cluster(), [goal]);
  assert.equal(ok.passed, true, ok.summary);
  assert.match(ok.summary, /should resolve: it resolves to \d+\.\d+\.\d+\.\d+/);
  const [blocked] = gradeGoals(cluster(DENY_ALL), [goal]);
  assert.equal(blocked.passed, false);
  assert.match(blocked.summary, /cannot reach kube-dns on 53\/UDP/);
  assert.ok(blocked.reasons.some((r) => r.includes('deny-all')), blocked.reasons.join('\n'));
  const [nx] = gradeGoals(cluster(), [{ kind: 'dns', from: 'secure/front-end', name: 'no-such-svc', resolves: false }]);
  assert.equal(nx.passed, true);
  assert.match(nx.summary, /NXDOMAIN/);
});

test('policy-exists goals look for the name in the namespace', () => {
  const goal: Goal = { kind: 'policy-exists', namespace: 'secure', name: 'deny-all' };
  const [missing] = gradeGoals(cluster(), [goal]);
  assert.equal(missing.passed, false);
  assert.equal(missing.summary, 'NetworkPolicy secure/deny-all should exist: it does not');
  const [found] = gradeGoals(cluster(DENY_ALL), [goal]);
  assert.equal(found.passed, true);
  assert.deepEqual(found.reasons, ['NetworkPolicies in namespace secure: deny-all']);
  const [elsewhere] = gradeGoals(cluster(DENY_ALL), [{ ...goal, namespace: 'default' }]);
  assert.equal(elsewhere.passed, false);
});
