// Expected output of each printer: get tables (plain, -o wide, -A, --show-labels), -o name/yaml/json,
// and describe networkpolicy for every rule shape kubectl renders.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Term } from './helpers.ts';

function shop(): Term {
  const t = new Term(undefined, 0);
  t.apply(`apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: shop}}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: shop, labels: {app: db}}
spec:
  containers:
  - name: postgres
    image: postgres:16
    ports:
    - {containerPort: 5432, name: pg}
`);
  t.advance(125);
  t.k('kubectl run web --image=nginx:1.27 --port 80 -n shop --labels app=web,tier=front');
  t.advance(3600 * 5 + 60 * 7);
  return t;
}

test('get pods: plain, -o wide, --show-labels, -A', () => {
  const t = shop();
  assert.equal(t.k('kubectl get pods -n shop').stdout, [
    'NAME   READY   STATUS    RESTARTS   AGE',
    'db     1/1     Running   0          5h9m',
    'web    1/1     Running   0          5h7m',
    '',
  ].join('\n'));
  assert.equal(t.k('kubectl get po -n shop -o wide').stdout, [
    'NAME   READY   STATUS    RESTARTS   AGE    IP           NODE           NOMINATED NODE   READINESS GATES',
    'db     1/1     Running   0          5h9m   10.244.0.4   controlplane   <none>           <none>',
    'web    1/1     Running   0          5h7m   10.244.0.5   controlplane   <none>           <none>',
    '',
  ].join('\n'));
  assert.equal(t.k('kubectl get pods --show-labels -n shop').stdout, [
    'NAME   READY   STATUS    RESTARTS   AGE    LABELS',
    'db     1/1     Running   0          5h9m   app=db',
    'web    1/1     Running   0          5h7m   app=web,tier=front',
    '',
  ].join('\n'));
  const all = t.k('kubectl get pods -A').stdout.split('\n');
  assert.equal(all[0], 'NAMESPACE     NAME                       READY   STATUS    RESTARTS   AGE');
  assert.match(all[1], /^kube-system {3}coredns-[a-z0-9]{10}-[a-z0-9]{5} {3}1\/1 {5}Running {3}0 {10}5h9m$/);
  assert.equal(all[3], 'shop          db                         1/1     Running   0          5h9m');
});

test('get services (wide), namespaces, endpoints, networkpolicies', () => {
  const t = shop();
  t.k('kubectl expose pod web --port 8080 --target-port 80 -n shop');
  const ip = t.k('kubectl get svc web -n shop -o jsonpath={.spec.clusterIP}').stdout;
  assert.match(ip, /^10\.96\.\d+\.\d+$/);
  t.advance(42);
  assert.equal(t.k('kubectl get svc -n shop -o wide').stdout, [
    'NAME   TYPE        CLUSTER-IP' + ' '.repeat(Math.max(0, ip.length - 10)) + '   EXTERNAL-IP   PORT(S)    AGE   SELECTOR',
    `web    ClusterIP   ${ip.padEnd(10)}   <none>        8080/TCP   42s   app=web,tier=front`,
    '',
  ].join('\n'));
  assert.equal(t.k('kubectl get svc kube-dns -n kube-system').stdout, [
    'NAME       TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)                  AGE',
    'kube-dns   ClusterIP   10.96.0.10   <none>        53/UDP,53/TCP,9153/TCP   5h9m',
    '',
  ].join('\n'));
  assert.equal(t.k('kubectl get ns').stdout, [
    'NAME              STATUS   AGE',
    'default           Active   5h9m',
    'kube-node-lease   Active   5h9m',
    'kube-public       Active   5h9m',
    'kube-system       Active   5h9m',
    'shop              Active   5h9m',
    '',
  ].join('\n'));
  assert.equal(t.k('kubectl get endpoints -n shop').stdout, 'NAME   ENDPOINTS       AGE\nweb    10.244.0.5:80   42s\n');
  const none = t.k('kubectl get netpol -n shop');
  assert.equal(none.stdout, '');
  assert.equal(none.stderr, 'No resources found in shop namespace.\n');
  t.apply('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: db, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: db}}\n');
  t.advance(3 * 86400 + 7200);
  assert.equal(t.k('kubectl get networkpolicies -n shop').stdout, 'NAME   POD-SELECTOR   AGE\ndb     app=db         3d2h\n');
});

test('-o name, -o yaml of one object, -o json list, jsonpath', () => {
  const t = shop();
  assert.equal(t.k('kubectl get pods -n shop -o name').stdout, 'pod/db\npod/web\n');
  assert.equal(t.k('kubectl get ns shop -o name').stdout, 'namespace/shop\n');
  t.apply('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np, namespace: shop}\nspec:\n  podSelector: {}\n  ingress: []\n');
  const yaml = t.k('kubectl get netpol np -n shop -o yaml').stdout;
  assert.match(yaml, /^apiVersion: networking\.k8s\.io\/v1\nkind: NetworkPolicy\nmetadata:\n {2}annotations:\n {4}kubectl\.kubernetes\.io\/last-applied-configuration: \|\n/);
  assert.match(yaml, /\n {2}creationTimestamp: "2025-03-01T14:09:05Z"\n {2}generation: 1\n {2}name: np\n {2}namespace: shop\n {2}resourceVersion: "\d+"\n {2}uid: [0-9a-f-]{36}\nspec:\n {2}podSelector: \{\}\n {2}policyTypes:\n {2}- Ingress\n$/);
  const list = JSON.parse(t.k('kubectl get pods -n shop -o json').stdout);
  assert.equal(list.kind, 'List');
  assert.deepEqual(list.items.map((p: { metadata: { name: string } }) => p.metadata.name), ['db', 'web']);
  assert.equal(t.k('kubectl get pods -n shop -o jsonpath={.items[*].status.podIP}').stdout, '10.244.0.4 10.244.0.5');
});

function policies(): Term {
  const t = new Term(undefined, 0);
  t.apply(`apiVersion: v1
kind: Namespace
metadata: {name: np}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ingress-only, namespace: np, labels: {tier: db, app: x}}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress:
  - from:
    - podSelector: {matchLabels: {app: api}}
    ports:
    - port: 5432
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: egress-only, namespace: np}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Egress]
  egress:
  - to:
    - podSelector: {matchLabels: {app: db}}
    ports:
    - {protocol: TCP, port: 5432}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: both, namespace: np}
spec:
  podSelector: {}
  ingress:
  - {}
  egress:
  - to:
    - podSelector: {}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: np}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: external, namespace: np}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Egress]
  egress:
  - to:
    - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16, 10.2.0.0/16]}
    ports:
    - {protocol: TCP, port: 443}
    - {protocol: UDP, port: 5000, endPort: 5100}
  - ports:
    - {protocol: UDP}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: named-ports, namespace: np}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress:
  - ports:
    - port: pg
    - {port: metrics, protocol: TCP}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: and-vs-or, namespace: np}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {team: ops}}
      podSelector: {matchExpressions: [{key: role, operator: In, values: [monitor, admin]}]}
  - from:
    - namespaceSelector: {matchLabels: {team: ops}}
    - podSelector: {matchLabels: {role: monitor}}
`);
  return t;
}

const HEAD = (name: string, labels = ['<none>']) => [
  `Name:         ${name}`, 'Namespace:    np', 'Created on:   2025-03-01 09:00:00 +0000 UTC',
  `Labels:       ${labels[0]}`, ...labels.slice(1).map((l) => `              ${l}`), 'Annotations:  <none>', 'Spec:',
];

test('describe networkpolicy: ingress only, egress only, both, deny-all', () => {
  const t = policies();
  assert.equal(t.k('kubectl describe netpol ingress-only -n np').stdout, [...HEAD('ingress-only', ['app=x', 'tier=db']),
    '  PodSelector:     app=db',
    '  Allowing ingress traffic:',
    '    To Port: 5432/TCP',
    '    From:',
    '      PodSelector: app=api',
    '  Not affecting egress traffic',
    '  Policy Types: Ingress',
    ''].join('\n'));
  assert.equal(t.k('kubectl describe networkpolicy egress-only -n np').stdout, [...HEAD('egress-only'),
    '  PodSelector:     app=api',
    '  Not affecting ingress traffic',
    '  Allowing egress traffic:',
    '    To Port: 5432/TCP',
    '    To:',
    '      PodSelector: app=db',
    '  Policy Types: Egress',
    ''].join('\n'));
  assert.equal(t.k('kubectl describe networkpolicies.networking.k8s.io both -n np').stdout, [...HEAD('both'),
    '  PodSelector:     <none> (Allowing the specific traffic to all pods in this namespace)',
    '  Allowing ingress traffic:',
    '    To Port: <any> (traffic allowed to all ports)',
    '    From: <any> (traffic not restricted by source)',
    '  Allowing egress traffic:',
    '    To Port: <any> (traffic allowed to all ports)',
    '    To:',
    '      PodSelector: <none>',
    '  Policy Types: Ingress, Egress',
    ''].join('\n'));
  assert.equal(t.k('kubectl describe netpol/deny-all -n np').stdout, [...HEAD('deny-all'),
    '  PodSelector:     <none> (Allowing the specific traffic to all pods in this namespace)',
    '  Allowing ingress traffic:',
    '    <none> (Selected pods are isolated for ingress connectivity)',
    '  Allowing egress traffic:',
    '    <none> (Selected pods are isolated for egress connectivity)',
    '  Policy Types: Ingress, Egress',
    ''].join('\n'));
});

test('describe networkpolicy: ipBlock with except, port ranges, named ports, AND vs OR peers', () => {
  const t = policies();
  assert.equal(t.k('kubectl describe netpol external -n np').stdout, [...HEAD('external'),
    '  PodSelector:     app=api',
    '  Not affecting ingress traffic',
    '  Allowing egress traffic:',
    '    To Port: 443/TCP',
    '    To Port Range: 5000-5100/UDP',
    '    To:',
    '      IPBlock:',
    '        CIDR: 10.0.0.0/8',
    '        Except: 10.1.0.0/16, 10.2.0.0/16',
    '    ----------',
    '    To Port: <nil>/UDP',
    '    To: <any> (traffic not restricted by destination)',
    '  Policy Types: Egress',
    ''].join('\n'));
  assert.equal(t.k('kubectl describe netpol named-ports -n np').stdout, [...HEAD('named-ports'),
    '  PodSelector:     app=db',
    '  Allowing ingress traffic:',
    '    To Port: pg/TCP',
    '    To Port: metrics/TCP',
    '    From: <any> (traffic not restricted by source)',
    '  Not affecting egress traffic',
    '  Policy Types: Ingress',
    ''].join('\n'));
  assert.equal(t.k('kubectl describe netpol and-vs-or -n np').stdout, [...HEAD('and-vs-or'),
    '  PodSelector:     app=db',
    '  Allowing ingress traffic:',
    '    To Port: <any> (traffic allowed to all ports)',
    '    From:',
    '      NamespaceSelector: team=ops',
    '      PodSelector: role in (admin,monitor)',
    '    ----------',
    '    To Port: <any> (traffic allowed to all ports)',
    '    From:',
    '      NamespaceSelector: team=ops',
    '    From:',
    '      PodSelector: role=monitor',
    '  Not affecting egress traffic',
    '  Policy Types: Ingress',
    ''].join('\n'));
});

test('describe pod, service, namespace', () => {
  const t = shop();
  t.k('kubectl expose pod db --port 5432 --target-port pg -n shop');
  const pod = t.k('kubectl describe pod web -n shop').stdout;
  assert.match(pod, /^Name: {13}web\nNamespace: {8}shop\nPriority: {9}0\nService Account: {2}default\nNode: {13}controlplane\/172\.18\.0\.2\nStart Time: {7}Sat, 01 Mar 2025 09:02:05 \+0000\nLabels: {11}app=web\n {18}tier=front\nAnnotations: {6}<none>\nStatus: {11}Running\nIP: {15}10\.244\.0\.5\nIPs:\n {2}IP: {2}10\.244\.0\.5\nContainers:\n {2}web:\n/);
  assert.match(pod, /\n {4}Image: {10}nginx:1\.27\n/);
  assert.match(pod, /\n {4}Port: {11}80\/TCP\n/);
  assert.match(pod, /\nTolerations: {17}node\.kubernetes\.io\/not-ready:NoExecute op=Exists for 300s\n {29}node\.kubernetes\.io\/unreachable:NoExecute op=Exists for 300s\nEvents: {22}<none>\n$/);
  const svc = t.k('kubectl describe svc db -n shop').stdout;
  assert.match(svc, /^Name: {21}db\nNamespace: {16}shop\nLabels: {19}app=db\nAnnotations: {14}<none>\nSelector: {17}app=db\nType: {21}ClusterIP\n/);
  assert.match(svc, /\nPort: {21}<unset> {2}5432\/TCP\nTargetPort: {15}pg\/TCP\nEndpoints: {16}10\.244\.0\.4:5432\nSession Affinity: {9}None\n/);
  assert.equal(t.k('kubectl describe ns shop').stdout, [
    'Name:         shop', 'Labels:       kubernetes.io/metadata.name=shop', '              team=shop', 'Annotations:  <none>', 'Status:       Active',
    '', 'No resource quota.', '', 'No LimitRange resource.', ''].join('\n'));
});

test('AGE column follows kubectl\'s rounding', async () => {
  const { humanDuration } = await import('../../src/kubectl/format.ts');
  const s = 1000;
  assert.deepEqual([5 * s, 119 * s, 120 * s, 312 * s, 600 * s, 179 * 60 * s, 3 * 3600 * s + 20 * 60 * s, 14 * 3600 * s, 77 * 3600 * s, 40 * 86400 * s, 800 * 86400 * s].map(humanDuration),
    ['5s', '119s', '2m', '5m12s', '10m', '179m', '3h20m', '14h', '3d5h', '40d', '2y70d']);
});
