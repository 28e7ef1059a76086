// kubectl get -w: the list, then one row per change of a listed object, aligned on the list's column widths
// (which grow for a wider row, as kubectl's table writer remembers them across events).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { followLines, tableWidths, wantsFollow, wantsWatch, watchRows } from '../../src/kubectl/watch.ts';
import { Term } from './helpers.ts';

test('wantsWatch: -w, --watch and --watch-only on get, not elsewhere nor after --', () => {
  assert.equal(wantsWatch(['get', 'pods', '-w']), true);
  assert.equal(wantsWatch(['get', 'pods', '--watch-only']), true);
  assert.equal(wantsWatch(['-n', 'x', 'get', 'netpol', '--watch']), true);
  assert.equal(wantsWatch(['get', 'pods']), false);
  assert.equal(wantsWatch(['exec', 'p', '--', 'get', '-w']), false);
});

test('rows for added, changed and deleted pods, in the command\'s columns, aligned on the first table', () => {
  const t = new Term('2025-03-01T09:00:00Z', 1);
  t.k('kubectl run a --image=nginx');
  const first = t.k('kubectl get pods -w');
  assert.equal(first.stdout.split('\n')[0], 'NAME   READY   STATUS    RESTARTS   AGE');
  const widths = tableWidths(first.stdout)!;
  assert.deepEqual(widths, [7, 8, 10, 11, 3]);
  const s0 = t.sb;
  t.k('kubectl run b --image=nginx');
  t.k('kubectl label pod a tier=web');
  const s1 = t.sb;
  assert.equal(watchRows(s0, s1, ['get', 'pods', '-w'], t.env(), widths), 'a      1/1     Running   0          3s\nb      1/1     Running   0          1s\n');
  t.k('kubectl run much-longer-name --image=nginx');
  t.k('kubectl delete pod b');
  assert.equal(watchRows(s1, t.sb, ['get', 'pods', '-w'], t.env(), widths),
    'much-longer-name   1/1     Running   0          1s\nb                  1/1     Running   0          3s\n');
  assert.equal(widths[0], 19, 'the first column grew for the longer name');
  t.k('kubectl create ns other');
  assert.equal(watchRows(s1, t.sb, ['get', 'netpol', '-w'], t.env()), '', 'changes to objects the command does not list print nothing');
});

test('--watch-only prints no list; -A keeps the NAMESPACE column in the rows', () => {
  const t = new Term();
  t.k('kubectl create ns app');
  assert.equal(t.k('kubectl get pods -A --watch-only').stdout, '');
  const s0 = t.sb;
  t.k('kubectl run web --image=nginx -n app');
  assert.match(watchRows(s0, t.sb, ['get', 'pods', '-A', '--watch-only'], t.env()), /^app\s{3,}web\s{3,}1\/1\s{3,}Running/);
});

test('a watch on an empty list prints nothing at all (no "No resources found")', () => {
  const r = new Term().k('kubectl get pods -w');
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, '');
  assert.equal(r.exitCode, 0);
});

test('--output-watch-events: an EVENT column (ADDED for the list, then MODIFIED, DELETED), as wide as MODIFIED; not for -o name', () => {
  const t = new Term();
  t.k('kubectl run a --image=nginx');
  const first = t.k('kubectl get pods -w --output-watch-events');
  assert.match(first.stdout, /^EVENT {6}NAME {3}READY {3}STATUS {4}RESTARTS {3}AGE\nADDED {6}a {6}1\/1 {5}Running {3}0 {10}\d+s\n$/);
  const widths = tableWidths(first.stdout)!;
  const s0 = t.sb;
  t.k('kubectl label pod a x=1');
  t.k('kubectl run b --image=nginx');
  const s1 = t.sb;
  assert.match(watchRows(s0, s1, ['get', 'pods', '-w', '--output-watch-events'], t.env(), widths), /^MODIFIED {3}a {6}1\/1 {5}Running {3}0 {10}\d+s\nADDED {6}b {6}1\/1/);
  t.k('kubectl delete pod b');
  assert.match(watchRows(s1, t.sb, ['get', 'pods', '-w', '--output-watch-events'], t.env(), widths), /^DELETED {4}b /);
  assert.equal(watchRows(s0, s1, ['get', 'pods', '-w', '--output-watch-events', '-o', 'name'], t.env()), 'pod/a\npod/b\n');
});

test('logs -f: the lines logged after what was shown, found past the overlap; the follow ends when the pod is gone', () => {
  const t = new Term();
  t.k('kubectl run web --image=nginx');
  t.k('kubectl expose pod web --port 80');
  t.k('kubectl run c --image=nginx');
  const args = ['logs', 'web', '-f', '--tail=1'];
  assert.equal(wantsFollow(args), true);
  assert.equal(wantsFollow(['logs', 'web']), false);
  assert.equal(wantsFollow(['exec', 'c', '--', 'tail', '-f']), false);
  const f0 = followLines([], t.sb, args, t.env())!;
  assert.match(f0.log.at(-1)!, /start worker process/);
  t.k('kubectl exec c -- curl -s -o /dev/null web');
  t.k('kubectl exec c -- curl -s -o /dev/null web/missing');
  const f1 = followLines(f0.log, t.sb, args, t.env())!;
  assert.equal(f1.lines.length, 2);
  assert.match(f1.lines[0], /"GET \/ HTTP\/1\.1" 200 /);
  assert.match(f1.lines[1], /"GET \/missing HTTP\/1\.1" 404 /);
  assert.deepEqual(followLines(f1.log, t.sb, args, t.env())!.lines, [], 'nothing new, nothing printed');
  t.k('kubectl delete pod web');
  assert.equal(followLines(f1.log, t.sb, args, t.env()), undefined);
  assert.equal(t.k('kubectl logs c -f').stderr, 'netpol-dojo: -f/--follow streams new lines in a terminal (netpol-dojo kubectl logs -f); here the log so far is shown.\n');
});
