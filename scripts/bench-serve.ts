// BENCH_ONLY=serve npm run bench: API server request times on a 100-pod cluster (get pods as a Table, list
// NetworkPolicies, a strategic merge patch), measured over HTTPS with a keep-alive connection like kubectl's.
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { saveSandbox } from '../src/cli/kubectl-command.ts';
import { apiCreate } from '../src/kubectl/api-write.ts';
import { freshSandbox } from '../src/kubectl/index.ts';
import { RESOURCE_TYPES } from '../src/kubectl/resources.ts';
import type { Sandbox } from '../src/kubectl/sandbox.ts';
import { startServe } from '../src/serve/server.ts';

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

function cluster(pods: number, policies: number, now: string): Sandbox {
  const type = (k: string) => RESOURCE_TYPES.find((t) => t.kind === k)!;
  let sb = freshSandbox(now);
  const add = (kind: string, ns: string, body: Record<string, unknown>) => {
    const r = apiCreate(sb, type(kind), ns, body, { now, fieldValidation: 'Strict' });
    if (!r.ok) throw new Error(r.status.message);
    sb = r.value.sandbox;
  };
  for (let n = 0; n < 5; n++) add('Namespace', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `team${n}` } });
  for (let i = 0; i < pods; i++) {
    add('Pod', `team${i % 5}`, {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: `pod${i}`, labels: { app: `app${i % 10}`, tier: i % 2 ? 'web' : 'db' } },
      spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, name: 'http' }] }] },
    });
  }
  for (let i = 0; i < policies; i++) {
    add('NetworkPolicy', `team${i % 5}`, {
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `np${i}` },
      spec: { podSelector: { matchLabels: { app: `app${i % 10}` } }, ingress: [{ from: [{ podSelector: { matchLabels: { tier: 'web' } } }], ports: [{ port: 80 }] }] },
    });
  }
  return sb;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
}

export async function benchServe(runs = 200): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'nd-bench-serve-'));
  const now = new Date().toISOString();
  saveSandbox(dir, cluster(100, 20, now));
  const s = await startServe({ clusters: [{ name: 'bench', stateDir: dir }] });
  const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: s.certificate });
  const call = (method: string, path: string, headers: Record<string, string>, body?: string) => new Promise<number>((resolve, reject) => {
    const req = request(new URL(path, s.url), { method, agent, headers: { Authorization: `Bearer ${s.token}`, ...headers } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode && res.statusCode < 300 ? resolve(res.statusCode) : reject(new Error(`${method} ${path}: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
  const cases: [string, (i: number) => Promise<number>][] = [
    ['get pods -A (Table)', () => call('GET', '/api/v1/pods', { Accept: TABLE })],
    ['get netpol -A (Table)', () => call('GET', '/apis/networking.k8s.io/v1/networkpolicies', { Accept: TABLE })],
    ['get pod -o json', () => call('GET', '/api/v1/namespaces/team1/pods/pod1', { Accept: 'application/json' })],
    ['patch netpol (strategic)', (i) => call('PATCH', '/apis/networking.k8s.io/v1/namespaces/team0/networkpolicies/np0?fieldValidation=Strict',
      { 'Content-Type': 'application/strategic-merge-patch+json' }, JSON.stringify({ metadata: { labels: { round: String(i) } } }))],
  ];
  const lines: string[] = [];
  try {
    for (const [label, run] of cases) {
      for (let i = 0; i < 20; i++) await run(i); // warm-up (JIT, connection)
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await run(i);
        times.push(performance.now() - t0);
      }
      lines.push(`serve 100 pods / 20 policies, ${label.padEnd(26)}: median ${percentile(times, 0.5).toFixed(2)} ms, p95 ${percentile(times, 0.95).toFixed(2)} ms (${runs} requests)`);
    }
  } finally {
    agent.destroy();
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}
