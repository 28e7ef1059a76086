// A one-shot pod (kubectl run t --image=busybox --restart=Never -- wget …) runs its command once when it starts,
// on the cluster as it is then: STATUS Completed or Error, its output in kubectl logs, its connection in the
// server's access log. The exam's way to test a connection with a throwaway identity.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { terminalOutput } from '../../src/kubectl/index.ts';
import { Term } from './helpers.ts';

const DENY = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: shop}\nspec: {podSelector: {}, policyTypes: [Ingress]}\n';

test('a one-shot wget pod completes or errors by what the policies let through, and kubectl logs shows its output', () => {
  const t = new Term();
  t.k('kubectl create ns shop');
  t.k('kubectl run web --image=nginx -n shop');
  t.k('kubectl expose pod web --port=80 -n shop');
  t.k('kubectl run ok --image=busybox --restart=Never -n shop -- wget -qO- -T 2 http://web');
  assert.match(t.k('kubectl get pod ok -n shop').stdout, /^ok\s+0\/1\s+Completed\s+0\s+/m);
  assert.match(t.k('kubectl logs ok -n shop').stdout, /<title>Welcome to nginx!<\/title>/);
  assert.match(t.k('kubectl logs web -n shop --tail 1').stdout, /"GET \/ HTTP\/1\.1" 200 \d+ "-" "Wget" "-"\n$/);

  t.apply(DENY);
  t.k('kubectl run denied --image=busybox --restart=Never -n shop -- wget -qO- -T 2 http://web');
  assert.match(t.k('kubectl get pod denied -n shop').stdout, /^denied\s+0\/1\s+Error\s+0\s+/m);
  assert.equal(t.k('kubectl logs denied -n shop').stdout, 'wget: download timed out\n');
  assert.equal(t.k('kubectl get pod denied -n shop -o jsonpath={.status.phase}/{.status.containerStatuses[0].state.terminated.exitCode}').stdout, 'Failed/1');
  assert.match(t.k('kubectl logs web -n shop --tail 1').stdout, /"Wget"/, 'the denied connection left no new access line');
  const lines = t.k('kubectl logs web -n shop').stdout.split('\n').filter((l) => l.includes('"Wget"'));
  assert.equal(lines.length, 1);
});

test('the command runs once: later commands do not run it again; restartPolicy Always crash-loops with the real exit code', () => {
  const t = new Term();
  t.k('kubectl run echo --image=busybox --restart=Never -- echo hello');
  t.k('kubectl label pod echo seen=yes');
  t.k('kubectl run other --image=nginx');
  assert.equal(t.k('kubectl logs echo').stdout, 'hello\n');
  t.k('kubectl run fail --image=busybox -- sh -c "exit 3"');
  assert.match(t.k('kubectl get pod fail').stdout, /^fail\s+0\/1\s+CrashLoopBackOff\s+3 \(\d+s ago\)/m);
  assert.equal(t.k('kubectl get pod fail -o jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode}').stdout, '3');
});

test('run --rm -it with a command: on the terminal the prompt hint, then the output (stderr merged by the TTY), then the deletion, in that order', () => {
  const t = new Term();
  t.k('kubectl create ns shop');
  t.k('kubectl run db --image=postgres -n shop');
  t.k('kubectl expose pod db --port=5432 -n shop');
  const r = t.k('kubectl run t --rm -it --image=busybox --labels=app=web -n shop -- nc -zv -w 2 db 5432');
  assert.equal(r.exitCode, 0);
  assert.match(r.stdout, /^db \(10\.96\.\d+\.\d+:5432\) open\npod "t" deleted\n$/, 'nc -v writes to stderr, which a TTY puts on stdout');
  assert.equal(r.stderr, "If you don't see a command prompt, try pressing enter.\n");
  assert.match(terminalOutput(r), /^If you don't see a command prompt, try pressing enter\.\ndb \(10\.96\.\d+\.\d+:5432\) open\npod "t" deleted\n$/);
  const plain = t.k('kubectl get pods -n shop');
  assert.equal(plain.sequence, undefined, 'a plain command carries no ordering');
});
