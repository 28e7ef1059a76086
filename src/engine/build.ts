import { isValidIP } from './cidr.ts';
import type { Cluster, Labels, Namespace, NetworkPolicy, Pod, Service } from './types.ts';
import { NAME_LABEL } from './types.ts';

export type PodDraft = Omit<Pod, 'ip'> & { readonly ip?: string };
export type ServiceDraft = Omit<Service, 'clusterIP'> & { readonly clusterIP?: string };

export interface ClusterParts {
  readonly namespaces: readonly { readonly name: string; readonly labels: Labels; readonly creationTimestamp?: string; readonly uid?: string }[];
  readonly pods: readonly PodDraft[];
  readonly services: readonly ServiceDraft[];
  readonly policies: readonly NetworkPolicy[];
}

function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
}

function intToIP(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Hands out addresses from a base upwards, skipping ones already taken and .0/.255 host parts. */
export function allocator(base: string, taken: Iterable<string>): () => string {
  const used = new Set(taken);
  let next = ipToInt(base);
  return () => {
    for (;;) {
      const ip = intToIP(next++);
      const last = next - 1 & 255;
      if (last === 0 || last === 255 || used.has(ip)) continue;
      used.add(ip);
      return ip;
    }
  };
}

export const POD_CIDR_BASE = '10.244.0.1';
export const SERVICE_CIDR_BASE = '10.96.0.1';

/** Namespaces every object refers to; declared ones keep their labels, the rest carry only their name label. */
export function withReferencedNamespaces(declared: ClusterParts['namespaces'], referenced: Iterable<string>): Namespace[] {
  const out: Namespace[] = declared.map((n) => ({ ...n, labels: { ...n.labels, [NAME_LABEL]: n.name }, declared: true }));
  const seen = new Set(out.map((n) => n.name));
  for (const ns of referenced) {
    if (seen.has(ns)) continue;
    seen.add(ns);
    out.push({ name: ns, labels: { [NAME_LABEL]: ns }, declared: false });
  }
  return out;
}

/**
 * Builds a cluster: later objects with the same kind/namespace/name replace earlier ones, pods without
 * an IP get deterministic addresses (10.244.0.1, .2, … in order), services get ClusterIPs from 10.96.0.0/12.
 */
export function buildCluster(parts: ClusterParts): Cluster {
  const dedupe = <T extends { namespace?: string; name: string }>(list: readonly T[], key: (t: T) => string): T[] => {
    const m = new Map<string, T>();
    for (const item of list) { m.delete(key(item)); m.set(key(item), item); }
    return [...m.values()];
  };
  const nsDecl = dedupe(parts.namespaces, (n) => n.name);
  const podDrafts = dedupe(parts.pods, (p) => `${p.namespace}/${p.name}`);
  const svcDrafts = dedupe(parts.services, (s) => `${s.namespace}/${s.name}`);
  const policies = dedupe(parts.policies, (p) => `${p.namespace}/${p.name}`);
  const nextPodIP = allocator(POD_CIDR_BASE, podDrafts.flatMap((p) => (p.ip && isValidIP(p.ip) ? [p.ip] : [])));
  const pods: Pod[] = podDrafts.map((p) => ({ ...p, ip: p.ip && isValidIP(p.ip) ? p.ip : nextPodIP() }));
  const nextSvcIP = allocator('10.96.0.11', svcDrafts.flatMap((s) => (s.clusterIP ? [s.clusterIP] : [])));
  const services: Service[] = svcDrafts.map((s) => ({ ...s, clusterIP: s.clusterIP ?? (s.type === 'ExternalName' ? '' : nextSvcIP()) }));
  const referenced = [...pods, ...services, ...policies].map((o) => o.namespace);
  return { namespaces: withReferencedNamespaces(nsDecl, referenced), pods, services, policies };
}
