// The behaviour grader: the derived probe set, scope and free pairs, checks with points, explicit goals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, np } from '../engine/helpers.ts';
import { probeSet, addressesInText } from '../../src/grader/probe.ts';
import { compareBehaviour, differencesIn } from '../../src/grader/behaviour.ts';
import { gradeTask } from '../../src/grader/report.ts';
import type { GradingSpec } from '../../src/content/task-types.ts';

const RANGE = np('range', 'x', `podSelector: {matchLabels: {pod: a}}
policyTypes: [Ingress]
ingress:
- ports: [{protocol: UDP, port: 7000, endPort: 7010}, {port: serve-81-tcp}]
- from: [{ipBlock: {cidr: 203.0.113.0/24, except: [203.0.113.128/25]}}]`);

test('the probe set is derived: every pod, mentioned ports with range ends and neighbours, 53, an unused port, external edges', () => {
  const ref = build(RANGE).cluster;
  const p = probeSet(ref, [ref], ['198.51.100.7']);
  const ports = new Set(p.ports.map((x) => `${x.port}/${x.protocol}`));
  for (const want of ['80/TCP', '81/TCP', '80/UDP', '53/UDP', '53/TCP', '6999/UDP', '7000/UDP', '7001/UDP', '7009/UDP', '7010/UDP', '7011/UDP', '80/SCTP', '40404/TCP', '40404/UDP']) {
    assert.ok(ports.has(want), `${want} probed`);
  }
  assert.equal(p.endpoints.filter((e) => e.kind === 'pod').length, 9);
  const ips = p.endpoints.flatMap((e) => (e.kind === 'ip' ? [e.ip] : []));
  for (const want of ['8.8.8.8', '169.254.169.254', '198.51.100.7', '203.0.113.0', '203.0.113.255', '203.0.112.255', '203.0.114.0', '203.0.113.128', '203.0.113.127']) {
    assert.ok(ips.includes(want), `${want} probed`);
  }
  assert.deepEqual(addressesInText('reach 10.1.2.3 but not 192.168.0.0/30'), ['10.1.2.3', '192.168.0.0', '192.168.0.3', '192.168.0.2', '192.167.255.255', '192.168.0.4']);
});

const spec = (over: Partial<GradingSpec> = {}): GradingSpec => ({
  scope: undefined, free: [], addresses: [], goals: [],
  checks: [{ id: 'behaviour', description: 'behaves', points: 2, free: [] }], ...over,
});

test('a range that misses its end, or admits every pod, differs from the reference on the named pairs', () => {
  const reference = build(np('game', 'x', `podSelector: {matchLabels: {pod: a}}
policyTypes: [Ingress]
ingress:
- from: [{podSelector: {matchLabels: {pod: b}}}]
  ports: [{protocol: UDP, port: 7000, endPort: 7010}]`)).cluster;
  const short = build(np('game', 'x', `podSelector: {matchLabels: {pod: a}}
policyTypes: [Ingress]
ingress:
- from: [{podSelector: {matchLabels: {pod: b}}}]
  ports: [{protocol: UDP, port: 7000, endPort: 7005}]`)).cluster;
  const everyone = build(np('game', 'x', `podSelector: {matchLabels: {pod: a}}
policyTypes: [Ingress]
ingress:
- ports: [{protocol: UDP, port: 7000, endPort: 7010}]`)).cluster;
  const r1 = gradeTask({ spec: spec(), learner: short, reference, initial: reference });
  assert.equal(r1.passed, false);
  assert.ok(r1.checks[0].reasons.some((l) => /^x\/b → x\/a on .*7010\/UDP.*: your policies deny it; the task requires it allowed$/.test(l)), r1.checks[0].reasons.join('\n'));
  const r2 = gradeTask({ spec: spec(), learner: everyone, reference, initial: reference });
  assert.ok(r2.checks[0].reasons.some((l) => /^x\/c → x\/a on .*7000\/UDP.*: your policies allow it; the task requires it denied$/.test(l)));
  assert.ok(r2.checks[0].reasons.some((l) => l.startsWith('8.8.8.8 → x/a')), 'external sources are probed');
  const same = gradeTask({ spec: spec(), learner: reference, reference, initial: reference });
  assert.equal(same.passed, true);
  assert.equal(same.score, 100);
});

test('scope narrows what is compared and free pairs are never punished; points give partial credit', () => {
  const reference = build(np('deny', 'x', 'podSelector: {}\npolicyTypes: [Ingress]')).cluster;
  const looser = build(np('deny', 'x', 'podSelector: {matchLabels: {pod: a}}\npolicyTypes: [Ingress]')).cluster;
  const c = compareBehaviour(looser, reference);
  assert.ok(differencesIn(c, undefined, []).length > 0);
  assert.equal(differencesIn(c, [{ to: ['x/a'] }], []).length, 0, 'x/a is isolated in both');
  assert.equal(differencesIn(c, [{ to: ['x/*'] }], [{ to: ['x/b', 'x/c'] }]).length, 0, 'free pairs drop out');
  assert.ok(differencesIn(c, [{ to: ['x/b'] }], [{ to: ['x/b'], ports: [{ from: 1, to: 100 }] }]).length > 0, 'ports outside the free range still count');
  const r = gradeTask({
    spec: spec({
      checks: [{ id: 'a', description: 'a isolated', points: 3, free: [], scope: [{ to: ['x/a'] }] }, { id: 'rest', description: 'b and c isolated', points: 1, free: [] }],
      goals: [{ kind: 'policy-exists', namespace: 'x', name: 'deny', points: 1 }],
    }),
    learner: looser, reference, initial: reference,
  });
  assert.deepEqual(r.checks.map((x) => [x.id, x.passed]), [['a', true], ['rest', false], ['goal-1', true]]);
  assert.equal(r.score, 80);
  assert.equal(r.passed, false);
});

test('goals: unchanged, labels and answer files', () => {
  const initial = build(np('keep', 'x', 'podSelector: {}\npolicyTypes: [Ingress]')).cluster;
  const edited = build(np('keep', 'x', 'podSelector: {}\npolicyTypes: [Ingress, Egress]')).cluster;
  const r = gradeTask({
    spec: spec({
      checks: [],
      goals: [
        { kind: 'unchanged', object: { kind: 'NetworkPolicy', namespace: 'x', name: 'keep' } },
        { kind: 'labels', object: { kind: 'Pod', namespace: 'x', name: 'a' }, labels: { pod: 'a', quarantine: null } },
        { kind: 'labels', object: { kind: 'Namespace', name: 'y' }, labels: { team: 'y' } },
        { kind: 'answer-file', path: 'answer.txt', answer: ['x/b', 'x/c'], match: 'set' },
        { kind: 'answer-file', path: 'missing.txt', answer: ['yes'], match: 'exact' },
      ],
    }),
    learner: edited, reference: edited, initial, files: { 'answer.txt': '  x/c\n\nx/b\n' },
  });
  assert.deepEqual(r.checks.map((c) => c.passed), [false, true, false, true, false]);
  assert.match(r.checks[0].summary, /NetworkPolicy x\/keep should be left as it was: it was changed/);
  assert.match(r.checks[2].reasons[0], /label team is missing/);
  assert.match(r.checks[4].summary, /the file does not exist/);
});

test('goals: absent and only-policies', () => {
  const c = build(np('keep', 'x', 'podSelector: {}\npolicyTypes: [Ingress]') + '\n---\n' + np('extra', 'x', 'podSelector: {}')).cluster;
  const r = gradeTask({
    spec: spec({
      checks: [],
      goals: [
        { kind: 'absent', object: { kind: 'NetworkPolicy', namespace: 'x', name: 'extra' } },
        { kind: 'absent', object: { kind: 'NetworkPolicy', namespace: 'x', name: 'gone' } },
        { kind: 'only-policies', namespace: 'x', names: ['keep'] },
        { kind: 'only-policies', namespace: 'y', names: [] },
      ],
    }),
    learner: c, reference: c, initial: c,
  });
  assert.deepEqual(r.checks.map((x) => x.passed), [false, true, false, true]);
  assert.match(r.checks[0].summary, /NetworkPolicy x\/extra should not exist: it still does/);
  assert.deepEqual(r.checks[2].reasons, ['not asked for: extra']);
});
