// npm run bench: engine matrix timings on seeded synthetic clusters, then the TUI's start-up time.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { stringify } from 'yaml';
import type { Cluster } from '../src/engine/index.ts';
import { buildCluster, compileCluster, reachMatrix, type Endpoint, type NetworkPolicy, type NetworkPolicyPeer, type PodDraft } from '../src/engine/index.ts';
import { gradeTask } from '../src/grader/report.ts';
import { seededRandom } from '../src/content/variants.ts';
import { readScenarioDir } from '../src/content/load.ts';
import { assembleScenarios } from '../src/content/scenarios.ts';
import { gradeCluster, prepareScenario } from '../src/practice/task-run.ts';

const rng = seededRandom;

export function synthetic(podCount: number, policyCount: number, seed = 1) {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const nsCount = Math.max(2, Math.round(podCount / 25));
  const namespaces = Array.from({ length: nsCount }, (_, i) => ({ name: `ns${i}`, labels: { team: `t${i % 7}`, env: pick(['dev', 'prod']) } }));
  const apps = Array.from({ length: 40 }, (_, i) => `app${i}`);
  const pods: PodDraft[] = Array.from({ length: podCount }, (_, i) => ({
    name: `pod${i}`, namespace: `ns${i % nsCount}`, labels: { app: pick(apps), tier: pick(['web', 'api', 'db', 'cache', 'batch']) },
    owner: 'Pod', containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: pick([80, 8080, 5432]), name: 'http', protocol: 'TCP' }, { containerPort: 53, name: 'dns', protocol: 'UDP' }] }],
  }));
  const peer = (): NetworkPolicyPeer => {
    const k = r();
    if (k < 0.35) return { podSelector: { matchLabels: { app: pick(apps) } } };
    if (k < 0.55) return { namespaceSelector: { matchLabels: { team: `t${Math.floor(r() * 7)}` } } };
    if (k < 0.8) return { namespaceSelector: { matchLabels: { env: pick(['dev', 'prod']) } }, podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: [pick(['web', 'api']), 'db'] }] } };
    if (k < 0.9) return { podSelector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['batch'] }] } };
    return { ipBlock: { cidr: '10.244.0.0/16', except: [`10.244.${Math.floor(r() * 8)}.0/24`] } };
  };
  const ports = () => pick([undefined, [{ port: 80 }], [{ port: 'http' }], [{ port: 8000, endPort: 8100 }], [{ port: 53, protocol: 'UDP' as const }]]);
  const policies: NetworkPolicy[] = Array.from({ length: policyCount }, (_, i) => {
    const kind = r();
    const podSelector = kind < 0.1 ? {} : { matchLabels: { app: pick(apps) } };
    return {
      name: `np${i}`, namespace: `ns${Math.floor(r() * nsCount)}`, labels: {},
      spec: {
        podSelector,
        policyTypes: kind < 0.5 ? ['Ingress'] : ['Ingress', 'Egress'],
        ingress: Array.from({ length: 1 + Math.floor(r() * 2) }, () => ({ from: [peer(), peer()], ports: ports() })),
        egress: kind < 0.5 ? undefined : [{ to: [peer()], ports: ports() }],
      },
    };
  });
  return buildCluster({ namespaces, pods, services: [], policies });
}

function measure(pods: number, policies: number): string {
  const cluster = synthetic(pods, policies, 42);
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const t0 = performance.now();
  const cc = compileCluster(cluster);
  const eps: Endpoint[] = cc.cluster.pods.map((pod) => ({ kind: 'pod', pod }));
  const m = reachMatrix(cc, eps, eps, 80, 'TCP');
  let allowed = 0;
  for (let i = 0; i < eps.length; i++) {
    for (let j = 0; j < eps.length; j++) if (m.allowed(i, j)) allowed++;
    if ((i & 63) === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const ms = performance.now() - t0;
  peak = Math.max(peak, process.memoryUsage().rss);
  const pairs = eps.length * eps.length;
  return `matrix ${String(pods).padStart(5)} pods / ${String(policies).padStart(4)} policies: ${ms.toFixed(0).padStart(5)} ms, ` +
    `${pairs.toLocaleString('en')} pairs (${allowed.toLocaleString('en')} allowed), peak rss ${(peak / 2 ** 20).toFixed(0)} MB (+${((peak - rss0) / 2 ** 20).toFixed(0)} MB)`;
}

// BENCH_ONLY=matrix,grade,cli,startup,serve runs only those sections (all by default).
const only = process.env.BENCH_ONLY?.split(',');
const section = (name: string) => !only || only.includes(name);
const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];

const sizes: [number, number][] = [[200, 50], [1000, 200], [2000, 1000]];
if (isMain && section('matrix')) {
  measure(200, 50); // warm-up (JIT)
  for (const [p, n] of sizes) console.log(measure(p, n));
}

// Grading: one task (behaviour over the derived probe set, two checks and a goal), learner vs reference.
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function benchGrade(pods: number, policies: number): string {
  const reference = synthetic(pods, policies, 7);
  const learner = { ...reference, policies: reference.policies.slice(1) };
  const spec = {
    scope: undefined, free: [], addresses: [],
    checks: [{ id: 'all', description: 'all', points: 2, free: [] }, { id: 'ns0', description: 'ns0', points: 1, free: [], scope: [{ to: ['ns0/*'] }] }],
    goals: [{ kind: 'policy-exists' as const, namespace: 'ns0', name: 'p0' }],
  };
  const times: number[] = [];
  let pairs = 0;
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    const r = gradeTask({ spec, learner, reference, initial: reference });
    times.push(performance.now() - t0);
    pairs = r.pairsCompared;
  }
  return `grade ${String(pods).padStart(4)} pods / ${String(policies).padStart(3)} policies: median ${median(times).toFixed(2)} ms (${pairs.toLocaleString('en')} connections compared)`;
}

function benchScenarios(): string {
  const root = new URL('../scenarios/', import.meta.url).pathname;
  const read = readScenarioDir(root);
  if (!read.ok) return `scenarios: ${read.error}`;
  const now = '2025-01-01T00:00:00Z';
  const per: number[] = [];
  let worst = { id: '', ms: 0 };
  for (const sc of assembleScenarios(read.files).scenarios) {
    const prepared = prepareScenario(sc, now);
    if (!prepared.ok) continue;
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t0 = performance.now();
      gradeCluster(prepared.task, prepared.task.initial);
      times.push(performance.now() - t0);
    }
    const m = median(times);
    per.push(m);
    if (m > worst.ms) worst = { id: sc.id, ms: m };
  }
  return `grade the built-in scenarios (starting cluster vs reference): median ${median(per).toFixed(2)} ms, slowest ${worst.ms.toFixed(2)} ms (${worst.id}), ${per.length} scenarios`;
}

if (isMain && section('grade')) {
  benchGrade(50, 20); // warm-up
  console.log(benchGrade(50, 20));
  console.log(benchScenarios());
}

// End to end: `netpol-dojo reach` on a synthetic cluster written as manifests (multi-document YAML, and a
// `kubectl get -A -o json`-style List), output to /dev/null, median wall-clock time of a few runs.
/** The cluster as Kubernetes objects (Namespace, Pod with status.podIP, NetworkPolicy). */
export function manifestObjects(c: Cluster): Record<string, unknown>[] {
  const clean = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T; // drops undefined fields
  return [
    ...c.namespaces.filter((n) => n.declared).map((n) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: n.name, labels: n.labels } })),
    ...c.pods.map((p) => ({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: p.name, namespace: p.namespace, labels: p.labels },
      spec: { containers: p.containers.map((k) => clean({ name: k.name, image: k.image, ports: k.ports })) },
      status: { podIP: p.ip },
    })),
    ...c.policies.map((np) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: np.name, namespace: np.namespace }, spec: clean(np.spec) })),
  ];
}

/** Writes the synthetic cluster as dir/cluster.yaml (multi-document) and dir/cluster.json (a List). */
export function writeSyntheticFiles(dir: string, pods: number, policies: number): { objects: Record<string, unknown>[]; yamlFile: string; jsonFile: string } {
  const objects = manifestObjects(synthetic(pods, policies, 42));
  const yamlFile = join(dir, 'cluster.yaml');
  const jsonFile = join(dir, 'cluster.json');
  writeFileSync(yamlFile, objects.map((o) => stringify(o)).join('---\n'));
  // Compact (like `kubectl get -A -o json | jq -c .`): indented, a dump this size is over the input limit on lines.
  writeFileSync(jsonFile, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }));
  return { objects, yamlFile, jsonFile };
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function timeCli(args: readonly string[], runs: number): { medianMs: number; minMs: number } {
  const times: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'netpol-dojo.js'), ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`netpol-dojo ${args.join(' ')} exited with ${r.status}: ${r.stderr.toString().slice(0, 500)}`);
    if (i > 0) times.push(ms); // the first run warms the file-system cache
  }
  return { medianMs: median(times), minMs: Math.min(...times) };
}

function benchReachCli(pods: number, policies: number, runs = 5): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'nd-bench-reach-'));
  try {
    const { objects, yamlFile, jsonFile } = writeSyntheticFiles(dir, pods, policies);
    const from = objects.filter((o) => o.kind === 'Pod').slice(0, 100).flatMap((o) => {
      const m = o.metadata as { name: string; namespace: string };
      return ['--from', `${m.namespace}/${m.name}`];
    });
    const cases: [string, string[]][] = [
      ['matrix, YAML', ['reach', '-f', yamlFile]],
      ['matrix, JSON', ['reach', '-f', jsonFile]],
      ['--from ×100 -o json, YAML', ['reach', '-f', yamlFile, ...from, '-o', 'json']],
      ['--from ×100 -o json, JSON', ['reach', '-f', jsonFile, ...from, '-o', 'json']],
    ];
    return cases.map(([label, args]) => {
      const t = timeCli(args, runs);
      return `cli reach ${pods} pods / ${policies} policies, ${label.padEnd(26)}: median ${t.medianMs.toFixed(0).padStart(5)} ms (min ${t.minMs.toFixed(0)} ms, ${runs} runs)`;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain && section('cli') && existsSync(join(ROOT, 'dist', 'cli.js'))) for (const line of benchReachCli(2000, 1000)) console.log(line);

const startup = new URL('./bench-startup.ts', import.meta.url);
if (isMain && section('startup') && existsSync(startup)) {
  const mod = await import(startup.href) as { benchStartup?: () => Promise<{ medianMs: number; rssMB: number; runs: number; bareMs?: number; aboveBareMs?: number }> };
  if (mod.benchStartup) {
    const s = await mod.benchStartup();
    const above = s.aboveBareMs === undefined ? '' : `; ${s.aboveBareMs.toFixed(0)} ms above a bare node start (${s.bareMs!.toFixed(0)} ms)`;
    console.log(`startup: median ${s.medianMs.toFixed(0)} ms to first frame (${s.runs} runs), rss ${s.rssMB.toFixed(0)} MB${above}`);
  }
}

// The loopback API server (netpol-dojo serve): request times on a 100-pod cluster.
if (isMain && section('serve')) {
  const { benchServe } = await import('./bench-serve.ts');
  for (const line of await benchServe()) console.log(line);
}
