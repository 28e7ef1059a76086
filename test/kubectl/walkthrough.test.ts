// The seed walkthrough, replayed exactly: deny-all breaks DNS, allowing front-end → back-end is not
// enough for `curl back-end`, the pod IP works, and a DNS egress rule fixes the name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Term } from './helpers.ts';

const DENY_ALL = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: secure-deny-all
  namespace: secure
spec:
  podSelector: {}
  policyTypes:
  - Ingress
  - Egress
`;

const ALLOW_EGRESS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-egress-frontend-to-backend
  namespace: secure
spec:
  podSelector:
    matchLabels:
      run: front-end
  policyTypes:
  - Egress
  egress:
  - to:
    - podSelector:
        matchLabels:
          run: back-end
    ports:
    - protocol: TCP
      port: 80
`;

const ALLOW_INGRESS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-ingress-backend-from-frontend
  namespace: secure
spec:
  podSelector:
    matchLabels:
      run: back-end
  policyTypes:
  - Ingress
  ingress:
  - from:
    - podSelector:
        matchLabels:
          run: front-end
    ports:
    - protocol: TCP
      port: 80
`;

const ALLOW_DNS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-dns
  namespace: secure
spec:
  podSelector: {}
  policyTypes:
  - Egress
  egress:
  - to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: kube-system
      podSelector:
        matchLabels:
          k8s-app: kube-dns
    ports:
    - protocol: UDP
      port: 53
    - protocol: TCP
      port: 53
`;

test('seed walkthrough in namespace secure', () => {
  const t = new Term(undefined, 5);
  t.files = { 'deny.yaml': DENY_ALL, 'egress.yaml': ALLOW_EGRESS, 'ingress.yaml': ALLOW_INGRESS, 'dns.yaml': ALLOW_DNS };

  assert.equal(t.k('kubectl create namespace secure').stdout, 'namespace/secure created\n');
  assert.equal(t.k('kubectl run front-end --image=nginx -n secure').stdout, 'pod/front-end created\n');
  assert.equal(t.k('kubectl run back-end --image=nginx -n secure').stdout, 'pod/back-end created\n');
  assert.equal(t.k('kubectl expose pod front-end --port 80 -n secure').stdout, 'service/front-end exposed\n');
  assert.equal(t.k('kubectl expose pod back-end --port 80 -n secure').stdout, 'service/back-end exposed\n');

  // Before any policy: the name resolves and nginx answers.
  let r = t.k('kubectl exec -n secure front-end -- curl -s -m 2 back-end');
  assert.equal(r.exitCode, 0);
  assert.match(r.stdout, /<title>Welcome to nginx!<\/title>/);
  assert.equal(r.stderr, '');

  // Deny all, both directions.
  assert.equal(t.k('kubectl apply -f deny.yaml').stdout, 'networkpolicy.networking.k8s.io/secure-deny-all created\n');
  r = t.k('kubectl exec -n secure front-end -- curl -sS -m 2 back-end');
  assert.equal(r.exitCode, 28);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'curl: (28) Resolving timed out after 2001 milliseconds\ncommand terminated with exit code 28\n');
  r = t.k('kubectl exec -n secure back-end -- curl -sS -m 2 front-end');
  assert.equal(r.exitCode, 28);

  // Allow front-end → back-end on 80 (egress of one side, ingress of the other).
  assert.equal(t.k('kubectl apply -f egress.yaml -f ingress.yaml').stdout,
    'networkpolicy.networking.k8s.io/allow-egress-frontend-to-backend created\nnetworkpolicy.networking.k8s.io/allow-ingress-backend-from-frontend created\n');

  // The name still fails: DNS is egress to kube-dns on 53/UDP, which nothing allows.
  r = t.k('kubectl exec -n secure front-end -- curl back-end');
  assert.equal(r.exitCode, 6);
  assert.match(r.stderr, /curl: \(6\) Could not resolve host: back-end\ncommand terminated with exit code 6\n$/);

  // The pod IP works: no DNS needed.
  r = t.k('kubectl get pods -n secure -o wide');
  const line = r.stdout.split('\n').find((l) => l.startsWith('back-end '));
  assert.ok(line, r.stdout);
  const ip = line.split(/\s+/)[5];
  assert.match(ip, /^10\.244\.\d+\.\d+$/);
  r = t.k(`kubectl exec -n secure front-end -- curl -s -m 2 ${ip}`);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(r.stdout, /Welcome to nginx!/);

  // The other direction stays closed.
  const feIP = t.k('kubectl get pod front-end -n secure -o jsonpath={.status.podIP}').stdout;
  r = t.k(`kubectl exec -n secure back-end -- curl -sS -m 2 ${feIP}`);
  assert.equal(r.exitCode, 28);
  assert.equal(r.stderr, 'curl: (28) Connection timed out after 2001 milliseconds\ncommand terminated with exit code 28\n');

  // A DNS egress policy makes the name work.
  assert.equal(t.k('kubectl apply -f dns.yaml').stdout, 'networkpolicy.networking.k8s.io/allow-dns created\n');
  r = t.k('kubectl exec -n secure front-end -- curl -s -m 2 back-end');
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(r.stdout, /Welcome to nginx!/);
  // nginx has curl but no nslookup: the address curl connected to shows the name resolved to the Service.
  r = t.k(`kubectl exec -n secure front-end -- curl -s -m 2 -o /dev/null -w '%{remote_ip}\n' back-end`);
  assert.equal(r.exitCode, 0);
  assert.match(r.stdout, /^10\.96\.\d+\.\d+\n$/);

  assert.equal(t.k('k get netpol -n secure').stdout, [
    'NAME                                  POD-SELECTOR    AGE',
    'allow-dns                             <none>          15s',
    'allow-egress-frontend-to-backend      run=front-end   45s',
    'allow-ingress-backend-from-frontend   run=back-end    45s',
    'secure-deny-all                       <none>          60s',
    '',
  ].join('\n'));
});

test('the README walkthrough prints what the README shows', () => {
  const t = new Term(undefined, 5);
  t.files = { 'deny.yaml': DENY_ALL };
  t.k('kubectl create ns secure');
  t.k('kubectl run front-end --image=nginx -n secure');
  t.k('kubectl run back-end --image=nginx -n secure');
  t.k('kubectl expose pod back-end --port 80 -n secure');
  t.k('kubectl apply -f deny.yaml');
  const r = t.k('kubectl exec -n secure front-end -- curl -m 2 back-end');
  assert.equal(r.exitCode, 28);
  assert.match(r.stderr, /^ {2}% Total/);
});
