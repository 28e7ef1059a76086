// kubectl describe node: the sandbox's single node in kubectl's layout, its pods and their requests/limits.
import type { Ctx } from './context.ts';
import { age, rfc1123z } from './format.ts';
import { hash32 } from './ids.ts';
import { arr, obj } from './json.ts';
import { NODE_NAME, type JsonObject } from './sandbox.ts';
import { nodeManifest } from './views.ts';

const CPU_MILLIS = 4000;
const MEMORY_KI = 16331764;
const CAPACITY: [string, string][] = [['cpu', String(CPU_MILLIS / 1000)], ['ephemeral-storage', '102626232Ki'], ['hugepages-1Gi', '0'],
  ['hugepages-2Mi', '0'], ['memory', `${MEMORY_KI}Ki`], ['pods', '110']];

/** Lays out tab-separated cells like Go's tabwriter (padding 2): each run of lines with tabs shares column widths. */
export function tabwrite(lines: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!lines[i].includes('\t')) { out.push(lines[i]); i++; continue; }
    const start = i;
    while (i < lines.length && lines[i].includes('\t')) i++;
    const rows = lines.slice(start, i).map((l) => l.split('\t'));
    const widths: number[] = [];
    for (const r of rows) r.slice(0, -1).forEach((c, j) => { widths[j] = Math.max(widths[j] ?? 0, c.length + 2); });
    for (const r of rows) out.push(r.map((c, j) => (j < r.length - 1 ? c.padEnd(widths[j]) : c)).join('').trimEnd());
  }
  return out;
}

function cpuMillis(q: unknown): number {
  const s = String(q ?? '0');
  return s.endsWith('m') ? Number(s.slice(0, -1)) || 0 : Math.round((Number(s) || 0) * 1000);
}

const SUFFIX: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12 };

function bytes(q: unknown): number {
  const m = /^([0-9.]+)([A-Za-z]*)$/.exec(String(q ?? '0'));
  return m ? Math.round(Number(m[1]) * (SUFFIX[m[2]] ?? 1)) : 0;
}

function cpuText(millis: number): string {
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}

function memoryText(n: number): string {
  if (n === 0) return '0';
  for (const s of ['Ti', 'Gi', 'Mi', 'Ki']) if (n % SUFFIX[s] === 0) return `${n / SUFFIX[s]}${s}`;
  return String(n);
}

interface Usage { cpuReq: number; cpuLim: number; memReq: number; memLim: number }

function podUsage(pod: JsonObject): Usage {
  const u: Usage = { cpuReq: 0, cpuLim: 0, memReq: 0, memLim: 0 };
  for (const c of arr(obj(pod.spec).containers).map(obj)) {
    const r = obj(obj(c.resources).requests);
    const l = obj(obj(c.resources).limits);
    // Like the API server's defaulting: a limit without a request sets the request.
    u.cpuReq += cpuMillis(r.cpu ?? l.cpu); u.cpuLim += cpuMillis(l.cpu);
    u.memReq += bytes(r.memory ?? l.memory); u.memLim += bytes(l.memory);
  }
  return u;
}

const pct = (v: number, of: number) => `(${Math.floor((v / of) * 100)}%)`;

function hex(seed: string, n: number): string {
  let s = '';
  for (let i = 0; s.length < n; i++) s += hash32(`${i}|node|${seed}`).toString(16).padStart(8, '0');
  return s.slice(0, n);
}

/** The text of `kubectl describe node controlplane`. */
export function describeNode(ctx: Ctx): string {
  const m = nodeManifest(ctx.sb);
  const meta = obj(m.metadata);
  const created = meta.creationTimestamp;
  const now = ctx.env.now;
  const info = obj(obj(m.status).nodeInfo);
  const labels = Object.entries(obj(meta.labels) as Record<string, string>).sort(([a], [b]) => (a < b ? -1 : 1));
  const annotations = Object.entries(obj(meta.annotations) as Record<string, string>).sort(([a], [b]) => (a < b ? -1 : 1));
  const pods = ctx.sb.objects.filter((o) => o.kind === 'Pod' && obj(o.manifest.spec).nodeName === NODE_NAME)
    .sort((a, b) => (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const memBytes = MEMORY_KI * 1024;
  const total: Usage = { cpuReq: 0, cpuLim: 0, memReq: 0, memLim: 0 };
  const podRows = pods.map((p) => {
    const u = podUsage(p.manifest);
    total.cpuReq += u.cpuReq; total.cpuLim += u.cpuLim; total.memReq += u.memReq; total.memLim += u.memLim;
    return `  ${p.namespace}\t${p.name}\t\t${cpuText(u.cpuReq)} ${pct(u.cpuReq, CPU_MILLIS)}\t${cpuText(u.cpuLim)} ${pct(u.cpuLim, CPU_MILLIS)}\t`
      + `${memoryText(u.memReq)} ${pct(u.memReq, memBytes)}\t${memoryText(u.memLim)} ${pct(u.memLim, memBytes)}\t${age(obj(p.manifest.metadata).creationTimestamp, now)}`;
  });
  const condition = (type: string, status: string, reason: string, message: string) =>
    `  ${type} \t${status} \t${rfc1123z(now)} \t${rfc1123z(created)} \t${reason} \t${message}`;
  const lines = [
    `Name:\t${NODE_NAME}`, 'Roles:\tcontrol-plane',
    ...(labels.length ? labels.map(([k, v], i) => `${i === 0 ? 'Labels:' : ''}\t${k}=${v}`) : ['Labels:\t<none>']),
    ...(annotations.length ? annotations.map(([k, v], i) => `${i === 0 ? 'Annotations:' : ''}\t${k}: ${v}`) : ['Annotations:\t<none>']),
    `CreationTimestamp:\t${rfc1123z(created)}`, 'Taints:\t<none>', 'Unschedulable:\tfalse',
    'Lease:', `  HolderIdentity:\t${NODE_NAME}`, '  AcquireTime:\t<unset>', `  RenewTime:\t${rfc1123z(now)}`,
    'Conditions:', '  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage', '  ----\t------\t-----------------\t------------------\t------\t-------',
    condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
    'Addresses:', ...arr(obj(m.status).addresses).map(obj).map((a) => `  ${a.type}:\t${a.address}`),
    'Capacity:', ...CAPACITY.map(([k, v]) => `  ${k}:\t${v}`),
    'Allocatable:', ...CAPACITY.map(([k, v]) => `  ${k}:\t${v}`),
    'System Info:',
    `  Machine ID:\t${hex('machine', 32)}`, `  System UUID:\t${hex('uuid', 32).replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-')}`,
    `  Boot ID:\t${hex('boot', 32).replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-')}`,
    `  Kernel Version:\t${info.kernelVersion}`, `  OS Image:\t${info.osImage}`, `  Operating System:\t${info.operatingSystem}`,
    `  Architecture:\t${info.architecture}`, `  Container Runtime Version:\t${info.containerRuntimeVersion}`,
    `  Kubelet Version:\t${info.kubeletVersion}`, `  Kube-Proxy Version:\t${info.kubeletVersion}`,
    `PodCIDR:\t${obj(m.spec).podCIDR}`, `PodCIDRs:\t${arr(obj(m.spec).podCIDRs).join(',')}`,
    `Non-terminated Pods:\t(${pods.length} in total)`,
    '  Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge',
    '  ---------\t----\t\t------------\t----------\t---------------\t-------------\t---',
    ...podRows,
    'Allocated resources:', '  (Total limits may be over 100 percent, i.e., overcommitted.)',
    '  Resource\tRequests\tLimits', '  --------\t--------\t------',
    `  cpu\t${cpuText(total.cpuReq)} ${pct(total.cpuReq, CPU_MILLIS)}\t${cpuText(total.cpuLim)} ${pct(total.cpuLim, CPU_MILLIS)}`,
    `  memory\t${memoryText(total.memReq)} ${pct(total.memReq, memBytes)}\t${memoryText(total.memLim)} ${pct(total.memLim, memBytes)}`,
    '  ephemeral-storage\t0 (0%)\t0 (0%)', '  hugepages-1Gi\t0 (0%)\t0 (0%)', '  hugepages-2Mi\t0 (0%)\t0 (0%)',
    'Events:\t<none>',
  ];
  return tabwrite(lines).join('\n');
}
