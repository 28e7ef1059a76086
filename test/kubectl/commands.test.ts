// The other commands: run/expose/create/scale, label, delete, edit, exec tools, explain, dry runs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { finishEdit } from '../../src/kubectl/index.ts';
import { Term } from './helpers.ts';

test('run --dry-run=client -o yaml prints the object kubectl would send and creates nothing', () => {
  const t = new Term();
  const before = JSON.stringify(t.sb);
  const r = t.k('kubectl run web --image=nginx --port=80 --dry-run=client -o yaml');
  assert.equal(r.stdout, [
    'apiVersion: v1', 'kind: Pod', 'metadata:', '  creationTimestamp: null', '  labels:', '    run: web', '  name: web', 'spec:',
    '  containers:', '  - image: nginx', '    name: web', '    ports:', '    - containerPort: 80', '    resources: {}',
    '  dnsPolicy: ClusterFirst', '  restartPolicy: Always', 'status: {}', ''].join('\n'));
  assert.equal(JSON.stringify(t.sb), before);
  const d = t.k('kubectl create deployment api --image=nginx:1.27 --dry-run=client -o yaml').stdout;
  assert.match(d, /^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n {2}creationTimestamp: null\n {2}labels:\n {4}app: api\n {2}name: api\nspec:\n {2}replicas: 1\n {2}selector:\n {4}matchLabels:\n {6}app: api\n {2}strategy: \{\}\n {2}template:\n/);
});

test('expose: selector from the pod, service port vs targetPort, and the policy sees the pod port', () => {
  const t = new Term();
  t.k('kubectl create ns web');
  t.k('kubectl run api --image=nginx -n web');
  t.k('kubectl run client --image=busybox -n web -- sleep 3600');
  assert.equal(t.k('kubectl expose pod api --port 8080 --target-port 80 --name api-svc -n web').stdout, 'service/api-svc exposed\n');
  let r = t.k('kubectl exec -n web client -- wget -qO- -T 2 api-svc:8080');
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(r.stdout, /Welcome to nginx!/);
  // Ingress allowed on the pod port (80) lets traffic to service port 8080 through.
  t.apply(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-80, namespace: web}
spec:
  podSelector: {matchLabels: {run: api}}
  ingress: [{ports: [{port: 80}]}]`);
  assert.equal(t.k('kubectl exec -n web client -- wget -qO- -T 2 api-svc:8080').exitCode, 0);
  // Allowing only the service port (8080) is the classic mistake: it times out.
  t.apply(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-80, namespace: web}
spec:
  podSelector: {matchLabels: {run: api}}
  ingress: [{ports: [{port: 8080}]}]`);
  r = t.k('kubectl exec -n web client -- wget -qO- -T 2 api-svc:8080');
  assert.equal(r.exitCode, 1);
  assert.equal(r.stderr, 'wget: download timed out\ncommand terminated with exit code 1\n');
  // Nothing listens on 81 (allowed or not, nginx only serves 80): refused, not a timeout.
  t.k('kubectl delete netpol api-80 -n web');
  const ip = t.k('kubectl get pod api -n web -o jsonpath={.status.podIP}').stdout;
  r = t.k(`kubectl exec -n web client -- nc -zv -w 2 ${ip} 81`);
  assert.equal(r.stderr, `nc: ${ip} (${ip}:81): Connection refused\ncommand terminated with exit code 1\n`);
  r = t.k(`kubectl exec -n web client -- nc -zv ${ip} 80`);
  assert.equal(r.exitCode, 0);
  assert.equal(r.stderr, `${ip} (${ip}:80) open\n`);
});

test('named targetPort resolves per pod; a Service without endpoints refuses', () => {
  const t = new Term();
  t.apply(`apiVersion: v1
kind: Pod
metadata: {name: db, labels: {app: db}}
spec: {containers: [{name: pg, image: postgres, ports: [{name: pg, containerPort: 5432}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: db}
spec: {selector: {app: db}, ports: [{port: 5432, targetPort: pg}]}
---
apiVersion: v1
kind: Service
metadata: {name: empty}
spec: {selector: {app: none}, ports: [{port: 80}]}`);
  t.k('kubectl run client --image=nicolaka/netshoot -- sleep 3600');
  assert.equal(t.k('kubectl exec client -- nc -z -w 2 db 5432').exitCode, 0);
  const r = t.k('kubectl exec client -- curl -sS -m 2 empty');
  assert.equal(r.exitCode, 7);
  assert.equal(t.k('kubectl get ep empty').stdout.split('\n')[1].split(/\s+/)[1], '<none>');
});

test('label: add, --overwrite, remove, by selector; namespace labels feed namespaceSelector', () => {
  const t = new Term();
  t.k('kubectl run a --image=nginx --labels app=a');
  t.k('kubectl run b --image=nginx --labels app=b');
  assert.equal(t.k('kubectl label pods -l app=a tier=web').stdout, 'pod/a labeled\n');
  assert.equal(t.k('kubectl label pod a tier=db').stderr, "error: 'tier' already has a value (web), and --overwrite is false\n");
  assert.equal(t.k('kubectl label pod/a tier=db --overwrite').stdout, 'pod/a labeled\n');
  assert.equal(t.k('kubectl label pod a tier-').stdout, 'pod/a unlabeled\n');
  assert.equal(t.k('kubectl label pods --all env=dev').stdout, 'pod/a labeled\npod/b labeled\n');
  assert.equal(t.k('kubectl get pods --show-labels -o name -l env=dev').stdout, 'pod/a\npod/b\n');
  assert.equal(t.k('kubectl label ns default team=blue').stdout, 'namespace/default labeled\n');
  assert.match(t.k('kubectl get ns default --show-labels').stdout, /team=blue,?/);
});

test('delete: -l, --all, -f, and a namespace takes its objects with it', () => {
  const t = new Term();
  t.k('kubectl create ns tmp');
  t.k('kubectl run a --image=nginx -n tmp');
  t.k('kubectl run b --image=nginx -n tmp --labels x=y');
  t.k('kubectl expose pod a --port 80 -n tmp');
  assert.equal(t.k('kubectl delete pods -l x=y -n tmp').stdout, 'pod "b" deleted\n');
  assert.equal(t.k('kubectl delete svc --all -n tmp').stdout, 'service "a" deleted\n');
  assert.equal(t.k('kubectl delete ns tmp').stdout, 'namespace "tmp" deleted\n');
  assert.equal(t.sb.objects.filter((o) => o.namespace === 'tmp').length, 0);
  t.files = { 'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: other}\n' };
  t.k('kubectl apply -f ns.yaml');
  assert.equal(t.k('kubectl delete -f ns.yaml').stdout, 'namespace "other" deleted\n');
  assert.equal(t.k('kubectl delete pods').stderr, 'error: resource(s) were provided, but no name was specified\n');
});

test('deployments: pods named like kubectl, scale, exec deploy/NAME, a deleted pod comes back', () => {
  const t = new Term();
  assert.equal(t.k('kubectl create deployment web --image=nginx --replicas=2').stdout, 'deployment.apps/web created\n');
  let pods = t.k('kubectl get pods -o name -l app=web').stdout.trim().split('\n');
  assert.equal(pods.length, 2);
  assert.ok(pods.every((p) => /^pod\/web-[a-z0-9]{10}-[a-z0-9]{5}$/.test(p)), pods.join());
  assert.equal(t.k('kubectl scale deployment web --replicas=3').stdout, 'deployment.apps/web scaled\n');
  assert.equal(t.k('kubectl get deploy web').stdout.split('\n')[1].split(/\s+/)[1], '3/3');
  assert.equal(t.k(`kubectl delete ${pods[0]}`).exitCode, 0);
  pods = t.k('kubectl get pods -o name -l app=web').stdout.trim().split('\n');
  assert.equal(pods.length, 3);
  t.k('kubectl expose deployment web --port 80');
  const r = t.k('kubectl exec deploy/web -- curl -s -o /dev/null -w "%{http_code}" web');
  assert.equal(r.stdout, '200');
  t.k('kubectl delete deployment web');
  assert.equal(t.k('kubectl get pods').stderr, 'No resources found in default namespace.\n');
});

test('run --rm -it runs the command once and deletes the pod', () => {
  const t = new Term();
  t.k('kubectl run web --image=nginx --expose --port 80');
  const r = t.k('kubectl run tmp --rm -it --image=busybox --restart=Never -- wget -qO- -T 2 web');
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(r.stdout, /Welcome to nginx![\s\S]*pod "tmp" deleted\n$/);
  assert.equal(t.k('kubectl get pod tmp').exitCode, 1);
});

test('exec tools: nslookup, dig, hostname, resolv.conf, curl -I, sh -c', () => {
  const t = new Term();
  t.k('kubectl run web --image=nginx --expose --port 80');
  t.k('kubectl run tools --image=nicolaka/netshoot -- sleep infinity');
  const ip = t.k('kubectl get svc web -o jsonpath={.spec.clusterIP}').stdout;
  assert.equal(t.k('kubectl exec tools -- nslookup web').stdout, `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${ip}\n\n`);
  assert.equal(t.k('kubectl exec tools -- dig +short web.default.svc.cluster.local').stdout, `${ip}\n`);
  assert.match(t.k('kubectl exec tools -- dig web').stdout, /status: NXDOMAIN/);
  assert.equal(t.k('kubectl exec web -- hostname').stdout, 'web\n');
  assert.equal(t.k('kubectl exec web -- cat /etc/resolv.conf').stdout, 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  assert.match(t.k('kubectl exec web -- curl -sI web').stdout, /^HTTP\/1\.1 200 OK\nServer: nginx\/[\d.]+\nDate: Sat, 01 Mar 2025 09:00:00 GMT\n/);
  assert.equal(t.k('kubectl exec web -- sh -c "curl -s -o /dev/null -w %{http_code} web/missing"').stdout, '404');
  // Without a terminal on stdin the shell reads an empty input and ends at once, as with real kubectl.
  const sh = t.k('kubectl exec -it web -- sh');
  assert.deepEqual([sh.stdout, sh.stderr, sh.exitCode], ['', '', 0]);
  t.apply('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: default}\nspec: {podSelector: {}, policyTypes: [Egress]}');
  const blocked = t.k('kubectl exec tools -- nslookup web');
  assert.equal(blocked.stdout, ';; connection timed out; no servers could be reached\n\n');
  assert.equal(blocked.exitCode, 1);
  assert.equal(t.k('kubectl exec tools -- dig +short web.default.svc.cluster.local').exitCode, 9);
  assert.equal(t.k('kubectl exec tools -- wget -q -T 2 --spider web').stderr, "wget: bad address 'web'\ncommand terminated with exit code 1\n");
});

test('edit: opens the YAML, applies a valid change, reopens with errors for an invalid one', () => {
  const t = new Term();
  t.apply('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np, namespace: default}\nspec:\n  podSelector: {}\n');
  const open = t.k('kubectl edit netpol np');
  assert.ok(open.edit);
  const req = open.edit!;
  assert.match(req.text, /^# Please edit the object below\. Lines beginning with a '#' will be ignored,\n[\s\S]*\napiVersion: networking\.k8s\.io\/v1\nkind: NetworkPolicy\n/);
  // Unchanged save.
  assert.equal(finishEdit(t.sb, req, req.text, t.env()).stdout, 'Edit cancelled, no changes made.\n');
  // An unknown field: the editor comes back with the error on top, nothing changes.
  const bad = finishEdit(t.sb, req, req.text.replace('  podSelector: {}', '  podselector: {}'), t.env());
  assert.ok(bad.edit);
  assert.equal(bad.sandbox, t.sb);
  assert.match(bad.edit!.text, /# networkpolicies\.networking\.k8s\.io "np" was not valid:\n# \* .*strict decoding error: unknown field "spec\.podselector"/);
  // Saving the reopened text unchanged gives up like kubectl.
  const gaveUp = finishEdit(t.sb, bad.edit!, bad.edit!.text, t.env());
  assert.equal(gaveUp.exitCode, 1);
  assert.match(gaveUp.stderr, /error: Edit cancelled, no valid changes were saved\.\n$/);
  // A valid change is applied.
  const ok = finishEdit(t.sb, req, req.text.replace('  podSelector: {}', '  podSelector:\n    matchLabels:\n      app: web'), t.env());
  assert.equal(ok.stdout, 'networkpolicy.networking.k8s.io/np edited\n');
  t.sb = ok.sandbox;
  assert.equal(t.k('kubectl get netpol np -o jsonpath={.spec.podSelector.matchLabels.app}').stdout, 'web');
  assert.equal(t.k('kubectl get netpol np -o jsonpath={.metadata.generation}').stdout, '2');
  // Renaming is rejected.
  const renamed = finishEdit(t.sb, req, req.text.replace('name: np', 'name: other'), t.env());
  assert.match(renamed.edit!.text, /At least one of apiVersion, kind and name was changed/);
});

test('apply: created, unchanged, configured; -f directory and stdin', () => {
  const t = new Term();
  const np = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np}\nspec: {podSelector: {}}\n';
  t.files = { 'np.yaml': np, 'dir/a.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n', 'dir/b.json': '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"b"}}', 'dir/notes.txt': 'x' };
  assert.equal(t.k('kubectl apply -f np.yaml').stdout, 'networkpolicy.networking.k8s.io/np created\n');
  assert.equal(t.k('kubectl apply -f np.yaml').stdout, 'networkpolicy.networking.k8s.io/np unchanged\n');
  t.files['np.yaml'] = np.replace('{podSelector: {}}', '{podSelector: {matchLabels: {a: b}}}');
  assert.equal(t.k('kubectl apply -f np.yaml').stdout, 'networkpolicy.networking.k8s.io/np configured\n');
  assert.equal(t.k('kubectl apply -f dir').stdout, 'namespace/a created\nnamespace/b created\n');
  assert.equal(t.k('kubectl apply -n a -f -', np).stdout, 'networkpolicy.networking.k8s.io/np created\n');
  assert.match(t.k('kubectl apply -n b -f np.yaml', undefined).stdout, /np created/);
  const mismatch = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: c}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np, namespace: a}\nspec: {podSelector: {}}\n';
  assert.equal(t.k('kubectl apply -n b -f -', mismatch).stderr, 'error: the namespace from the provided object "a" does not match the namespace "b". You must pass \'--namespace=a\' to perform this operation.\n');
});

test('explain networkpolicy and its fields, offline', () => {
  const t = new Term();
  const top = t.k('kubectl explain networkpolicy').stdout;
  assert.match(top, /^GROUP: {6}networking\.k8s\.io\nKIND: {7}NetworkPolicy\nVERSION: {4}v1\n\nDESCRIPTION:\n/);
  assert.match(top, /\nFIELDS:\n {2}apiVersion\t<string>\n/);
  const peer = t.k('kubectl explain netpol.spec.ingress.from').stdout;
  assert.match(peer, /FIELD: from <\[\]NetworkPolicyPeer>/);
  assert.match(peer, / {2}namespaceSelector\t<LabelSelector>\n/);
  const rec = t.k('kubectl explain networkpolicy.spec --recursive').stdout;
  assert.match(rec, / {2}egress\t<\[\]NetworkPolicyEgressRule>\n {4}ports\t<\[\]NetworkPolicyPort>\n {6}endPort\t<integer>\n/);
  assert.match(t.k('kubectl explain networkpolicy.spec.ingress.from.ipBlock.cidr').stdout, /FIELD: cidr <string> -required-/);
});

test('a Deployment strategy is defaulted as the API server does: {} becomes RollingUpdate 25%/25%, Recreate stays bare', () => {
  const t = new Term();
  t.apply(`apiVersion: apps/v1
kind: Deployment
metadata: {name: a}
spec:
  selector: {matchLabels: {app: a}}
  strategy: {}
  template: {metadata: {labels: {app: a}}, spec: {containers: [{name: a, image: nginx}]}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: b}
spec:
  selector: {matchLabels: {app: b}}
  strategy: {type: Recreate}
  template: {metadata: {labels: {app: b}}, spec: {containers: [{name: b, image: nginx}]}}
`);
  assert.equal(t.k('kubectl get deploy a -o jsonpath={.spec.strategy}').stdout, '{"rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"},"type":"RollingUpdate"}');
  assert.equal(t.k('kubectl get deploy b -o jsonpath={.spec.strategy}').stdout, '{"type":"Recreate"}');
});

test('apply says unchanged only when its three-way patch is empty: a defaulted protocol inside an ingress rule makes every re-apply "configured", as on a real cluster', () => {
  const t = new Term();
  t.k('kubectl create ns app');
  t.files['open.yaml'] = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web, namespace: app}\nspec:\n  podSelector: {}\n  ingress: [{ports: [{port: 80}]}]\n';
  t.files['explicit.yaml'] = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: db, namespace: app}\nspec:\n  podSelector: {}\n  ingress: [{ports: [{port: 5432, protocol: TCP}]}]\n';
  assert.equal(t.k('kubectl apply -f open.yaml').stdout, 'networkpolicy.networking.k8s.io/web created\n');
  const rv = t.k('kubectl get netpol web -n app -o jsonpath={.metadata.resourceVersion}').stdout;
  assert.equal(t.k('kubectl apply -f open.yaml').stdout, 'networkpolicy.networking.k8s.io/web configured\n');
  assert.equal(t.k('kubectl get netpol web -n app -o jsonpath={.metadata.resourceVersion}').stdout, rv, 'the patch changed nothing stored');
  assert.equal(t.k('kubectl apply -f explicit.yaml').stdout, 'networkpolicy.networking.k8s.io/db created\n');
  assert.equal(t.k('kubectl apply -f explicit.yaml').stdout, 'networkpolicy.networking.k8s.io/db unchanged\n');
  t.k('kubectl run p --image=nginx -n app');
  t.files['pod.yaml'] = 'apiVersion: v1\nkind: Pod\nmetadata: {name: q, namespace: app}\nspec: {containers: [{name: q, image: nginx, ports: [{containerPort: 80}]}]}\n';
  t.k('kubectl apply -f pod.yaml');
  assert.equal(t.k('kubectl apply -f pod.yaml').stdout, 'pod/q unchanged\n', 'merge lists (containers, ports) compare element by element');
});
