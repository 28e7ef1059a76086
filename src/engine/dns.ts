// Cluster DNS as kube-dns/CoreDNS answers it, gated by NetworkPolicy: a pod can resolve a name only if
// it may reach a kube-dns pod (namespace kube-system, label k8s-app=kube-dns) on 53/UDP.
import type { CompiledCluster } from './compile.ts';
import { evaluate } from './evaluate.ts';
import { explainVerdict } from './explain.ts';
import { compileSelector } from './selectors.ts';
import type { Pod, Service } from './types.ts';
import type { Verdict } from './verdict.ts';

export const CLUSTER_DOMAIN = 'cluster.local';
export const DNS_NAMESPACE = 'kube-system';
export const DNS_LABEL = 'k8s-app';
export const DNS_LABEL_VALUE = 'kube-dns';

export type DnsResolution =
  /** The name is a Service's: `address` is its ClusterIP (a selected pod's IP for a headless Service). */
  | { readonly kind: 'resolved'; readonly name: string; readonly fqdn: string; readonly service: Service; readonly address: string; readonly server: Pod; readonly verdict: Verdict }
  /** kube-dns answered: no such name (every candidate of the search path was tried). */
  | { readonly kind: 'nxdomain'; readonly name: string; readonly tried: readonly string[]; readonly server: Pod; readonly verdict: Verdict }
  /** The query never got an answer: no kube-dns pod is reachable on 53/UDP. `verdicts` are the engine's reasons, one per kube-dns pod. */
  | { readonly kind: 'blocked'; readonly name: string; readonly verdicts: readonly Verdict[]; readonly reason: string };

/** The kube-dns pods of the cluster. */
export function dnsPods(cc: CompiledCluster): Pod[] {
  return cc.cluster.pods.filter((p) => p.namespace === DNS_NAMESPACE && p.labels[DNS_LABEL] === DNS_LABEL_VALUE);
}

/** The fully qualified names the resolver tries, in order (search path of a pod in `ns`, ndots 5). */
export function searchCandidates(name: string, ns: string): string[] {
  const n = name.toLowerCase();
  if (n.endsWith('.')) return [n.slice(0, -1)];
  const search = [`${ns}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN].map((d) => `${n}.${d}`);
  const dots = n.split('.').length - 1;
  return dots >= 5 ? [n, ...search] : [...search, n];
}

/** The address a Service name resolves to, or undefined when it has no A record. */
function serviceAddress(cc: CompiledCluster, svc: Service): string | undefined {
  if (svc.type === 'ExternalName') return undefined;
  if (svc.clusterIP && svc.clusterIP !== 'None') return svc.clusterIP;
  if (!svc.selector) return undefined;
  const sel = compileSelector({ matchLabels: svc.selector });
  return cc.cluster.pods.find((p) => p.namespace === svc.namespace && sel(p.labels))?.ip;
}

/** Looks up one fully qualified name in the cluster's records. */
export function lookupFqdn(cc: CompiledCluster, fqdn: string): { service: Service; address: string } | undefined {
  const suffix = `.svc.${CLUSTER_DOMAIN}`;
  if (!fqdn.endsWith(suffix)) return undefined;
  const parts = fqdn.slice(0, -suffix.length).split('.');
  if (parts.length !== 2) return undefined;
  const [svcName, ns] = parts;
  const service = cc.cluster.services.find((s) => s.namespace === ns && s.name === svcName);
  if (!service) return undefined;
  const address = serviceAddress(cc, service);
  return address ? { service, address } : undefined;
}

/**
 * Resolves `name` the way a pod's resolver does: SERVICE, SERVICE.NAMESPACE, SERVICE.NAMESPACE.svc and
 * SERVICE.NAMESPACE.svc.cluster.local (a bare name uses the client's namespace). The query goes to the
 * first kube-dns pod the client may reach on 53/UDP; if none is reachable the lookup is blocked.
 */
export function resolveName(cc: CompiledCluster, client: Pod, name: string): DnsResolution {
  const servers = dnsPods(cc);
  if (servers.length === 0) {
    return { kind: 'blocked', name, verdicts: [], reason: `no kube-dns pod (namespace ${DNS_NAMESPACE}, label ${DNS_LABEL}=${DNS_LABEL_VALUE}) exists, so nothing answers DNS queries` };
  }
  const verdicts = servers.map((server) => evaluate(cc, { kind: 'pod', pod: client }, { kind: 'pod', pod: server }, 53, 'UDP'));
  const i = verdicts.findIndex((v) => v.allowed);
  if (i < 0) {
    const why = explainVerdict(cc, verdicts[0]).join('\n');
    return { kind: 'blocked', name, verdicts, reason: `${client.namespace}/${client.name} cannot reach kube-dns on 53/UDP:\n${why}` };
  }
  const server = servers[i];
  const verdict = verdicts[i];
  const tried = searchCandidates(name, client.namespace);
  for (const fqdn of tried) {
    const hit = lookupFqdn(cc, fqdn);
    if (hit) return { kind: 'resolved', name, fqdn, service: hit.service, address: hit.address, server, verdict };
  }
  return { kind: 'nxdomain', name, tried, server, verdict };
}
