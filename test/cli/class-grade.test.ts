// Grading a class: exam results re-graded from their stored clusters (a tampered score is ignored, a
// damaged file is a row with an error), homework submissions per student; table, json, csv, junit, md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readScenarioDir } from '../../src/content/load.ts';
import { assembleScenarios } from '../../src/content/scenarios.ts';
import { prepareScenario } from '../../src/practice/task-run.ts';
import { findPackageRoot } from '../../src/cli/paths.ts';
import { runCli } from './run-cli.ts';

const ROOT = findPackageRoot(new URL('.', import.meta.url).pathname)!;
const read = readScenarioDir(join(ROOT, 'scenarios'));
if (!read.ok) throw new Error(read.error);
const SCENARIOS = assembleScenarios(read.files).scenarios;
const NOW = '2025-03-01T09:00:00.000Z';
const task = (id: string) => { const p = prepareScenario(SCENARIOS.find((s) => s.id === id)!, NOW); assert.ok(p.ok); return p.task; };

function resultsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nd-results-'));
  const deny = task('seed-deny-all');
  const peer = task('and-peer');
  const file = (student: string, a: unknown, b: unknown, storedScore: number) => ({
    format: 'netpol-dojo-exam-result/1', seed: 1, student, title: 'T', startedAt: NOW, finishedAt: NOW, minutes: 120, usedMs: 1, passMark: 67,
    score: storedScore, passed: storedScore >= 67,
    tasks: [
      { scenario: 'seed-deny-all', context: 'k8s-t1', points: 40, earned: 40, score: 100, passed: true, timeMs: 1, flagged: false, cluster: a, files: {} },
      { scenario: 'and-peer', context: 'k8s-t2', points: 60, earned: 60, score: 100, passed: true, timeMs: 1, flagged: false, cluster: b, files: {} },
    ],
  });
  writeFileSync(join(dir, 'alice.json'), JSON.stringify(file('alice', deny.reference, peer.reference, 100)));
  writeFileSync(join(dir, 'bob.json'), JSON.stringify(file('bob', deny.reference, peer.initial, 100)), 'utf8'); // claims 100, did only task 1
  writeFileSync(join(dir, 'carol.json'), '{"format": "netpol-dojo-exam-result/1", "tasks": [');
  return dir;
}

test('exam results are re-graded from the stored clusters; the stored score is not trusted; damage is reported', async () => {
  const dir = resultsDir();
  const r = await runCli(['grade', '--results', dir]);
  assert.equal(r.code, 1);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^STUDENT\s+seed-deny-all\s+and-peer\s+TOTAL\s+RESULT$/);
  assert.match(r.stdout, /\nalice\s+40\/40\s+60\/60\s+100\s+PASS\n/);
  assert.match(r.stdout, /\nbob\s+40\/40\s+\d+(\.\d)?\/60\s+\d+(\.\d)?\s+FAIL\n/);
  assert.match(r.stdout, /\ncarol\s+\?\s+\?\s+-\s+ERROR: carol\.json: /);
  assert.match(lines.at(-1)!, /^PASSED\s+100%\s+50%\s+1\/3$/, 'rates over the files that could be read');
  const j = JSON.parse((await runCli(['grade', '--results', dir, '-o', 'json'])).stdout) as { students: { student: string; total: number; passed: boolean; error?: string }[]; successRates: Record<string, number> };
  assert.deepEqual(j.students.map((s) => [s.student, s.passed]), [['alice', true], ['bob', false], ['carol', false]]);
  assert.ok(j.students[1].total < 67);
  assert.equal(j.successRates['and-peer'], 50);
  const csv = (await runCli(['grade', '--results', dir, '-o', 'csv'])).stdout;
  assert.match(csv, /^student,source,seed-deny-all,and-peer,total,passed,error\nalice,[^,]+,40,60,100,true,\n/);
  const junit = (await runCli(['grade', '--results', dir, '-o', 'junit'])).stdout;
  assert.match(junit, /<testsuite name="bob" tests="2" failures="1" errors="0">/);
  assert.match(junit, /<testsuite name="carol" tests="1" failures="0" errors="1">/);
  const md = (await runCli(['grade', '--results', dir, '-o', 'md'])).stdout;
  assert.match(md, /^\| student \| seed-deny-all \| and-peer \| total \| result \|\n\|---\|---:\|---:\|---:\|---\|\n\| alice \| 40\/40 \| 60\/60 \| 100 \| pass \|/);
  const bad = await runCli(['grade', '--results', dir, '-o', 'xml']);
  assert.equal(bad.code, 2);
});

test('homework submissions: DIR/<student>/<scenario-id>.yaml graded per student; missing and broken files are named', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nd-subs-'));
  const deny = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: secure-deny-all, namespace: secure}\nspec: {podSelector: {}, policyTypes: [Ingress, Egress]}\n';
  for (const s of ['ann', 'ben', 'cid']) mkdirSync(join(dir, s));
  writeFileSync(join(dir, 'ann', 'seed-deny-all.yaml'), deny);
  writeFileSync(join(dir, 'ben', 'seed-deny-all.yaml'), deny.replace('Ingress, Egress', 'Ingress'));
  writeFileSync(join(dir, 'cid', 'seed-deny-all.yaml'), 'kind: [\n');
  const r = await runCli(['grade', '--submissions', dir, '-o', 'json']);
  assert.equal(r.code, 1);
  const j = JSON.parse(r.stdout) as { tasks: string[]; students: { student: string; total: number; cells: Record<string, { passed: boolean; note?: string }> }[] };
  assert.deepEqual(j.tasks, ['seed-deny-all']);
  assert.deepEqual(j.students.map((s) => [s.student, s.total]), [['ann', 100], ['ben', j.students[1].total], ['cid', 0]]);
  assert.ok(j.students[1].total > 0 && j.students[1].total < 100);
  assert.match(j.students[1].cells['seed-deny-all'].note ?? '', /egress-denied/);
  assert.match(j.students[2].cells['seed-deny-all'].note ?? '', /does not apply/);
  const empty = mkdtempSync(join(tmpdir(), 'nd-empty-'));
  const none = await runCli(['grade', '--submissions', empty]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /nothing to grade/);
});

test('a class pack: lint names every broken file precisely; its scenarios grade with --pack; its exam sets load', async () => {
  const pack = join(ROOT, 'test', 'fixtures', 'class-pack');
  const lint = await runCli(['lint', pack]);
  assert.equal(lint.code, 1);
  const lines = lint.stdout.trimEnd().split('\n').map((l) => l.replace(`${pack}/`, 'PACK/'));
  assert.deepEqual(lines.map((l) => l.split(': ')[0]), [
    'PACK/scenarios/broken-field.yaml:1:1',
    'PACK/scenarios/broken-field.yaml:8:1',
    'PACK/scenarios/exams/week-2.yaml:6:16',
    'PACK/scenarios/exams/week-2.yaml:5:3',
    'lint',
  ]);
  assert.match(lines[1], /unknown field "solutoin" \(did you mean "solution"\?\)/);
  assert.match(lines[2], /no scenario has id "no-such-task"/);
  assert.match(lines[3], /the points add up to 90/);
  assert.equal(lines[4], 'lint: checked 2 scenarios and 2 exam sets: 4 errors, 0 warnings');
  const dir = mkdtempSync(join(tmpdir(), 'nd-pack-subs-'));
  mkdirSync(join(dir, 'dee'));
  writeFileSync(join(dir, 'dee', 'lab-deny-ingress.yaml'), 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: lab-deny-ingress, namespace: lab}\nspec: {podSelector: {}}\n');
  const g = await runCli(['grade', '--pack', pack, '--submissions', dir, '-o', 'csv']);
  assert.equal(g.code, 0, g.stdout + g.stderr);
  assert.match(g.stdout, /\ndee,[^,]+,100,100,true,\n$/);
  assert.match(g.stderr, /warning: .*broken-field\.yaml/, 'the broken pack file is named, the rest still grades');
  const { loadExamSets } = await import('../../src/cli/exam-tui-host.ts');
  const known = new Set([...SCENARIOS.map((s) => s.id), 'lab-deny-ingress']);
  const sets = loadExamSets([pack], known);
  assert.deepEqual(sets.sets.map((s) => s.id).sort(), ['cks-mock-1', 'cks-mock-2', 'cks-mock-3', 'week-1']);
  assert.equal(sets.errors.length, 2);
});

test('list exams: the curated sets, and a pack\'s with its broken ones named', async () => {
  const r = await runCli(['list', 'exams']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^ID +TASKS  MIN  PASS  TITLE\ncks-mock-1 +16  120   67%  Mock exam 1/);
  const p = await runCli(['list', 'exams', '--pack', join(ROOT, 'test', 'fixtures', 'class-pack'), '-o', 'json']);
  assert.equal(p.code, 1);
  assert.ok((JSON.parse(p.stdout) as { id: string }[]).some((s) => s.id === 'week-1'));
  assert.match(p.stderr, /week-2\.yaml:.*no scenario has id "no-such-task"/);
});
