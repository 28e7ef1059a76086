// The built-in lessons' exercises: the reference solution passes, and the classic wrong answers (the
// misconceptions each lesson teaches against) fail for the reason the lesson gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { gradeExercise, sandboxAtStep } from '../../src/practice/lesson-run.ts';
import type { ExerciseStep } from '../../src/content/lesson-types.ts';
import { loadCourse } from '../../src/content/load.ts';
import { findPackageRoot } from '../../src/cli/paths.ts';

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

test('selective-ingress: the egress half alone is not enough', () => {
  const r = grade('selective-ingress', (s) => s.split('---')[0]);
  assert.ok(failed(r).includes('secure/back-end → secure/db 5432/TCP should be allowed: it is denied'), failed(r).join('\n'));
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
