// resolveName: the name forms, the namespace default, NXDOMAIN, and blocking by NetworkPolicy.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileCluster, resolveName, searchCandidates, type Pod } from '../../src/engine/index.ts';
import { applyManifestText, freshSandbox, sandboxCluster, type Sandbox } from '../../src/kubectl/index.ts';

const NOW = '2025-03-01T09:00:00Z';

function cluster(extra = ''): Sandbox {
  const r = applyManifestText(freshSandbox(NOW), `apiVersion: v1
kind: Namespace
metadata: {name: app}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: app, labels: {role: client}}
spec: {containers: [{name: c, image: busybox}]}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: app, labels: {role: api}}
spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: app}
spec: {selector: {role: api}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: headless, namespace: app}
spec: {clusterIP: None, selector: {role: api}, ports: [{port: 80}]}
${extra}`, 'dns.yaml', NOW);
  if (!r.ok) throw new Error(r.error);
  return r.sandbox;
}

function client(sb: Sandbox): { cc: ReturnType<typeof compileCluster>; pod: Pod } {
  const cc = compileCluster(sandboxCluster(sb));
  return { cc, pod: cc.cluster.pods.find((p) => p.name === 'client')! };
}

test('SERVICE, SERVICE.NS, SERVICE.NS.svc and the FQDN all resolve to the ClusterIP', () => {
  const { cc, pod } = client(cluster());
  const svc = cc.cluster.services.find((s) => s.name === 'api')!;
  for (const name of ['api', 'api.app', 'api.app.svc', 'api.app.svc.cluster.local', 'api.app.svc.cluster.local.', 'API.App']) {
    const r = resolveName(cc, pod, name);
    assert.equal(r.kind, 'resolved', name);
    if (r.kind === 'resolved') {
      assert.equal(r.address, svc.clusterIP);
      assert.equal(r.fqdn, 'api.app.svc.cluster.local');
      assert.equal(r.service.name, 'api');
      assert.equal(r.server.namespace, 'kube-system');
    }
  }
  const k8s = resolveName(cc, pod, 'kubernetes.default');
  assert.equal(k8s.kind === 'resolved' && k8s.address, '10.96.0.1');
  const dns = resolveName(cc, pod, 'kube-dns.kube-system.svc');
  assert.equal(dns.kind === 'resolved' && dns.address, '10.96.0.10');
});

test('a bare name uses the client\'s namespace; unknown names are NXDOMAIN', () => {
  const { cc, pod } = client(cluster());
  const r = resolveName(cc, pod, 'kubernetes');
  assert.equal(r.kind, 'nxdomain');
  if (r.kind === 'nxdomain') assert.deepEqual(r.tried, ['kubernetes.app.svc.cluster.local', 'kubernetes.svc.cluster.local', 'kubernetes.cluster.local', 'kubernetes']);
  assert.equal(resolveName(cc, pod, 'api.other').kind, 'nxdomain');
  assert.deepEqual(searchCandidates('a.b.c.d.e.f', 'x')[0], 'a.b.c.d.e.f');
});

test('a headless Service resolves to a selected pod IP', () => {
  const { cc, pod } = client(cluster());
  const api = cc.cluster.pods.find((p) => p.name === 'api')!;
  const r = resolveName(cc, pod, 'headless');
  assert.equal(r.kind === 'resolved' && r.address, api.ip);
});

test('egress deny-all blocks resolution, with the engine verdict as the reason; a DNS rule unblocks it', () => {
  const deny = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-egress, namespace: app}
spec: {podSelector: {}, policyTypes: [Egress]}`;
  const { cc, pod } = client(cluster(deny));
  const r = resolveName(cc, pod, 'api');
  assert.equal(r.kind, 'blocked');
  if (r.kind === 'blocked') {
    assert.equal(r.verdicts.length, 2);
    assert.ok(r.verdicts.every((v) => !v.allowed && v.egress.kind === 'denied' && v.port === 53 && v.protocol === 'UDP'));
    assert.match(r.reason, /^app\/client cannot reach kube-dns on 53\/UDP:\napp\/client → kube-system\/coredns-\S+ on port 53\/UDP: DENIED\n {2}egress from app\/client: isolated by app\/deny-egress/);
  }
  const tcpOnly = `${deny}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: dns-tcp-only, namespace: app}
spec:
  podSelector: {}
  egress: [{ports: [{port: 53, protocol: TCP}]}]`;
  const c2 = client(cluster(tcpOnly));
  assert.equal(resolveName(c2.cc, c2.pod, 'api').kind, 'blocked', 'DNS needs 53/UDP');
  const udp = tcpOnly.replace('protocol: TCP', 'protocol: UDP');
  const c3 = client(cluster(udp));
  assert.equal(resolveName(c3.cc, c3.pod, 'api').kind, 'resolved');
});

test('ingress rules on the kube-dns pods count too', () => {
  const lock = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: lock-dns, namespace: kube-system}
spec: {podSelector: {matchLabels: {k8s-app: kube-dns}}, policyTypes: [Ingress]}`;
  const { cc, pod } = client(cluster(lock));
  const r = resolveName(cc, pod, 'api');
  assert.equal(r.kind, 'blocked');
  if (r.kind === 'blocked') assert.ok(r.verdicts.every((v) => v.ingress.kind === 'denied' && v.egress.kind === 'not-isolated'));
});

test('without kube-dns pods nothing resolves', () => {
  const cc = compileCluster({ ...sandboxCluster(cluster()), pods: sandboxCluster(cluster()).pods.filter((p) => p.namespace !== 'kube-system') });
  const pod = cc.cluster.pods.find((p) => p.name === 'client')!;
  const r = resolveName(cc, pod, 'api');
  assert.equal(r.kind, 'blocked');
  if (r.kind === 'blocked') assert.match(r.reason, /no kube-dns pod/);
});
