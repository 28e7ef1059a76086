// A drill and a mock exam worked with the learner's real kubectl: the drill starts netpol-dojo serve, its kubectl shim runs the
// real binary on a 0600 kubeconfig, the screen names the version, and what the real kubectl changes is graded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drillDeps } from '../../src/cli/drill-host.ts';
import { createExam, currentExamDir, examDeps } from '../../src/cli/exam-host.ts';
import { drawExam, startExam } from '../../src/practice/exam.ts';
import { loadScenarioCatalogue } from '../../src/cli/list.ts';
import { closeAllRealKubectl, findRealKubectl } from '../../src/cli/real-kubectl.ts';
import { kubectlChoice } from '../../src/cli/serve-starter.ts';
import { memoryStore } from '../../src/progress/store.ts';
import { runCli } from './run-cli.ts';

const KUBECTL = findRealKubectl(process.env);

/**
 * A shell in the folder's workspace with its bin/ (the kubectl shims) first on PATH. Asynchronous: the server
 * answers from this process's event loop, which a synchronous child would block.
 */
function shellIn(dir: string, env: NodeJS.ProcessEnv) {
  return (script: string) => new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    execFile('/bin/sh', ['-c', script], { cwd: join(dir, 'workspace'), encoding: 'utf8', timeout: 60_000, env: { ...env, PATH: `${join(dir, 'bin')}:${process.env.PATH}` } },
      (err, stdout, stderr) => resolve({ status: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

const ALLOW = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: front-end-egress, namespace: secure}
spec:
  podSelector: {matchLabels: {run: front-end}}
  policyTypes: [Egress]
  egress:
  - to: [{podSelector: {matchLabels: {run: back-end}}}]
    ports: [{port: 80}]
  - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
    ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: back-end-ingress, namespace: secure}
spec:
  podSelector: {matchLabels: {run: back-end}}
  policyTypes: [Ingress]
  ingress:
  - from: [{podSelector: {matchLabels: {run: front-end}}}]
    ports: [{port: 80}]
`;

test('a drill with the real kubectl: shim, kubeconfig, version on the screen, graded changes', { skip: KUBECTL ? false : 'kubectl is not on PATH: the real-kubectl drill test is skipped' }, async () => {
  const data = mkdtempSync(join(tmpdir(), 'nd-real-drill-'));
  const env = { ...process.env, NETPOL_DOJO_DATA_DIR: data };
  try {
    const cat = loadScenarioCatalogue([]);
    const deps = drillDeps({
      env, now: () => new Date().toISOString(), store: memoryStore(), scenarios: cat.scenarios, files: cat.files, mode: 'practice', color: false,
      terminal: { release: async () => ({ ok: true }) }, kubectl: kubectlChoice(env, 'real'),
    });
    const opened = deps.open('seed-allow-frontend', undefined, true);
    assert.ok(opened.ok, !opened.ok ? opened.error : '');
    const h = opened.handle;
    assert.equal(h.grade().report.earned < h.grade().report.total, true);
    const dir = join(data, 'drills', 'seed-allow-frontend');
    // The screen names the kubectl once the server is up and the version is known.
    const deadline = Date.now() + 30_000;
    while (!/^real kubectl 1\.\d+$/.test(h.kubectlLabel?.() ?? '') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.match(h.kubectlLabel?.() ?? '', /^real kubectl 1\.\d+$/);
    assert.equal(statSync(join(dir, 'kubeconfig.yaml')).mode & 0o777, 0o600);

    const run = shellIn(dir, env);
    const get = await run('kubectl get netpol -n secure -o name && k version -o json');
    assert.equal(get.status, 0, get.stderr);
    assert.match(get.stdout, /^networkpolicy\.networking\.k8s\.io\/secure-deny-all\n/);
    assert.match(get.stdout, /"gitVersion": "v1\.31\.4"/, 'the server answers as the simulator\'s Kubernetes version');
    writeFileSync(join(dir, 'workspace', 'allow.yaml'), ALLOW);
    const apply = await run('kubectl apply -f allow.yaml');
    assert.equal(apply.status, 0, apply.stderr);
    assert.equal(apply.stdout, 'networkpolicy.networking.k8s.io/front-end-egress created\nnetworkpolicy.networking.k8s.io/back-end-ingress created\n');
    const curl = await run('kubectl exec -n secure front-end -- curl -s -m 2 -o /dev/null -w "%{http_code}" back-end');
    assert.equal(curl.stdout, '200', curl.stderr);
    // A second terminal joins with eval "$(netpol-dojo env)": it gets the same kubeconfig.
    const joined = await runCli(['env'], { NETPOL_DOJO_DATA_DIR: data });
    assert.equal(joined.code, 0, joined.stderr);
    assert.match(joined.stdout, new RegExp(`\nexport KUBECONFIG='${join(dir, 'kubeconfig.yaml')}'\n`));
    const g = h.grade().report;
    assert.equal(g.earned, g.total, JSON.stringify(g.checks.filter((c) => !c.passed).map((c) => c.summary)));
    h.close();
  } finally {
    await closeAllRealKubectl();
    rmSync(data, { recursive: true, force: true });
  }
});

test('a mock exam with the real kubectl: one context per task, use-context switches the cluster kubectl works on', { skip: KUBECTL ? false : 'kubectl is not on PATH: the real-kubectl exam test is skipped' }, async () => {
  const data = mkdtempSync(join(tmpdir(), 'nd-real-exam-'));
  const env = { ...process.env, NETPOL_DOJO_DATA_DIR: data };
  try {
    const cat = loadScenarioCatalogue([]);
    const now = new Date().toISOString();
    const session = startExam(drawExam(cat.scenarios, { count: 2, minutes: 30, seed: 7 }), now);
    const dir = currentExamDir(env);
    assert.deepEqual(createExam(dir, session, cat.files, now), { ok: true });
    const made = examDeps({ env, now: () => new Date().toISOString(), dir, files: cat.files, terminal: { release: async () => ({ ok: true }) }, color: false, kubectl: kubectlChoice(env, 'auto') }, session);
    assert.ok(made.ok);
    const deps = made.deps;
    const deadline = Date.now() + 30_000;
    while (!/^real kubectl 1\.\d+$/.test(deps.kubectlLabel?.() ?? '') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.match(deps.kubectlLabel?.() ?? '', /^real kubectl 1\.\d+$/);
    const run = shellIn(dir, env);
    const ctxs = await run('kubectl config get-contexts -o name && kubectl config current-context');
    assert.equal(ctxs.stdout, 'k8s-t1\nk8s-t2\nk8s-t1\n', ctxs.stderr);
    const r = await run('kubectl config use-context k8s-t2 >/dev/null && kubectl create namespace only-in-t2 -o name && kubectl config use-context k8s-t1 >/dev/null && kubectl get namespace only-in-t2');
    assert.equal(r.stdout, 'namespace/only-in-t2\n');
    assert.match(r.stderr, /namespaces "only-in-t2" not found/, 'task 1 has its own cluster');
    await closeAllRealKubectl();
  } finally {
    await closeAllRealKubectl();
    rmSync(data, { recursive: true, force: true });
  }
});
