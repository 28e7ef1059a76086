// The built-in lessons' exercises: the reference solution passes, and the classic wrong answers (the
// misconceptions each lesson teaches against) fail for the reason the lesson gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { gradeExercise, sandboxAtStep } from '../../src/practice/lesson-run.ts';
import type { ExerciseStep } from '../../src/content/lesson-types.ts';
import { loadCourse } from '../../src/content/load.ts';
import { findPackageRoot } from '../../src/cli/paths.ts';
import { validPattern } from '../../src/content/patterns.ts';
import { goalId } from '../../src/content/task-types.ts';

const NOW = '2025-01-01T00:00:00Z';
const ROOT = findPackageRoot(new URL('.', import.meta.url).pathname)!;
const { lessons } = loadCourse(join(ROOT, 'lessons'));

function grade(id: string, answer: (solution: string) => string) {
  const l = lessons.find((x) => x.id === id)!;
  const i = l.steps.findIndex((s) => s.kind === 'exercise');
  const ex = l.steps[i] as ExerciseStep;
  const text = answer(ex.solution);
  assert.notEqual(text, ex.solution, 'the wrong answer must differ from the solution');
  const r = gradeExercise(sandboxAtStep(l, i, NOW), ex, text, 'answer.yaml', NOW);
  assert.equal(r.applied, true, r.error);
  return r;
}

/** The failed explicit goals (behaviour checks are asserted separately). */
const failed = (r: ReturnType<typeof grade>) => r.results.filter((g) => !g.passed && g.kind !== 'behaviour').map((g) => g.summary);
/** Every line of the failed behaviour checks: the pairs that differ, with the engine's reasons. */
const behaviour = (r: ReturnType<typeof grade>) => r.results.filter((g) => !g.passed && g.kind === 'behaviour').flatMap((g) => g.reasons);
const edit = (from: string, to: string) => (s: string) => { assert.ok(s.includes(from), `solution lacks ${from}`); return s.replace(from, to); };

test('every exercise of the course is solved by its solution', () => {
  for (const l of lessons) {
    l.steps.forEach((s, i) => {
      if (s.kind !== 'exercise') return;
      const r = gradeExercise(sandboxAtStep(l, i, NOW), s, s.solution, 'solution.yaml', NOW);
      assert.equal(r.passed, true, `${l.id}/${s.id}: ${r.error ?? [...failed(r), ...behaviour(r)].join('; ')}`);
    });
  }
});

test('deny-all: forgetting the namespace locks down default instead', () => {
  const r = grade('deny-all', edit('  namespace: payments\n', ''));
  assert.ok(failed(r).includes('default/tester → default/web 80/TCP should be allowed: it is denied'), failed(r).join('\n'));
  assert.ok(failed(r).some((s) => s.startsWith('payments/checkout → payments/ledger')));
});

test('policy-types: an egress-only intent without policyTypes blocks ingress instead', () => {
  const r = grade('policy-types', edit('  policyTypes:\n  - Egress\n', ''));
  assert.deepEqual(failed(r), [
    'lab/client → lab/monitor 80/TCP should be denied: it is allowed',
    'lab/monitor → lab/client 80/TCP should be allowed: it is denied',
  ]);
});

test('selective-ingress: an empty podSelector peer admits every pod of secure, a policy on the sender opens nothing', () => {
  const everyPod = grade('selective-ingress', edit('    - podSelector:\n        matchLabels:\n          run: back-end\n', '    - podSelector: {}\n'));
  assert.deepEqual(failed(everyPod), ['secure/front-end → secure/db 5432/TCP should be denied: it is allowed']);
  assert.deepEqual(failedChecks(everyPod), ['db-ingress']);
  const sender = grade('selective-ingress', edit('      run: db\n  policyTypes', '      run: back-end\n  policyTypes'));
  assert.ok(failed(sender).includes('secure/back-end → secure/db 5432/TCP should be allowed: it is denied'), failed(sender).join('\n'));
  assert.deepEqual(failedChecks(sender), ['db-ingress']);
});

test('dns-gotcha: without the DNS rule the name does not resolve', () => {
  const r = grade('dns-gotcha', (s) => s.slice(0, s.indexOf('  - to:\n    - namespaceSelector:')) + s.slice(s.indexOf('  - to:\n    - podSelector:')));
  assert.deepEqual(failed(r), ['orders/web: the name api should resolve: the query cannot reach kube-dns on 53/UDP']);
});

test('namespaces: an empty namespaceSelector opens the port to every namespace', () => {
  const r = grade('namespaces', edit('        matchLabels:\n          kubernetes.io/metadata.name: monitoring\n', '        matchLabels: {}\n'));
  assert.deepEqual(failed(r), [
    'dev/api → prod/api 9090/TCP should be denied: it is allowed',
    'prod/db → prod/api 9090/TCP should be denied: it is allowed',
  ]);
});

test('and-vs-or-peers: a bare podSelector misses other namespaces, an extra dash admits everyone', () => {
  const bare = grade('and-vs-or-peers', edit('    - namespaceSelector: {}\n      podSelector:', '    - podSelector:'));
  assert.deepEqual(failed(bare), ['analytics/reporter → billing/invoice 8080/TCP should be allowed: it is denied']);
  const or = grade('and-vs-or-peers', edit('    - namespaceSelector: {}\n      podSelector:', '    - namespaceSelector: {}\n    - podSelector:'));
  assert.deepEqual(failed(or), ['analytics/dashboard → billing/invoice 8080/TCP should be denied: it is allowed']);
});

test('combining-policies: adding a deny policy cannot take away what another allows', () => {
  const r = grade('combining-policies', () => 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: block-admin, namespace: web}\nspec:\n  podSelector: {matchLabels: {app: api}}\n  policyTypes: [Ingress]\n');
  assert.ok(failed(r).includes('web/admin → web/api 8080/TCP should be denied: it is allowed'), failed(r).join('\n'));
});

test('ports-and-protocols: without protocol UDP the range is TCP', () => {
  const r = grade('ports-and-protocols', edit('    - protocol: UDP\n      port: 7000', '    - port: 7000'));
  assert.ok(failed(r).includes('ports/client → ports/game 7005/UDP should be allowed: it is denied'), failed(r).join('\n'));
});

test('ipblock: an except missing the metadata address leaves it reachable', () => {
  const r = grade('ipblock', edit('        - 169.254.169.254/32\n', ''));
  assert.deepEqual(failed(r), ['apps/cache → 169.254.169.254 80/TCP should be denied: it is allowed']);
});

// ---- behaviour grading: each exercise grades what its task says, no more and no less ----

/** The ids of the failed behaviour checks. */
const failedChecks = (r: ReturnType<typeof grade>) => r.results.filter((g) => !g.passed && g.kind === 'behaviour').map((g) => g.id);

/**
 * Whether a behaviour line names the pair on that port with the learner's verdict. Lines list one pair's
 * ports together ("a → b on 53/UDP, 5432/TCP: …", or "on every probed port (n)"); an endpoint ending in
 * "*" is a prefix (kube-dns pods have generated names).
 */
function names(lines: readonly string[], from: string, to: string, port: string, learnerAllows: boolean): boolean {
  const verdict = learnerAllows ? 'your policies allow it; the task requires it denied' : 'your policies deny it; the task requires it allowed';
  const ep = (pattern: string, name: string) => (pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern);
  return lines.some((l) => {
    const m = /^(\S+) → (\S+) on (.+): (your policies .+)$/.exec(l);
    return m !== null && ep(from, m[1]) && ep(to, m[2]) && m[4] === verdict
      && (m[3].split(', ').includes(port) || m[3].startsWith('every probed port'));
  });
}

function assertNames(r: ReturnType<typeof grade>, from: string, to: string, port: string, learnerAllows: boolean): void {
  assert.equal(r.passed, false);
  assert.ok(names(behaviour(r), from, to, port, learnerAllows), `no line names ${from} → ${to} on ${port}:\n${behaviour(r).join('\n')}`);
}

/** Passes every check and goal. */
function assertPasses(r: ReturnType<typeof grade>): void {
  assert.equal(r.passed, true, [...failed(r), ...behaviour(r)].join('\n'));
}

const np = (name: string, namespace: string, spec: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n${spec}`;

test('every exercise states what it grades: a scope, two or more checks, valid patterns, unique ids', () => {
  for (const l of lessons) {
    for (const s of l.steps) {
      if (s.kind !== 'exercise') continue;
      const where = `${l.id}/${s.id}`;
      assert.ok(s.scope && s.scope.length > 0, `${where}: no scope`);
      assert.ok(s.checks && s.checks.length >= 2, `${where}: fewer than two checks`);
      const sels = [...s.scope, ...s.free, ...s.checks.flatMap((c) => [...(c.scope ?? []), ...c.free])];
      for (const p of sels.flatMap((x) => [...(x.from ?? []), ...(x.to ?? [])])) assert.ok(validPattern(p), `${where}: bad pattern ${p}`);
      const ids = [...s.checks.map((c) => c.id), ...s.goals.map((g, i) => goalId(g, i))];
      assert.equal(new Set(ids).size, ids.length, `${where}: duplicate ids ${ids.join(', ')}`);
    }
  }
});

test('selective-egress: an egress rule without ports opens every port of db', () => {
  const r = grade('selective-egress', edit('    ports:\n    - protocol: TCP\n      port: 5432\n', ''));
  assert.deepEqual(failedChecks(r), ['backend-egress']);
  assertNames(r, 'secure/back-end', 'secure/db', '80/TCP', true);
  assertNames(r, 'secure/back-end', 'secure/db', '5432/UDP', true);
  assert.deepEqual(failed(r), [], 'the goals alone do not notice');
});

test('selective-egress: an extra rule to 0.0.0.0/0 on 5432 opens the world on 5432', () => {
  const r = grade('selective-egress', (s) => `${s}  - to:\n    - ipBlock:\n        cidr: 0.0.0.0/0\n    ports:\n    - protocol: TCP\n      port: 5432\n`);
  assert.deepEqual(failedChecks(r), ['backend-egress']);
  assert.ok(behaviour(r).includes('secure/back-end → 8.8.8.8 on 5432/TCP: your policies allow it; the task requires it denied'), behaviour(r).join('\n'));
  assertNames(r, 'secure/back-end', 'secure/front-end', '5432/TCP', true);
  assertNames(r, 'secure/back-end', '169.254.169.254', '5432/TCP', true);
  assert.deepEqual(failed(r), []);
});

test('selective-egress: leaving out policyTypes also isolates back-end for ingress, which the task forbids', () => {
  const r = grade('selective-egress', edit('  policyTypes:\n  - Egress\n', ''));
  assert.deepEqual(failedChecks(r), ['nothing-else']);
  assertNames(r, 'secure/front-end', 'secure/back-end', '80/TCP', false);
});

test('ports-and-protocols: a range that stops short of 7010 fails', () => {
  const r = grade('ports-and-protocols', edit('endPort: 7010', 'endPort: 7008'));
  assert.deepEqual(failedChecks(r), ['range-open']);
  assertNames(r, 'ports/client', 'ports/game', '7010/UDP', false);
  assertNames(r, 'ports/client', 'ports/game', '7009/UDP', false);
});

test('ports-and-protocols: a rule that admits every pod (or every source) fails', () => {
  const everyPod = grade('ports-and-protocols', edit('    - podSelector:\n        matchLabels:\n          app: client\n', '    - podSelector: {}\n'));
  assert.deepEqual(failedChecks(everyPod), ['nothing-else']);
  assertNames(everyPod, 'ports/web', 'ports/game', '7000/UDP', true);
  assert.deepEqual(failed(everyPod), [], 'the goals alone do not notice');
  const noFrom = grade('ports-and-protocols', edit('  - from:\n    - podSelector:\n        matchLabels:\n          app: client\n    ports:', '  - ports:'));
  assert.deepEqual(failedChecks(noFrom), ['nothing-else']);
  assertNames(noFrom, 'ports/web', 'ports/game', '7005/UDP', true);
  assertNames(noFrom, 'kube-system/coredns-*', 'ports/game', '7010/UDP', true);
  assertNames(noFrom, '8.8.8.8', 'ports/game', '7000/UDP', true);
});

test('dns-gotcha: DNS on 53/UDP only fails, because the task asks for 53/TCP too', () => {
  const r = grade('dns-gotcha', edit('    - protocol: UDP\n      port: 53\n    - protocol: TCP\n      port: 53\n', '    - protocol: UDP\n      port: 53\n'));
  assert.deepEqual(failedChecks(r), ['web-calls-api']);
  assertNames(r, 'orders/web', 'kube-system/coredns-*', '53/TCP', false);
  assert.deepEqual(failed(r), [], 'the name still resolves over UDP');
});

test('dns-gotcha: DNS to anywhere (a rule with ports and no `to`) opens port 53 to the world', () => {
  const r = grade('dns-gotcha', edit(
    '  - to:\n    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: kube-system\n      podSelector:\n        matchLabels:\n          k8s-app: kube-dns\n    ports:',
    '  - ports:',
  ));
  assert.deepEqual(failedChecks(r), ['nothing-else']);
  assertNames(r, 'orders/web', '8.8.8.8', '53/UDP', true);
  assertNames(r, 'orders/web', '8.8.8.8', '53/TCP', true);
  assertNames(r, 'orders/web', '169.254.169.254', '53/UDP', true);
  assert.deepEqual(failed(r), []);
});

test('correct variants pass: matchExpressions, protocol left to its default, an explicit DNS rule', () => {
  assertPasses(grade('selective-egress', () => np('allow-egress-backend-to-db', 'secure', `  podSelector:
    matchExpressions: [{key: run, operator: In, values: [back-end]}]
  policyTypes: [Egress]
  egress:
  - to: [{podSelector: {matchExpressions: [{key: run, operator: In, values: [db]}]}}]
    ports: [{port: 5432}]
  - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
    ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]
`)));
  assertPasses(grade('and-vs-or-peers', edit('    - namespaceSelector: {}\n', '    - namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: Exists}]}\n')));
  assertPasses(grade('namespaces', edit(
    '        matchLabels:\n          kubernetes.io/metadata.name: monitoring\n',
    '        matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [monitoring]}]\n      podSelector: {}\n',
  )));
});

test('correct variants pass: split into several policies, with DNS for the whole namespace where the task leaves it open', () => {
  // orders: DNS for every pod (api's DNS is free), web → api in its own policy, api's ingress without policyTypes
  assertPasses(grade('dns-gotcha', () => [
    np('allow-dns', 'orders', `  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}}]
    ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]
`),
    np('web-to-api', 'orders', `  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress:
  - to: [{podSelector: {matchLabels: {app: api}}}]
    ports: [{port: 8080}]
`),
    np('api-ingress', 'orders', `  podSelector: {matchLabels: {app: api}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: web}}}]
    ports: [{port: 8080}]
`),
  ].join('---\n')));
  // the UDP range as two entries
  assertPasses(grade('ports-and-protocols', edit('      endPort: 7010\n', '      endPort: 7004\n    - protocol: UDP\n      port: 7005\n      endPort: 7010\n')));
  // cache: a DNS rule besides the ipBlock (its connections to pods are free)
  assertPasses(grade('ipblock', (s) => `${s}  - to:\n    - namespaceSelector: {}\n      podSelector:\n        matchLabels:\n          k8s-app: kube-dns\n    ports:\n    - protocol: UDP\n      port: 53\n    - protocol: TCP\n      port: 53\n`));
});

test('correct variants pass: policyTypes spelled out or left to the default it equals', () => {
  // no policyTypes with only ingress rules is [Ingress]
  assertPasses(grade('ports-and-protocols', edit('  policyTypes:\n  - Ingress\n', '')));
  assertPasses(grade('combining-policies', edit('  policyTypes:\n  - Ingress\n', '')));
  assertPasses(grade('why-network-policies', edit('  policyTypes:\n  - Ingress\n', '')));
  // both directions in another order, the empty egress list written out
  assertPasses(grade('exam-technique', (s) => `${s.replace('  policyTypes:\n  - Ingress\n  - Egress\n', '  policyTypes: [Egress, Ingress]\n')}  egress: []\n`));
  assertPasses(grade('policy-types', (s) => `${s}  egress: []\n`));
});

test('partial credit: each exercise\'s checks fail separately', () => {
  // a policy for the whole of shop keeps api right but closes web
  const shop = grade('why-network-policies', edit('  podSelector:\n    matchLabels:\n      app: api\n', '  podSelector: {}\n'));
  assert.deepEqual(failedChecks(shop), ['web-db-unchanged']);
  assertNames(shop, 'shop/db', 'shop/web', '80/TCP', false);
  // Ingress listed too: client is silent but nobody reaches it
  const lab = grade('policy-types', edit('  - Egress\n', '  - Ingress\n  - Egress\n'));
  assert.deepEqual(failedChecks(lab), ['client-reachable']);
  assertNames(lab, 'lab/monitor', 'lab/client', '80/TCP', false);
  // no Egress: db still opens connections, its ingress is right
  const exam = grade('exam-technique', edit('  - Egress\n', ''));
  assert.deepEqual(failedChecks(exam), ['db-egress']);
  assertNames(exam, 'exam/db', '8.8.8.8', '443/TCP', true);
  // cache without the 10.0.0.0/8 except reaches the corporate range
  const cache = grade('ipblock', edit('        - 10.0.0.0/8\n', ''));
  assert.deepEqual(failedChecks(cache), ['ranges-blocked']);
  assertNames(cache, 'apps/cache', '10.0.0.1', '443/TCP', true);
  // the OR dash admits every pod into invoice, yet both reporters still get in
  const or = grade('and-vs-or-peers', edit('    - namespaceSelector: {}\n      podSelector:', '    - namespaceSelector: {}\n    - podSelector:'));
  assert.deepEqual(failedChecks(or), ['others-out']);
  assertNames(or, 'analytics/dashboard', 'billing/invoice', '8080/TCP', true);
});

// ---- the second edition's new lessons ----

test('namespace-isolation: an empty namespaceSelector admits the sandbox, a missing same-namespace rule shuts grafana out', () => {
  const notIn = '        matchExpressions:\n        - key: kubernetes.io/metadata.name\n          operator: NotIn\n          values:\n          - sandbox\n';
  const everyNs = grade('namespace-isolation', edit(`    - namespaceSelector:\n${notIn}`, '    - namespaceSelector: {}\n'));
  assert.deepEqual(failed(everyNs), ['sandbox/tester → monitoring/prometheus 9090/TCP should be denied: it is allowed']);
  assert.deepEqual(failedChecks(everyNs), ['prometheus-ingress']);
  const noOwn = grade('namespace-isolation', edit('  - from:\n    - podSelector: {}\n', ''));
  assert.deepEqual(failed(noOwn), ['monitoring/grafana → monitoring/prometheus 9091/TCP should be allowed: it is denied']);
  // the own-namespace peer inside the 9090 rule only opens 9090
  const samePorts = grade('namespace-isolation', edit('      port: 9090\n  - from:\n    - podSelector: {}\n', '      port: 9090\n'));
  assert.deepEqual(failed(samePorts), ['monitoring/grafana → monitoring/prometheus 9091/TCP should be allowed: it is denied']);
});

test('namespace-isolation: NotIn on a label the other namespaces lack selects them (correct here), In on a label nobody has selects nothing', () => {
  const notInTrust = '        matchExpressions:\n        - key: trust\n          operator: NotIn\n          values:\n          - untrusted\n';
  const byName = '        matchExpressions:\n        - key: kubernetes.io/metadata.name\n          operator: NotIn\n          values:\n          - sandbox\n';
  assertPasses(grade('namespace-isolation', edit(byName, notInTrust)));
  const inTrusted = grade('namespace-isolation', edit(byName, '        matchExpressions:\n        - key: trust\n          operator: In\n          values:\n          - trusted\n'));
  assert.deepEqual(failed(inTrusted), ['team-b/client → monitoring/prometheus 9090/TCP should be allowed: it is denied']);
});

test('api-server-egress: the Service address and port match nothing, the endpoint on the wrong port neither', () => {
  const serviceIp = grade('api-server-egress', (s) => s.replace('172.18.0.2/32', '10.96.0.1/32').replace('port: 6443', 'port: 443'));
  assert.deepEqual(failed(serviceIp), ['ops/controller → 172.18.0.2 6443/TCP should be allowed: it is denied']);
  assert.deepEqual(failedChecks(serviceIp), ['controller-egress']);
  const port443 = grade('api-server-egress', edit('port: 6443', 'port: 443'));
  assert.deepEqual(failed(port443), [
    'ops/controller → 172.18.0.2 6443/TCP should be allowed: it is denied',
    'ops/controller → 172.18.0.2 443/TCP should be denied: it is allowed',
  ]);
});

test('api-server-egress: a /0 on 6443 opens the port everywhere, a rule without ports opens the node on every port', () => {
  const world = grade('api-server-egress', edit('172.18.0.2/32', '0.0.0.0/0'));
  assert.deepEqual(failedChecks(world), ['controller-egress']);
  assertNames(world, 'ops/controller', '8.8.8.8', '6443/TCP', true);
  assert.deepEqual(failed(world), []);
  const anyPort = grade('api-server-egress', edit('    ports:\n    - protocol: TCP\n      port: 6443\n', ''));
  assert.deepEqual(failed(anyPort), ['ops/controller → 172.18.0.2 443/TCP should be denied: it is allowed']);
});

test('node-and-host-traffic: a namespace selector alone leaves the hostNetwork scrapers out; 0.0.0.0/0 lets the world in', () => {
  const podsOnly = grade('node-and-host-traffic', edit('    - ipBlock:\n        cidr: 172.18.0.0/24\n', ''));
  assert.deepEqual(failed(podsOnly), ['172.18.0.3 → shop/api 8080/TCP should be allowed: it is denied']);
  assert.deepEqual(failedChecks(podsOnly), ['api-ingress']);
  const world = grade('node-and-host-traffic', edit('cidr: 172.18.0.0/24', 'cidr: 0.0.0.0/0'));
  // with the upstream semantics the simulator follows, 0.0.0.0/0 also matches the pod addresses
  assert.deepEqual(failed(world), [
    '203.0.113.10 → shop/api 8080/TCP should be denied: it is allowed',
    'shop/web → shop/api 8080/TCP should be denied: it is allowed',
  ]);
  // the node range as its own rule is the same policy
  assertPasses(grade('node-and-host-traffic', edit('    - ipBlock:\n        cidr: 172.18.0.0/24\n    ports:', '    ports:\n    - protocol: TCP\n      port: 8080\n  - from:\n    - ipBlock:\n        cidr: 172.18.0.0/24\n    ports:')));
});
