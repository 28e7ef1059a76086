// The NetworkPolicy walkthrough with the real kubectl against `netpol-dojo serve`: namespaces, pods, a
// Service, a policy file, get/describe; and describe networkpolicy for every policy of the lessons, compared
// with the built-in printer on the same state.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { parse as parseYaml, stringify as toYamlText } from 'yaml';
import { parseManifests } from '../../src/content/manifests.ts';
import { loadSandbox } from '../../src/cli/kubectl-command.ts';
import { runKubectl } from '../../src/kubectl/index.ts';
import { Harness, SKIP_NO_KUBECTL } from './helpers.ts';

let h: Harness;
before(async () => { if (!SKIP_NO_KUBECTL) h = await Harness.start(); });
after(async () => { await h?.close(); });

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-from-front
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: api
  policyTypes: [Ingress]
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: front
    ports:
    - port: 8080
`;

test('namespace, pods, a Service and a policy through the real kubectl', { skip: SKIP_NO_KUBECTL }, async () => {
  assert.equal((await h.kubectl(['create', 'namespace', 'shop'])).stdout, 'namespace/shop created\n');
  assert.equal((await h.kubectl(['-n', 'shop', 'run', 'api', '--image=nginx', '--labels=app=api', '--port=8080'])).stdout, 'pod/api created\n');
  assert.equal((await h.kubectl(['-n', 'shop', 'run', 'front', '--image=nginx', '--labels=app=front'])).stdout, 'pod/front created\n');
  assert.equal((await h.kubectl(['-n', 'shop', 'expose', 'pod', 'api', '--port=80', '--target-port=8080'])).stdout, 'service/api exposed\n');
  const file = h.file('policy.yaml', POLICY);
  assert.equal((await h.kubectl(['apply', '-f', file])).stdout, 'networkpolicy.networking.k8s.io/api-from-front created\n');

  const pods = await h.kubectl(['-n', 'shop', 'get', 'pods', '-o', 'wide']);
  assert.equal(pods.code, 0, pods.stderr);
  const lines = pods.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/);
  assert.match(lines[1], /^api\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+controlplane\s+<none>\s+<none>$/);
  assert.equal(lines.length, 3);

  const np = await h.kubectl(['-n', 'shop', 'get', 'netpol']);
  assert.match(np.stdout, /^NAME\s+POD-SELECTOR\s+AGE\napi-from-front\s+app=api\s+\S+\n$/);

  const svc = await h.kubectl(['-n', 'shop', 'get', 'endpoints', 'api', '-o', 'jsonpath={.subsets[0].ports[0].port}']);
  assert.equal(svc.stdout, '8080');
  const described = await h.kubectl(['-n', 'shop', 'describe', 'service', 'api']);
  assert.match(described.stdout, /\nEndpoints: +10\.244\.\d+\.\d+:8080\n/, 'describe service reads the EndpointSlices');

  const real = await h.kubectl(['-n', 'shop', 'describe', 'networkpolicy', 'api-from-front']);
  const sb = loadSandbox(h.stateDir, new Date().toISOString()).sandbox;
  const builtIn = runKubectl(sb, ['-n', 'shop', 'describe', 'networkpolicy', 'api-from-front'], { now: new Date().toISOString() });
  assert.equal(real.stdout, builtIn.stdout);
  assert.match(real.stdout, /Allowing ingress traffic:\n {4}To Port: 8080\/TCP\n {4}From:\n {6}PodSelector: app=front\n/);

  const all = await h.kubectl(['get', 'all', '-n', 'shop']);
  assert.match(all.stdout, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\npod\/api\s/);
  assert.match(all.stdout, /\nservice\/api\s+ClusterIP\s+10\.96\.\d+\.\d+\s+<none>\s+80\/TCP\s/);

  const labels = await h.kubectl(['-n', 'shop', 'get', 'pods', '--show-labels', '--sort-by=.metadata.name', '-L', 'app']);
  assert.match(labels.stdout, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+APP\s+LABELS\napi\s.*\sapi\s+app=api\nfront\s.*\sfront\s+app=front\n$/);

  const cols = await h.kubectl(['-n', 'shop', 'get', 'pods', '-o', 'custom-columns=N:.metadata.name,IP:.status.podIP', '--no-headers']);
  assert.match(cols.stdout, /^api\s+10\.244\.\d+\.\d+\nfront\s+10\.244\.\d+\.\d+\n$/);

  const sel = await h.kubectl(['get', 'pods', '-A', '-l', 'app=front', '--field-selector', 'status.phase=Running', '-o', 'name']);
  assert.equal(sel.stdout, 'pod/front\n');

  const missing = await h.kubectl(['-n', 'shop', 'get', 'pod', 'nope']);
  assert.equal(missing.code, 1);
  assert.equal(missing.stderr, 'Error from server (NotFound): pods "nope" not found\n');

  const exists = await h.kubectl(['create', 'namespace', 'shop']);
  assert.equal(exists.stderr, 'Error from server (AlreadyExists): namespaces "shop" already exists\n');

  const badName = await h.kubectl(['create', 'namespace', 'Shop_1']);
  assert.equal(badName.code, 1);
  assert.match(badName.stderr, /The Namespace "Shop_1" is invalid: metadata\.name: Invalid value: "Shop_1": a lowercase RFC 1123 label must consist of/);

  const waited = await h.kubectl(['-n', 'shop', 'wait', '--for=condition=Ready', 'pod/api', '--timeout=10s']);
  assert.equal(waited.stdout, 'pod/api condition met\n');

  const gone = await h.kubectl(['delete', 'namespace', 'shop']);
  assert.equal(gone.stdout, 'namespace "shop" deleted\n');
  const after = await h.kubectl(['get', 'pods', '-n', 'shop']);
  assert.equal(after.stderr, 'No resources found in shop namespace.\n');
});

/** Every valid NetworkPolicy that appears in a lesson (examples, answers, demos). */
function lessonPolicies(): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (!/kind:\s*NetworkPolicy/.test(v)) return;
      const r = parseManifests(v, 'lesson', 'default');
      if (!r.ok) return;
      for (const o of r.value.objects) {
        if (o.kind !== 'NetworkPolicy' || !o.raw) continue;
        const key = JSON.stringify(o.raw.spec ?? {});
        if (!seen.has(key)) { seen.add(key); found.push({ ...o.raw }); }
      }
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  const dir = new URL('../../lessons/', import.meta.url);
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) walk(parseYaml(readFileSync(new URL(f, dir), 'utf8')));
  return found;
}

test('describe networkpolicy of every lesson policy is the built-in printer\'s text', { skip: SKIP_NO_KUBECTL }, async () => {
  const policies = lessonPolicies();
  assert.ok(policies.length >= 20, `lessons have policies (${policies.length})`);
  const docs = policies.map((p, i) => toYamlText({ ...p, metadata: { name: `p${String(i).padStart(2, '0')}`, namespace: 'lessons' } }));
  await h.kubectl(['create', 'namespace', 'lessons']);
  const applied = await h.kubectl(['apply', '-f', h.file('lessons.yaml', docs.join('\n---\n'))]);
  assert.equal(applied.code, 0, applied.stderr);
  assert.equal(applied.stdout.split('\n').filter((l) => l.endsWith(' created')).length, policies.length);
  const real = await h.kubectl(['-n', 'lessons', 'describe', 'networkpolicy']);
  assert.equal(real.code, 0, real.stderr);
  const sb = loadSandbox(h.stateDir, new Date().toISOString()).sandbox;
  const builtIn = runKubectl(sb, ['-n', 'lessons', 'describe', 'networkpolicy'], { now: new Date().toISOString() });
  assert.equal(real.stdout, builtIn.stdout);
});

/** A table's words with the ages blanked (the two printers read the clock a moment apart). */
const words = (text: string) => text.split('\n').map((l) => l.trim().split(/\s{2,}|\s(?=<)/).map((w) => (/^\d+[smhdy](\d+[smh])?$/.test(w) ? '<age>' : w)).join(' | '));

test('get TYPE -A [-o wide] prints what the built-in printer prints, for every kind', { skip: SKIP_NO_KUBECTL }, async () => {
  await h.kubectl(['create', 'namespace', 'kinds']);
  const manifests = h.file('kinds.yaml', `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: kinds}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: pg, image: postgres:16, ports: [{containerPort: 5432, name: pg}]}]}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kinds}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: a, image: busybox, command: [sleep, '3600']}]}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly, namespace: kinds}
spec:
  schedule: '0 3 * * *'
  jobTemplate:
    spec:
      template:
        spec: {restartPolicy: Never, containers: [{name: j, image: busybox}]}
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: kinds}
spec: {type: NodePort, selector: {app: db}, ports: [{port: 5432, targetPort: pg}]}
`);
  assert.equal((await h.kubectl(['apply', '-f', manifests])).code, 0);
  const types = ['pods', 'services', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'cronjobs', 'namespaces', 'networkpolicies', 'endpoints', 'nodes'];
  for (const t of types) {
    for (const wide of [false, true]) {
      const args = ['get', t, '-A', ...(wide ? ['-o', 'wide'] : [])];
      const real = await h.kubectl(args);
      assert.match(real.stdout, /^NAMESPACE\s+NAME\s|^NAME\s/, `kubectl ${args.join(' ')}: ${real.stderr}`);
      const sb = loadSandbox(h.stateDir, new Date().toISOString()).sandbox;
      const builtIn = runKubectl(sb, args, { now: new Date().toISOString() });
      assert.deepEqual(words(real.stdout), words(builtIn.stdout), `kubectl ${args.join(' ')}`);
    }
  }
});
