// Images and their tools, what a pod's process does when it starts (serve, complete, crash-loop), and names
// outside the cluster resolved through kube-dns to a simulated internet governed by egress ipBlock rules.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { externalAddress, isExternalName } from '../../src/engine/external-dns.ts';
import { imageProfile, imageRepository, knownImages } from '../../src/kubectl/images.ts';
import { podColumns } from '../../src/kubectl/pod-lifecycle.ts';
import { Term } from './helpers.ts';

test('an image is matched by its repository, whatever the registry, tag or digest', () => {
  assert.equal(imageRepository('docker.io/library/nginx:1.27'), 'nginx');
  assert.equal(imageRepository('nginx'), 'nginx');
  assert.equal(imageRepository('localhost:5000/busybox:1.36'), 'busybox');
  assert.equal(imageRepository('curlimages/curl:8.11.1'), 'curlimages/curl');
  assert.equal(imageRepository('ghcr.io/nicolaka/netshoot@sha256:0123abcd'), 'nicolaka/netshoot');
  assert.equal(imageProfile('registry.example.com/team/app:v2').repository, '');
  // An Alpine tag of a Debian image has busybox's sh and applets, and keeps its own tools.
  const alpine = imageProfile('nginx:1.27-alpine');
  assert.equal(alpine.sh, 'ash');
  assert.deepEqual([...alpine.tools].sort(), ['curl', 'nc', 'nslookup', 'ping', 'wget']);
  assert.deepEqual(knownImages(), ['busybox', 'alpine', 'curlimages/curl', 'nicolaka/netshoot', 'nginx', 'httpd', 'postgres', 'redis']);
});

test('which network tools each image has, as `which` inside the pod shows', () => {
  const t = new Term();
  const expected: Record<string, string> = {
    busybox: 'wget nc nslookup', alpine: 'wget nc nslookup', 'curlimages/curl': 'curl wget nc nslookup',
    'nicolaka/netshoot': 'curl wget nc nslookup dig bash', nginx: 'curl bash', httpd: 'bash', postgres: 'bash', redis: 'bash', 'example/app': '',
  };
  Object.keys(expected).forEach((image, i) => {
    // curlimages/curl's entrypoint is curl: arguments alone would be curl's, so the command is given.
    t.k(`kubectl run p${i} --image=${image}${image === 'curlimages/curl' ? ' --command' : ''} -- sleep 3600`);
    const r = t.k(`kubectl exec p${i} -- sh -c "which curl wget nc nslookup dig bash"`);
    const found = r.stdout.trim().split('\n').filter(Boolean).map((p) => p.split('/').pop()).join(' ');
    assert.equal(found, expected[image], image);
  });
});

test('a pod without a command: servers run, busybox completes (Never) or crash-loops (Always)', () => {
  const t = new Term();
  const status = (pod: string) => JSON.parse(t.k(`kubectl get pod ${pod} -o json`).stdout).status;
  t.k('kubectl run done --image=busybox --restart=Never');
  t.k('kubectl run loop --image=busybox');
  t.k('kubectl run sleeper --image=busybox -- sleep 3600');
  t.k('kubectl run once --image=busybox --restart=Never -- wget -qO- -T 2 http://example.com');
  t.k('kubectl run web --image=nginx --port=8080');
  t.k('kubectl run c --image=curlimages/curl');
  assert.equal(status('done').phase, 'Succeeded');
  assert.equal(status('done').containerStatuses[0].state.terminated.reason, 'Completed');
  assert.equal(status('loop').phase, 'Running');
  assert.equal(status('loop').containerStatuses[0].state.waiting.reason, 'CrashLoopBackOff');
  assert.equal(status('loop').containerStatuses[0].lastState.terminated.reason, 'Completed');
  assert.equal(status('c').containerStatuses[0].lastState.terminated.reason, 'Error');
  t.k('kubectl run c2 --image=curlimages/curl -- sleep 3600');
  assert.equal(status('c2').containerStatuses[0].state.waiting.reason, 'CrashLoopBackOff', 'curl sleep 3600 runs curl once');
  assert.equal(status('once').phase, 'Succeeded');
  assert.deepEqual([status('sleeper').phase, status('web').phase], ['Running', 'Running']);
  // What kubectl's printer makes of these statuses (READY, STATUS, RESTARTS).
  const columns = (pod: string) => podColumns(JSON.parse(t.k(`kubectl get pod ${pod} -o json`).stdout), '2025-03-01T09:01:00Z');
  assert.deepEqual(columns('done'), { ready: '0/1', status: 'Completed', restarts: '0' });
  assert.deepEqual(columns('loop'), { ready: '0/1', status: 'CrashLoopBackOff', restarts: '3 (60s ago)' });
  assert.deepEqual(columns('sleeper'), { ready: '1/1', status: 'Running', restarts: '0' });
  assert.equal(t.k('kubectl exec done -- ls').stderr, 'error: cannot exec into a container in a completed pod; current phase is Succeeded\n');
  assert.equal(t.k('kubectl exec loop -- ls').stderr, 'error: unable to upgrade connection: container not found ("loop")\n');
  // nginx serves on 80 whatever --port declared; a completed pod answers nothing (its address is gone).
  const webIP = status('web').podIP;
  assert.equal(t.k(`kubectl exec sleeper -- wget -qO- -T 2 ${webIP}:80`).exitCode, 0);
  const doneIP = status('done').podIP;
  assert.equal(t.k(`kubectl exec sleeper -- nc -z -w 2 ${doneIP} 80`).stderr, `nc: ${doneIP} (${doneIP}:80): Connection timed out\ncommand terminated with exit code 1\n`);
});

test('a Service sends traffic only to running backends', () => {
  const t = new Term();
  t.k('kubectl run a --image=busybox --restart=Never --labels=app=a --port=80');
  t.k('kubectl expose pod a --port=80');
  t.k('kubectl run c --image=nicolaka/netshoot -- sleep infinity');
  const r = t.k('kubectl exec c -- curl -sS -m 2 a');
  assert.equal(r.exitCode, 7);
});

test('external names resolve through kube-dns to stable public addresses; egress ipBlock decides the rest', () => {
  assert.equal(isExternalName('example.com', []), true);
  assert.equal(isExternalName('api.prod', ['prod']), false);
  assert.equal(isExternalName('web.default.svc.cluster.local', []), false);
  assert.equal(isExternalName('web', []), false);
  assert.equal(externalAddress('example.com'), externalAddress('EXAMPLE.com.'));
  for (const name of ['example.com', 'google.com', 'github.com', 'registry.npmjs.org', 'a.b.c.io', 'x.dev', 'kubernetes.io']) {
    const [a, b] = externalAddress(name).split('.').map(Number);
    const priv = a === 10 || a === 127 || (a === 172 && b >= 16 && b < 32) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b < 128) || a >= 224 || a === 0;
    assert.equal(priv, false, `${name} → ${externalAddress(name)}`);
  }
  const t = new Term();
  t.k('kubectl run c --image=nicolaka/netshoot -- sleep infinity');
  const ip = externalAddress('example.com');
  assert.equal(t.k(`kubectl exec c -- curl -s -m 2 -o /dev/null -w "%{remote_ip} %{http_code}" example.com`).stdout, `${ip} 200`);
  assert.match(t.k('kubectl exec c -- nslookup example.com').stdout, new RegExp(`Non-authoritative answer:\\nName:\\texample\\.com\\nAddress: ${ip.replace(/\./g, '\\.')}\\n`));
  assert.equal(t.k('kubectl exec c -- dig +short example.com').stdout, `${ip}\n`);
  assert.equal(t.k('kubectl exec c -- curl -sS -m 2 nothing.invalid').stderr, 'curl: (6) Could not resolve host: nothing.invalid\ncommand terminated with exit code 6\n');
  // Egress denied, DNS allowed: the name resolves, the connection times out.
  t.apply(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: egress, namespace: default}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to: [{namespaceSelector: {}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
    ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]`);
  assert.equal(t.k('kubectl exec c -- curl -sS -m 2 example.com').stderr, 'curl: (28) Connection timed out after 2001 milliseconds\ncommand terminated with exit code 28\n');
  // An ipBlock for the internet (cluster ranges excepted) lets it through.
  t.apply(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: internet, namespace: default}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16]}}]
    ports: [{port: 443}, {port: 80}]`);
  assert.equal(t.k('kubectl exec c -- curl -s -m 2 -o /dev/null -w "%{http_code}" example.com').stdout, '200');
  // Without DNS the name does not even resolve.
  t.k('kubectl delete netpol egress');
  assert.equal(t.k('kubectl exec c -- curl -sS -m 2 example.com').stderr, 'curl: (28) Resolving timed out after 2001 milliseconds\ncommand terminated with exit code 28\n');
  t.k('kubectl run bb --image=busybox -- sleep 3600');
  assert.equal(t.k('kubectl exec bb -- wget -qO- -T 2 example.com').stderr, "wget: bad address 'example.com'\ncommand terminated with exit code 1\n");
});

test('a database does not answer HTTP: curl says Empty reply (52) and wget cannot read a response, yet both show the connection opened', () => {
  const t = new Term();
  t.k('kubectl run db --image=postgres --port=5432');
  t.k('kubectl expose pod db --port=5432');
  t.k('kubectl run cache --image=redis');
  t.k('kubectl run web --image=nginx');
  t.k('kubectl run bb --image=busybox -- sleep 3600');
  const curl = t.k("kubectl exec web -- curl -sS -m 2 -w '%{http_code} %{remote_ip}\\n' db:5432");
  assert.equal(curl.exitCode, 52);
  assert.equal(curl.stderr, 'curl: (52) Empty reply from server\ncommand terminated with exit code 52\n');
  assert.match(curl.stdout, /^000 10\.96\.\d+\.\d+\n$/);
  const wget = t.k('kubectl exec bb -- wget -qO- -T 2 db:5432');
  assert.equal(wget.exitCode, 1);
  assert.equal(wget.stderr, 'wget: error getting response\ncommand terminated with exit code 1\n');
  const ip = /IP:\s+(\S+)/.exec(t.k('kubectl describe pod cache').stdout)![1];
  assert.equal(t.k(`kubectl exec web -- curl -s -m 2 ${ip}:6379`).exitCode, 52);
});
