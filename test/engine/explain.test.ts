import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, explainVerdict } from '../../src/engine/index.ts';
import { build, ep, np } from './helpers.ts';

const policies = [
  np('deny-all', 'x', 'podSelector: {}\npolicyTypes: [Ingress, Egress]'),
  np('allow-dns', 'x', 'podSelector: {}\npolicyTypes: [Egress]\negress:\n- to:\n  - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: y}}\n  ports: [{port: 80, protocol: UDP}]'),
  np('allow-web', 'x', 'podSelector: {matchLabels: {pod: a}}\npolicyTypes: [Egress]\negress:\n- to:\n  - namespaceSelector: {matchLabels: {ns: y}}\n    podSelector: {matchLabels: {pod: b}}\n  ports: [{port: 80}]'),
].join('\n---\n');

test('allowed verdict names the isolating policies and the allowing rule', () => {
  const cc = build(policies);
  const v = evaluate(cc, ep(cc, 'x/a'), ep(cc, 'y/b'), 80, 'TCP');
  assert.equal(v.allowed, true);
  assert.deepEqual(v.egress, {
    kind: 'allowed',
    isolatedBy: ['x/deny-all', 'x/allow-dns', 'x/allow-web'],
    allowedBy: [{ policy: 'x/allow-web', direction: 'Egress', rule: 0, peer: 0, port: 0 }],
  });
  assert.deepEqual(v.ingress, { kind: 'not-isolated' });
  assert.deepEqual(explainVerdict(cc, v), [
    'x/a → y/b on port 80/TCP: ALLOWED',
    '  egress from x/a: isolated by x/deny-all, x/allow-dns, x/allow-web; allowed by x/allow-web egress rule 1 (port 80/TCP to pods pod=b in namespaces ns=y)',
    '  ingress to y/b: not isolated (no policy selects it for ingress), so all ingress is allowed',
  ]);
});

test('rule summaries name a namespace by its metadata.name label', () => {
  const cc = build(policies);
  const v = evaluate(cc, ep(cc, 'x/b'), ep(cc, 'y/c'), 80, 'UDP');
  assert.equal(v.allowed, true);
  assert.match(explainVerdict(cc, v)[1], /allowed by x\/allow-dns egress rule 1 \(port 80\/UDP to all pods in namespace y\)$/);
});

test('denied verdict says which side denies and that no rule matched', () => {
  const cc = build(policies);
  const v = evaluate(cc, ep(cc, 'y/a'), ep(cc, 'x/a'), 80, 'TCP');
  assert.equal(v.allowed, false);
  assert.deepEqual(v.ingress, { kind: 'denied', isolatedBy: ['x/deny-all'] });
  assert.deepEqual(explainVerdict(cc, v), [
    'y/a → x/a on port 80/TCP: DENIED',
    '  egress from y/a: not isolated (no policy selects it for egress), so all egress is allowed',
    '  ingress to x/a: isolated by x/deny-all; denied: no ingress rule of this policy allows port 80/TCP from y/a',
    "  → the destination's ingress blocks it (both sides must allow a connection)",
  ]);
});

test('an external endpoint is not subject to policies', () => {
  const cc = build(policies);
  const v = evaluate(cc, ep(cc, '203.0.113.9'), ep(cc, 'y/a'), 443, 'TCP');
  assert.equal(v.allowed, true);
  assert.deepEqual(v.egress, { kind: 'external' });
  assert.match(explainVerdict(cc, v)[1], /address outside the cluster/);
});

test('an unresolvable named port is explained', () => {
  const cc = build('');
  const v = evaluate(cc, ep(cc, 'x/a'), ep(cc, 'y/a'), 'metrics', 'TCP');
  assert.equal(v.allowed, false);
  assert.equal(v.resolvedPort, undefined);
  assert.match(explainVerdict(cc, v)[1], /has no container port named "metrics" for TCP/);
});

test('several allowing rules are all reported', () => {
  const cc = build([np('p1', 'x', 'podSelector: {}\ningress:\n- {}'), np('p2', 'x', 'podSelector: {}\ningress:\n- ports: [{port: 80}]')].join('\n---\n'));
  const v = evaluate(cc, ep(cc, 'y/a'), ep(cc, 'x/a'), 80, 'TCP');
  assert.equal(v.ingress.kind, 'allowed');
  assert.deepEqual(v.ingress.kind === 'allowed' && v.ingress.allowedBy.map((r) => `${r.policy}#${r.rule}`), ['x/p1#0', 'x/p2#0']);
});
