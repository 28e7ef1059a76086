// `netpol-dojo grade`: answers applied to a scenario's (or a lesson exercise's) starting cluster, graded
// by behaviour; text, json and junit reports; exit 0 pass, 1 fail, 2 bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, tempFiles } from './run-cli.ts';

const DENY_ALL = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: secure-deny-all, namespace: secure}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`;
const INGRESS_ONLY = DENY_ALL.replace('[Ingress, Egress]', '[Ingress]');

test('a correct answer passes with score 100 (text)', async () => {
  const f = tempFiles({ 'deny.yaml': DENY_ALL });
  const r = await runCli(['grade', 'seed-deny-all', '--answers', f['deny.yaml']]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^seed-deny-all: /);
  assert.match(r.stdout, /score 100\/100 .*: PASS\n$/);
  assert.doesNotMatch(r.stdout, /✗/);
});

test('an answer written differently passes too (matchExpressions, split into two policies)', async () => {
  const split = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: secure-deny-all, namespace: secure}
spec:
  podSelector: {matchExpressions: [{key: nothing-has-this, operator: DoesNotExist}]}
  policyTypes: [Ingress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-egress, namespace: secure}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress: []
`;
  const f = tempFiles({ 'split.yaml': split });
  const r = await runCli(['grade', 'seed-deny-all', '--answers', f['split.yaml']]);
  assert.equal(r.code, 0, r.stdout);
});

test('an ingress-only answer fails the egress check, names a pair, gives reasons and partial credit (json)', async () => {
  const f = tempFiles({ 'deny.yaml': INGRESS_ONLY });
  const r = await runCli(['grade', 'seed-deny-all', '--answers', f['deny.yaml'], '-o', 'json']);
  assert.equal(r.code, 1);
  const j = JSON.parse(r.stdout) as { scenario: string; passed: boolean; score: number; checks: { id: string; passed: boolean; reasons: string[] }[]; feedback: { name: string }[] };
  assert.equal(j.scenario, 'seed-deny-all');
  assert.equal(j.passed, false);
  assert.ok(j.score > 0 && j.score < 100, String(j.score));
  const failed = j.checks.filter((c) => !c.passed);
  assert.ok(failed.length >= 1);
  const lines = failed.flatMap((c) => c.reasons);
  assert.ok(lines.some((l) => /^secure\/front-end → 8\.8\.8\.8 on .*: your policies allow it; the task requires it denied$/.test(l)), lines.slice(0, 5).join('\n'));
  assert.ok(lines.some((l) => l.startsWith('  egress from secure/front-end: not isolated')), 'the engine says why');
  assert.ok(j.checks.some((c) => c.passed), 'the ingress part still earns its points');
  assert.ok(j.feedback.length >= 1, 'the common mistake is recognised');
});

test('junit output has one testcase per check with failures', async () => {
  const f = tempFiles({ 'deny.yaml': INGRESS_ONLY });
  const r = await runCli(['grade', 'seed-deny-all', '--answers', f['deny.yaml'], '-o', 'junit']);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
  assert.match(r.stdout, /<testsuite name="seed-deny-all" tests="\d+" failures="[1-9]\d*"/);
  assert.match(r.stdout, /<testcase classname="netpol-dojo.seed-deny-all" name="[^"]+">\n\s+<failure message="/);
  assert.match(r.stdout, /→ 8\.8\.8\.8/);
});

test('kubectl command lines are applied after the manifests; a lesson exercise is graded as LESSON/EXERCISE', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nd-grade-'));
  writeFileSync(join(dir, 'cmds.txt'), '# relabel nothing, just look\nkubectl get pods -n secure\n');
  writeFileSync(join(dir, 'deny.yaml'), DENY_ALL);
  const ok = await runCli(['grade', 'seed-deny-all', '--answers', join(dir, 'deny.yaml'), '--commands', join(dir, 'cmds.txt')]);
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  const lesson = await runCli(['grade', 'deny-all/nope', '--answers', join(dir, 'deny.yaml')]);
  assert.equal(lesson.code, 2);
  assert.match(lesson.stderr, /lesson "deny-all" has no exercise "nope"; its exercises: /);
});

test('bad input exits 2 with a clear message: broken YAML, unknown field, unknown scenario, failing command', async () => {
  const f = tempFiles({
    'broken.yaml': 'kind: [\n',
    'typo.yaml': DENY_ALL.replace('podSelector', 'podselector'),
    'cmds.txt': 'kubectl label pod nothing-here a=b -n secure\n',
    'deny.yaml': DENY_ALL,
  });
  const broken = await runCli(['grade', 'seed-deny-all', '--answers', f['broken.yaml']]);
  assert.equal(broken.code, 2);
  assert.match(broken.stderr, /your answer .*broken\.yaml does not apply/);
  const typo = await runCli(['grade', 'seed-deny-all', '--answers', f['typo.yaml']]);
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /unknown field "spec\.podselector"/);
  const unknown = await runCli(['grade', 'no-such-scenario', '--answers', f['deny.yaml']]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /no scenario "no-such-scenario"/);
  const cmd = await runCli(['grade', 'seed-deny-all', '--answers', f['deny.yaml'], '--commands', f['cmds.txt']]);
  assert.equal(cmd.code, 2);
  assert.match(cmd.stderr, /cmds\.txt:1: `kubectl label pod nothing-here a=b -n secure` failed:/);
  const missing = await runCli(['grade', 'seed-deny-all', '--answers', '/no/such/file.yaml']);
  assert.equal(missing.code, 2);
  const nothing = await runCli(['grade', 'seed-deny-all']);
  assert.equal(nothing.code, 2);
  assert.match(nothing.stderr, /nothing to grade/);
  const fmt = await runCli(['grade', 'seed-deny-all', '--answers', f['deny.yaml'], '-o', 'yaml']);
  assert.equal(fmt.code, 2);
});

test('a variant seed changes the task consistently; the same seed gives the same task', async () => {
  const a = await runCli(['list', 'scenarios', '-o', 'json']);
  const list = JSON.parse(a.stdout) as { id: string; variants: number[] }[];
  const withVariants = list.filter((s) => s.variants.length > 0);
  assert.ok(withVariants.length >= 5, `${withVariants.length} scenarios with variants`);
});

test('answer-file scenarios: the file is read from the workspace; wrong-answer feedback needs the same file', async () => {
  const list = JSON.parse((await runCli(['list', 'scenarios', '-o', 'json'])).stdout) as { id: string }[];
  assert.ok(list.some((s) => s.id === 'answer-who-reaches-db'));
  const dir = mkdtempSync(join(tmpdir(), 'nd-ws-'));
  mkdirSync(join(dir, 'answers'), { recursive: true });
  const none = await runCli(['grade', 'answer-who-reaches-db', '--workspace', dir, '-o', 'json']);
  assert.equal(none.code, 1);
  const j = JSON.parse(none.stdout) as { checks: { kind: string; passed: boolean; summary: string }[]; feedback: unknown[] };
  assert.ok(j.checks.some((c) => c.kind === 'answer-file' && !c.passed && /does not exist/.test(c.summary)));
  assert.deepEqual(j.feedback, [], 'no wrong answer wrote "no file"');
});
