// Real kubectl flags the simulator does not model are named as such; only truly unknown flags are "unknown";
// delete prints kubectl's group-qualified "deleted" / "force deleted" lines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Term } from './helpers.ts';

function expectErr(line: string, stderr: string): void {
  const t = new Term();
  const before = JSON.stringify(t.sb);
  const r = t.k(line);
  assert.equal(r.stdout, '', line);
  assert.equal(r.stderr, stderr, line);
  assert.equal(r.exitCode, 1, line);
  assert.equal(JSON.stringify(r.sandbox), before, line);
}

test('a real but unsimulated flag is named as such, never "unknown flag"', () => {
  expectErr('kubectl get pods --chunk-size 10', 'error: netpol-dojo does not simulate the flag --chunk-size of "kubectl get"\n');
  expectErr('kubectl get pods --field-selector status.phase=Running', 'error: netpol-dojo does not simulate the flag --field-selector of "kubectl get"\n');
  expectErr('kubectl delete pod x --cascade=orphan', 'error: netpol-dojo does not simulate the flag --cascade of "kubectl delete"\n');
  expectErr('kubectl delete pod x --cascade', 'error: netpol-dojo does not simulate the flag --cascade of "kubectl delete"\n');
  expectErr('kubectl describe pod x --show-events=false', 'error: netpol-dojo does not simulate the flag --show-events of "kubectl describe"\n');
  expectErr('kubectl label pod x a=b --local', 'error: netpol-dojo does not simulate the flag --local of "kubectl label"\n');
});

test('global real flags, before or after the verb', () => {
  expectErr('kubectl --context kind-kind get pods', 'error: netpol-dojo does not simulate the flag --context of "kubectl get"\n');
  expectErr('kubectl get pods --kubeconfig /tmp/x', 'error: netpol-dojo does not simulate the flag --kubeconfig of "kubectl get"\n');
  expectErr('kubectl get pods -v 6', 'error: netpol-dojo does not simulate the flag --v of "kubectl get"\n');
  expectErr('kubectl get pods --request-timeout=5s', 'error: netpol-dojo does not simulate the flag --request-timeout of "kubectl get"\n');
  // -n before the verb still finds the verb.
  assert.equal(new Term().k('kubectl -n kube-system get pods -l k8s-app=kube-dns -o name').exitCode, 0);
});

test('a truly unknown flag gets kubectl\'s own error', () => {
  expectErr('kubectl get pods --colour', 'error: unknown flag: --colour\nSee \'kubectl get --help\' for usage.\n');
  expectErr('kubectl get pods -x', 'error: unknown shorthand flag: \'x\' in -x\nSee \'kubectl get --help\' for usage.\n');
  // --overwrite is a flag of label, not of run.
  expectErr('kubectl run web --image=nginx --overwrite', 'error: unknown flag: --overwrite\nSee \'kubectl run --help\' for usage.\n');
});

test('unsimulated verbs are answered before their flags are looked at', () => {
  const t = new Term();
  for (const line of ['kubectl rollout status deploy/x', 'kubectl wait --for=condition=Ready pod/x', 'kubectl port-forward --address 0.0.0.0 web 8080:80']) {
    const r = t.k(line);
    assert.equal(r.exitCode, 1, line);
    assert.match(r.stderr, /^error: netpol-dojo does not simulate "kubectl (rollout|wait|port-forward)" \(simulated: /, line);
  }
});

test('delete prints kubectl\'s group-qualified lines; --force deletes at once with kubectl\'s warning', () => {
  const t = new Term();
  t.k('kubectl create ns app');
  t.k('kubectl run db --image=postgres -n app');
  t.k('kubectl run cache --image=redis -n app');
  t.k('kubectl create deployment web --image=nginx -n app');
  t.apply('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: app}\nspec: {podSelector: {}}\n');
  let r = t.k('kubectl delete netpol deny -n app');
  assert.equal(r.stdout, 'networkpolicy.networking.k8s.io "deny" deleted\n');
  r = t.k('kubectl delete deploy web -n app');
  assert.equal(r.stdout, 'deployment.apps "web" deleted\n');
  r = t.k('kubectl delete pod cache -n app');
  assert.equal(r.stdout, 'pod "cache" deleted\n');
  assert.equal(r.stderr, '');
  r = t.k('kubectl delete pod db -n app --force --grace-period=0');
  assert.equal(r.stdout, 'pod "db" force deleted\n');
  assert.equal(r.stderr, 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  assert.equal(r.exitCode, 0);
  t.k('kubectl run db --image=postgres -n app');
  assert.equal(t.k('kubectl delete pod db -n app -o name').stdout, 'pod/db\n');
  t.apply('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: app}\nspec: {podSelector: {}}\n');
  assert.equal(t.k('kubectl delete netpol deny -n app --dry-run=client').stdout, 'networkpolicy.networking.k8s.io "deny" deleted (dry run)\n');
  assert.equal(t.k('kubectl get netpol -n app -o name').stdout, 'networkpolicy.networking.k8s.io/deny\n');
  assert.equal(t.k('kubectl delete networkpolicy/deny -n app -o name').stdout, 'networkpolicy.networking.k8s.io/deny\n');
});
