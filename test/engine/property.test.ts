// Property tests: the fast matrix agrees with the explained single-pair evaluation, and arbitrary
// YAML-shaped input never makes parse → validate → evaluate throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { clusterFromObjects, parseManifests } from '../../src/content/manifests.ts';
import { compileCluster, evaluate, reachMatrix, type Endpoint } from '../../src/engine/index.ts';

const nsNames = ['x', 'y', 'z'];
const labelValue = fc.constantFrom('a', 'b', 'c');
const labels = fc.dictionary(fc.constantFrom('app', 'tier', 'ns'), labelValue, { maxKeys: 2 });
const selector = fc.record({
  matchLabels: fc.option(labels, { nil: undefined }),
  matchExpressions: fc.option(fc.array(fc.oneof(
    fc.record({ key: fc.constantFrom('app', 'tier', 'ns'), operator: fc.constantFrom('In', 'NotIn'), values: fc.array(labelValue, { minLength: 1, maxLength: 2 }) }),
    fc.record({ key: fc.constantFrom('app', 'tier', 'ns'), operator: fc.constantFrom('Exists', 'DoesNotExist') }),
  ), { maxLength: 2 }), { nil: undefined }),
}, { requiredKeys: [] });
const ipBlock = fc.record({
  cidr: fc.constantFrom('10.244.0.0/16', '10.244.0.0/30', '0.0.0.0/0', '192.168.0.0/16'),
  except: fc.option(fc.constantFrom(['10.244.0.2/32'], ['192.168.1.0/24']), { nil: undefined }),
}, { requiredKeys: ['cidr'] });
const peer = fc.oneof(
  fc.record({ podSelector: selector }),
  fc.record({ namespaceSelector: selector }),
  fc.record({ podSelector: selector, namespaceSelector: selector }),
  fc.record({ ipBlock }),
);
const port = fc.oneof(
  fc.record({ port: fc.constantFrom(80, 81, 53) }, { requiredKeys: [] }),
  fc.record({ port: fc.constantFrom('http', 'dns'), protocol: fc.constantFrom('TCP', 'UDP') }, { requiredKeys: ['port'] }),
  fc.record({ port: fc.constant(80), endPort: fc.constantFrom(80, 81, 90), protocol: fc.constantFrom('TCP', 'UDP', 'SCTP') }),
  fc.record({ protocol: fc.constantFrom('UDP', 'SCTP') }),
);
const rule = (dir: 'from' | 'to') => fc.record({ [dir]: fc.array(peer, { maxLength: 2 }), ports: fc.array(port, { maxLength: 2 }) }, { requiredKeys: [] });
const policy = fc.record({
  ns: fc.constantFrom(...nsNames),
  spec: fc.record({
    podSelector: selector,
    policyTypes: fc.option(fc.subarray(['Ingress', 'Egress'], { minLength: 1 }), { nil: undefined }),
    ingress: fc.option(fc.array(rule('from'), { maxLength: 2 }), { nil: undefined }),
    egress: fc.option(fc.array(rule('to'), { maxLength: 2 }), { nil: undefined }),
  }, { requiredKeys: ['podSelector'] }),
});
const pod = fc.record({ ns: fc.constantFrom(...nsNames), labels, http: fc.constantFrom(80, 81, 8080), dnsProto: fc.constantFrom('UDP', 'TCP') });

function clusterYaml(pods: { ns: string; labels: Record<string, string>; http: number; dnsProto: string }[], pols: { ns: string; spec: object }[], nsLabels: Record<string, string>[]): string {
  const docs: object[] = nsNames.map((n, i) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: n, labels: nsLabels[i] } }));
  pods.forEach((p, i) => docs.push({
    apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, namespace: p.ns, labels: p.labels },
    spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: p.http, name: 'http' }, { containerPort: 53, name: 'dns', protocol: p.dnsProto }] }] },
  }));
  pols.forEach((p, i) => docs.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `np${i}`, namespace: p.ns }, spec: p.spec }));
  return docs.map((d) => stringify(d)).join('---\n');
}

test('reachMatrix agrees with evaluate on random clusters', () => {
  let checked = 0;
  fc.assert(fc.property(
    fc.array(pod, { minLength: 1, maxLength: 6 }),
    fc.array(policy, { maxLength: 5 }),
    fc.array(labels, { minLength: 3, maxLength: 3 }),
    fc.constantFrom<number | string>(80, 81, 53, 90, 'http', 'dns'),
    fc.constantFrom('TCP' as const, 'UDP' as const, 'SCTP' as const),
    (pods, pols, nsl, probePort, protocol) => {
      const res = parseManifests(clusterYaml(pods, pols, nsl), 'gen.yaml');
      if (!res.ok) return; // e.g. an except outside its cidr: rejected by validation, nothing to compare
      checked++;
      const cc = compileCluster(clusterFromObjects(res.value.objects));
      const eps: Endpoint[] = [...cc.cluster.pods.map((p) => ({ kind: 'pod' as const, pod: p })), { kind: 'ip', ip: '192.168.1.7' }, { kind: 'ip', ip: '8.8.8.8' }];
      const m = reachMatrix(cc, eps, eps, probePort, protocol);
      eps.forEach((f, i) => eps.forEach((t, j) => {
        assert.equal(m.allowed(i, j), evaluate(cc, f, t, probePort, protocol).allowed, `pair ${i}->${j}`);
      }));
    },
  ), { numRuns: 300, seed: 42 });
  assert.ok(checked > 150, `only ${checked} generated clusters were valid`);
});

const yamlish: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' },
    fc.string({ maxLength: 6 }), fc.integer(), fc.boolean(), fc.constant(null),
    fc.constantFrom('podSelector', 'Ingress', 'Egress', '10.0.0.0/8', 'TCP', 'In'),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('podSelector', 'namespaceSelector', 'ipBlock', 'cidr', 'except', 'from', 'to', 'ports', 'port',
      'endPort', 'protocol', 'matchLabels', 'matchExpressions', 'key', 'operator', 'values', 'policyTypes', 'ingress', 'egress', 'x'), tie('value'), { maxKeys: 4 })),
})).value;

test('arbitrary YAML-shaped objects never make parse → validate → evaluate throw', () => {
  fc.assert(fc.property(
    fc.constantFrom('NetworkPolicy', 'Pod', 'Namespace', 'Service', 'Deployment', 'CronJob', 'List', 'ConfigMap'),
    yamlish, yamlish,
    (kind, spec, extra) => {
      const api = { NetworkPolicy: 'networking.k8s.io/v1', Deployment: 'apps/v1', CronJob: 'batch/v1' }[kind as string] ?? 'v1';
      const doc = { apiVersion: api, kind, metadata: { name: 'n', namespace: 'x' }, spec, items: extra, status: extra };
      const text = `${stringify(doc)}---\n${stringify(extra)}`;
      const res = parseManifests(text, 'fuzz.yaml');
      if (res.ok) {
        const cc = compileCluster(clusterFromObjects(res.value.objects));
        const eps: Endpoint[] = [...cc.cluster.pods.map((p) => ({ kind: 'pod' as const, pod: p })), { kind: 'ip', ip: '10.1.2.3' }];
        reachMatrix(cc, eps, eps, 80, 'TCP');
        for (const f of eps) for (const t of eps) evaluate(cc, f, t, 'http', 'UDP');
      } else {
        for (const e of res.errors) assert.ok(e.message.length > 0 && e.line >= 1);
      }
    },
  ), { numRuns: 500, seed: 7 });
});

test('arbitrary text never makes the parser throw', () => {
  fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => {
    const res = parseManifests(text, 'junk.yaml');
    if (!res.ok) for (const e of res.errors) assert.ok(e.message.length > 0);
  }), { numRuns: 500, seed: 3 });
});
