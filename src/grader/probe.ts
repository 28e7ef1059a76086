// The probe set a task is graded over, derived from the clusters being compared: which endpoints, which
// ports and protocols, which external addresses. Nothing is hand-listed by the task. Pure.
import ipaddr from 'ipaddr.js';
import { isValidIP, parseCIDR, PROTOCOLS, type Cluster, type Endpoint, type Pod, type Protocol } from '../engine/index.ts';

export interface ProbePortKey { readonly port: number; readonly protocol: Protocol }

export interface ProbeSet {
  /** Pods of the reference cluster (kube-dns included) then external addresses. */
  readonly endpoints: readonly Endpoint[];
  readonly ports: readonly ProbePortKey[];
  /** Pods of the reference cluster the learner's cluster lacks (their pairs cannot be compared). */
  readonly missingPods: readonly string[];
}

/** Addresses every task probes: public DNS, a web server, the metadata endpoint, private ranges. The caller adds the cluster's own (the API server's). */
export const DEFAULT_EXTERNALS: readonly string[] = [
  '8.8.8.8', '1.1.1.1', '169.254.169.254', '93.184.216.34', '10.0.0.1', '172.16.0.1', '192.168.0.1',
];

function neighbours(n: number): number[] {
  return [n - 1, n, n + 1].filter((p) => p >= 1 && p <= 65535);
}

/** The edges of a CIDR (first and last address) and the addresses just outside it. */
function cidrEdges(cidr: string): string[] {
  const r = parseCIDR(cidr);
  if (!r) return [];
  const [addr, bits] = r;
  if (addr.kind() !== 'ipv4') {
    const first = ipaddr.IPv6.networkAddressFromCIDR(cidr);
    const last = ipaddr.IPv6.broadcastAddressFromCIDR(cidr);
    return [first.toString(), last.toString()];
  }
  const base = (addr as ipaddr.IPv4).toByteArray().reduce((a, o) => a * 256 + o, 0);
  const size = 2 ** (32 - bits);
  const first = Math.floor(base / size) * size;
  const last = first + size - 1;
  const toIP = (n: number) => [Math.floor(n / 16777216) % 256, Math.floor(n / 65536) % 256, Math.floor(n / 256) % 256, n % 256].join('.');
  const out = [first, last, first + Math.floor(size / 2)];
  if (first > 0) out.push(first - 1);
  if (last < 2 ** 32 - 1) out.push(last + 1);
  return out.map(toIP);
}

const IPV4_IN_TEXT = /\b(\d{1,3}(?:\.\d{1,3}){3})(\/\d{1,2})?\b/g;

/** Addresses and ranges written in free text (a task's wording): each address, each range's edges. */
export function addressesInText(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(IPV4_IN_TEXT)) {
    if (m[2]) out.push(...cidrEdges(m[0]));
    else if (isValidIP(m[1])) out.push(m[1]);
  }
  return out;
}

function policyAddresses(c: Cluster): string[] {
  const out: string[] = [];
  for (const p of c.policies) {
    const rules = [...(p.spec.ingress ?? []).map((r) => r.from), ...(p.spec.egress ?? []).map((r) => r.to)];
    for (const peers of rules) {
      for (const peer of peers ?? []) {
        if (!peer.ipBlock) continue;
        out.push(...cidrEdges(peer.ipBlock.cidr));
        for (const e of peer.ipBlock.except ?? []) out.push(...cidrEdges(e));
      }
    }
  }
  return out;
}

function podKey(p: Pod): string {
  return `${p.namespace}/${p.name}`;
}

/** Every port number any object mentions, with neighbours of range ends; names resolve on every pod. */
function mentionedPorts(clusters: readonly Cluster[]): { numbers: Set<number>; protocols: Set<Protocol> } {
  const numbers = new Set<number>([53]);
  const protocols = new Set<Protocol>(['TCP', 'UDP']);
  for (const c of clusters) {
    for (const pod of c.pods) {
      for (const ct of pod.containers) for (const cp of ct.ports) { numbers.add(cp.containerPort); protocols.add(cp.protocol); }
    }
    for (const s of c.services) {
      for (const sp of s.ports) {
        numbers.add(sp.port);
        protocols.add(sp.protocol);
        if (typeof sp.targetPort === 'number') numbers.add(sp.targetPort);
      }
    }
    for (const p of c.policies) {
      for (const rule of [...(p.spec.ingress ?? []), ...(p.spec.egress ?? [])]) {
        for (const entry of rule.ports ?? []) {
          if (entry.protocol) protocols.add(entry.protocol);
          if (typeof entry.port === 'number') {
            for (const n of neighbours(entry.port)) numbers.add(n);
            if (entry.endPort !== undefined) for (const n of neighbours(entry.endPort)) numbers.add(n);
          } else if (typeof entry.port === 'string') {
            for (const pod of c.pods) {
              for (const ct of pod.containers) for (const cp of ct.ports) if (cp.name === entry.port) numbers.add(cp.containerPort);
            }
          }
        }
      }
    }
  }
  return { numbers, protocols };
}

/** A port nothing mentions, the same for every protocol. */
function unusedPort(numbers: ReadonlySet<number>): number {
  let p = 40404;
  while (numbers.has(p)) p++;
  return p;
}

/**
 * The probe set for comparing `learner` with `reference` (and any further clusters, e.g. a wrong answer):
 * every pod of the reference that the learner also has, the external addresses, and every port number
 * mentioned by any of them crossed with every protocol mentioned (TCP and UDP always).
 */
export function probeSet(reference: Cluster, others: readonly Cluster[], extraAddresses: readonly string[] = []): ProbeSet {
  const all = [reference, ...others];
  const present = others.map((c) => new Set(c.pods.map(podKey)));
  const pods = reference.pods.filter((p) => present.every((s) => s.has(podKey(p))));
  const missingPods = reference.pods.filter((p) => !present.every((s) => s.has(podKey(p)))).map(podKey);
  const addrs = new Set<string>();
  for (const a of [...DEFAULT_EXTERNALS, ...extraAddresses, ...all.flatMap(policyAddresses)]) {
    if (isValidIP(a)) addrs.add(a);
  }
  const podIPs = new Set(all.flatMap((c) => c.pods.map((p) => p.ip)));
  const externals = [...addrs].filter((a) => !podIPs.has(a)).sort();
  const { numbers, protocols } = mentionedPorts(all);
  numbers.add(unusedPort(numbers));
  const ports: ProbePortKey[] = [];
  const sortedNumbers = [...numbers].sort((a, b) => a - b);
  for (const protocol of PROTOCOLS) {
    if (!protocols.has(protocol)) continue;
    for (const port of sortedNumbers) ports.push({ port, protocol });
  }
  return {
    endpoints: [...pods.map((pod): Endpoint => ({ kind: 'pod', pod })), ...externals.map((ip): Endpoint => ({ kind: 'ip', ip }))],
    ports,
    missingPods,
  };
}
