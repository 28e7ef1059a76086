// kubectl logs: a server pod's startup lines and one access line per connection that reached it; denied
// connections leave none, so the log is a probe from the receiving side.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSandbox } from '../../src/kubectl/state-schema.ts';
import { LOG_LIMIT } from '../../src/kubectl/logs.ts';
import { Term } from './helpers.ts';

function access(t: Term, pod: string, flags = ''): string[] {
  return t.k(`kubectl logs ${pod} ${flags}`).stdout.split('\n').filter((l) => /^\d+\.\d+\.\d+\.\d+ - - \[/.test(l));
}

test('nginx logs each request in its access-log format, with the client pod IP and tool; nc leaves a 400', () => {
  const t = new Term('2025-03-01T09:00:00Z', 5);
  t.k('kubectl run web --image=nginx --expose --port=80');
  t.k('kubectl run bb --image=busybox -- sleep 3600');
  t.k('kubectl run cc --image=curlimages/curl --command -- sleep 3600');
  const bbIP = t.k('kubectl get pod bb -o jsonpath={.status.podIP}').stdout;
  const ccIP = t.k('kubectl get pod cc -o jsonpath={.status.podIP}').stdout;
  const first = t.k('kubectl logs web').stdout.split('\n');
  assert.equal(first[0], '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
  assert.match(first.find((l) => l.includes('start worker processes')) ?? '', /^2025\/03\/01 09:00:05 \[notice\] 1#1: start worker processes$/);
  assert.deepEqual(access(t, 'web'), []);
  t.k('kubectl exec bb -- wget -qO- web');
  t.k('kubectl exec cc -- curl -s web/missing');
  t.k('kubectl exec bb -- nc -z web 80');
  const lines = access(t, 'web');
  assert.equal(lines.length, 3);
  assert.match(lines[0], new RegExp(`^${bbIP} - - \\[01/Mar/2025:09:00:\\d\\d \\+0000\\] "GET / HTTP/1\\.1" 200 \\d+ "-" "Wget" "-"$`));
  assert.match(lines[1], new RegExp(`^${ccIP} - - \\[01/Mar/2025:09:00:\\d\\d \\+0000\\] "GET /missing HTTP/1\\.1" 404 \\d+ "-" "curl/8\\.11\\.1" "-"$`));
  assert.match(lines[2], new RegExp(`^${bbIP} - - \\[01/Mar/2025:09:00:\\d\\d \\+0000\\] "-" 400 0 "-" "-" "-"$`));
  assert.deepEqual(t.k('kubectl logs web --tail=1').stdout, `${lines[2]}\n`);
  assert.equal(t.k('kubectl logs web --tail=0').stdout, '');
});

test('a denied connection leaves no line; an allowed one does', () => {
  const t = new Term();
  t.k('kubectl run web --image=nginx --labels=app=web --expose --port=80');
  t.k('kubectl run bb --image=busybox --labels=app=bb -- sleep 3600');
  t.apply(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: default}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{from: [{podSelector: {matchLabels: {app: other}}}]}]`);
  assert.equal(t.k('kubectl exec bb -- wget -qO- -T 2 web').exitCode, 1);
  assert.deepEqual(access(t, 'web'), []);
  t.k('kubectl label pod bb app=other --overwrite');
  assert.equal(t.k('kubectl exec bb -- wget -qO- -T 2 web').exitCode, 0);
  assert.equal(access(t, 'web').length, 1);
});

test('logs: deploy/NAME, -c, errors, -f, and a pod created again starts an empty log', () => {
  const t = new Term();
  t.k('kubectl create deployment api --image=nginx --replicas=1');
  t.k('kubectl run bb --image=busybox -- sleep 3600');
  const pod = t.k('kubectl get pods -l app=api -o name').stdout.trim().slice(4);
  const ip = t.k(`kubectl get pod ${pod} -o jsonpath={.status.podIP}`).stdout;
  t.k(`kubectl exec bb -- wget -qO- ${ip}`);
  assert.equal(access(t, 'deploy/api').length, 1);
  assert.equal(access(t, pod, '-c nginx').length, 1);
  assert.equal(t.k(`kubectl logs ${pod} -c other`).stderr, `error: container other is not valid for pod ${pod}\n`);
  assert.equal(t.k('kubectl logs nope').stderr, 'error: error from server (NotFound): pods "nope" not found in namespace "default"\n');
  assert.equal(t.k('kubectl logs deploy/nope').stderr, 'error: error from server (NotFound): deployments.apps "nope" not found in namespace "default"\n');
  assert.equal(t.k('kubectl logs bb').stdout, '');
  assert.match(t.k('kubectl logs').stderr, /^error: expected 'logs \[-f\] \[-p\] \(POD \| TYPE\/NAME\) \[-c CONTAINER\]'\./);
  assert.equal(t.k('kubectl logs bb --tail=x').exitCode, 1);
  const follow = t.k(`kubectl logs -f ${pod} --tail=1`);
  assert.equal(follow.stderr, 'netpol-dojo: -f/--follow streams new lines in a terminal (netpol-dojo kubectl logs -f); here the log so far is shown.\n');
  assert.equal(t.k('kubectl logs bb --timestamps').stderr, 'error: netpol-dojo does not simulate the flag --timestamps of "kubectl logs"\n');
  t.k(`kubectl run web --image=nginx`);
  const webIP = t.k('kubectl get pod web -o jsonpath={.status.podIP}').stdout;
  t.k(`kubectl exec bb -- wget -qO- ${webIP}`);
  assert.equal(access(t, 'web').length, 1);
  t.k('kubectl delete pod web');
  t.k('kubectl run web --image=nginx');
  assert.equal(access(t, 'web').length, 0);
});

test('the log keeps the last lines only; the state file with logs passes its check, a damaged one does not', () => {
  const t = new Term();
  t.k('kubectl run web --image=nginx');
  t.k('kubectl run bb --image=busybox -- sleep 3600');
  const ip = t.k('kubectl get pod web -o jsonpath={.status.podIP}').stdout;
  const script = Array.from({ length: LOG_LIMIT + 5 }, (_, i) => `wget -qO- ${ip}/p${i} >/dev/null 2>&1`).join('; ');
  t.k(`kubectl exec bb -- sh -c "${script}"`);
  const lines = access(t, 'web');
  assert.equal(lines.length, LOG_LIMIT);
  assert.match(lines[LOG_LIMIT - 1], /"GET \/p204 HTTP\/1\.1" 404/);
  assert.ok(parseSandbox(JSON.parse(JSON.stringify(t.sb))).ok);
  const damaged = parseSandbox({ ...JSON.parse(JSON.stringify(t.sb)), logs: { 'default/web': { lines: 'x' } } });
  assert.deepEqual(damaged, { ok: false, error: 'logs.default/web.lines: Invalid input: expected array, received string' });
});

test('postgres logs HTTP bytes as a bad startup packet; a plain server logs each connection', () => {
  const t = new Term();
  t.k('kubectl run db --image=postgres');
  t.k('kubectl run app --image=example/app --port=8080');
  t.k('kubectl run c --image=nicolaka/netshoot -- sleep infinity');
  const db = t.k('kubectl get pod db -o jsonpath={.status.podIP}').stdout;
  const app = t.k('kubectl get pod app -o jsonpath={.status.podIP}').stdout;
  t.k(`kubectl exec c -- nc -z ${db} 5432`);
  t.k(`kubectl exec c -- curl -s -m 2 ${db}:5432`);
  const pg = t.k('kubectl logs db').stdout.split('\n');
  assert.equal(pg[2], '2025-03-01 09:00:00.000 UTC [1] LOG:  database system is ready to accept connections');
  assert.match(pg[3], /^2025-03-01 09:00:00\.000 UTC \[\d+\] LOG: {2}invalid length of startup packet$/);
  assert.equal(pg[4], '');
  t.k(`kubectl exec c -- nc -z ${app} 8080`);
  const cIP = t.k('kubectl get pod c -o jsonpath={.status.podIP}').stdout;
  assert.equal(t.k('kubectl logs app').stdout, `2025-03-01T09:00:00.000Z accepted connection from ${cIP} on port 8080/TCP\n`);
});
