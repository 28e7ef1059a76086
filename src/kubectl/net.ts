// What happens on the wire when a pod connects somewhere: name resolution through kube-dns, Service
// load balancing to a backend pod's targetPort, the NetworkPolicy verdict for the real destination
// (policies see pod ports, not Service ports), and whether anything listens there.
import type { CompiledCluster } from '../engine/compile.ts';
import { resolveName, type DnsResolution } from '../engine/dns.ts';
import { evaluate } from '../engine/evaluate.ts';
import { isValidIP } from '../engine/cidr.ts';
import { externalAddress, isExternalName } from '../engine/external-dns.ts';
import type { Endpoint, Pod, Protocol, Service } from '../engine/types.ts';
import type { Verdict } from '../engine/verdict.ts';
import { imageProfile } from './images.ts';
import { podServes } from './pod-lifecycle.ts';
import { findObject, NODE_IP, type Sandbox } from './sandbox.ts';
import { serviceBackends } from './views.ts';

export type Resolved =
  /** `external` names were answered by the simulated internet through kube-dns. */
  | { readonly kind: 'ip'; readonly ip: string; readonly dns?: DnsResolution; readonly external?: boolean }
  | { readonly kind: 'blocked'; readonly dns: DnsResolution }
  | { readonly kind: 'nxdomain'; readonly dns: DnsResolution };

export function resolveHost(cc: CompiledCluster, client: Pod, host: string): Resolved {
  if (host === 'localhost') return { kind: 'ip', ip: '127.0.0.1' };
  if (isValidIP(host)) return { kind: 'ip', ip: host };
  const dns = resolveName(cc, client, host);
  if (dns.kind === 'resolved') return { kind: 'ip', ip: dns.address, dns };
  if (dns.kind === 'nxdomain' && isExternalName(host, cc.cluster.namespaces.map((n) => n.name))) return { kind: 'ip', ip: externalAddress(host), dns, external: true };
  return dns.kind === 'blocked' ? { kind: 'blocked', dns } : { kind: 'nxdomain', dns };
}

/** Where a connection really lands after Service translation. */
export type Destination =
  | { readonly kind: 'pod'; readonly pod: Pod; readonly port: number; readonly via?: Service }
  | { readonly kind: 'external'; readonly ip: string; readonly port: number; readonly via?: Service }
  | { readonly kind: 'loopback'; readonly pod: Pod; readonly port: number };

export type Connection =
  | { readonly kind: 'connected'; readonly ip: string; readonly dst: Destination; readonly verdict?: Verdict }
  /** Packets dropped: NetworkPolicy denies (the verdict says why), or the address leads nowhere. */
  | { readonly kind: 'timeout'; readonly ip: string; readonly dst?: Destination; readonly verdict?: Verdict }
  /** Reached, but nothing listens (or the Service has no such port / no endpoints). */
  | { readonly kind: 'refused'; readonly ip: string; readonly dst?: Destination; readonly reason: string };

const WEB_IMAGES = /(^|\/)(caddy|traefik\/whoami)([:@]|$)/;

/**
 * The ports a pod listens on: its declared containerPorts, plus the ports the image's server always opens
 * (nginx and httpd 80, postgres 5432, redis 6379), since `kubectl run web --image=nginx` without --port (or with
 * another --port) still serves on 80.
 */
export function listens(pod: Pod, port: number, protocol: Protocol): boolean {
  for (const c of pod.containers) {
    if (c.ports.some((p) => p.containerPort === port && p.protocol === protocol)) return true;
    if (protocol === 'TCP' && imageProfile(c.image).serves.includes(port)) return true;
    if (protocol === 'TCP' && port === 80 && WEB_IMAGES.test(c.image)) return true;
  }
  return false;
}

/** A pod whose containers have completed (or keep crashing) has no process to answer, nor a live address. */
function alive(sb: Sandbox, pod: Pod): boolean {
  return podServes(findObject(sb, { kind: 'Pod', namespace: pod.namespace, name: pod.name }));
}

function podByIP(cc: CompiledCluster, ip: string): Pod | undefined {
  return cc.cluster.pods.find((p) => p.ip === ip);
}

function serviceByIP(cc: CompiledCluster, ip: string): Service | undefined {
  return cc.cluster.services.find((s) => s.clusterIP === ip && s.clusterIP !== '' && s.clusterIP !== 'None');
}

/** Hosts outside the cluster answer on 80 and 443 (a stand-in for "the internet"); the node serves the API on 6443. */
function externalListens(ip: string, port: number, protocol: Protocol): boolean {
  if (protocol !== 'TCP') return false;
  if (ip === NODE_IP) return port === 6443 || port === 10250;
  return port === 80 || port === 443;
}

export function connect(cc: CompiledCluster, sb: Sandbox, client: Pod, ip: string, port: number, protocol: Protocol): Connection {
  if (ip === '127.0.0.1' || ip === '::1') {
    const dst: Destination = { kind: 'loopback', pod: client, port };
    return listens(client, port, protocol) ? { kind: 'connected', ip, dst } : { kind: 'refused', ip, dst, reason: 'nothing listens on that port in this pod' };
  }
  let dst: Destination;
  const svc = serviceByIP(cc, ip);
  if (svc) {
    const idx = svc.ports.findIndex((p) => p.port === port && p.protocol === protocol);
    if (idx < 0) return { kind: 'refused', ip, reason: `Service ${svc.namespace}/${svc.name} has no port ${port}/${protocol}` };
    if (svc.namespace === 'default' && svc.name === 'kubernetes' && !svc.selector) {
      dst = { kind: 'external', ip: NODE_IP, port: 6443, via: svc };
    } else {
      const backends = serviceBackends(sb, svc)[idx].filter((b) => alive(sb, b.pod));
      if (backends.length === 0) return { kind: 'refused', ip, reason: `Service ${svc.namespace}/${svc.name} has no endpoints` };
      dst = { kind: 'pod', pod: backends[0].pod, port: backends[0].port, via: svc };
    }
  } else {
    const pod = podByIP(cc, ip);
    dst = pod ? { kind: 'pod', pod, port } : { kind: 'external', ip, port };
  }
  const to: Endpoint = dst.kind === 'pod' ? { kind: 'pod', pod: dst.pod } : { kind: 'ip', ip: dst.kind === 'external' ? dst.ip : ip };
  const verdict = evaluate(cc, { kind: 'pod', pod: client }, to, dst.port, protocol);
  if (!verdict.allowed) return { kind: 'timeout', ip, dst, verdict };
  if (dst.kind === 'pod' && !alive(sb, dst.pod)) return { kind: 'timeout', ip, dst };
  const open = dst.kind === 'pod' ? listens(dst.pod, dst.port, protocol) : dst.kind === 'external' ? externalListens(dst.ip, dst.port, protocol) : false;
  return open ? { kind: 'connected', ip, dst, verdict } : { kind: 'refused', ip, dst, reason: `nothing listens on ${dst.port}/${protocol}` };
}

/** One HTTP exchange, as a server's access log records it. */
export interface HttpExchange { readonly method: string; readonly path: string; readonly status: number; readonly bytes: number; readonly userAgent: string }

/** A connection that reached a pod's server: what the server's log sees. */
export interface AccessHit {
  readonly namespace: string;
  readonly pod: string;
  readonly uid?: string;
  readonly clientIP: string;
  readonly port: number;
  readonly protocol: Protocol;
  readonly request?: HttpExchange;
}

/** Notes, in `hits`, a connection that reached a pod (nothing for denied, refused or external ones). */
export function noteHit(hits: AccessHit[] | undefined, client: Pod, conn: Connection, protocol: Protocol, request?: HttpExchange): void {
  if (!hits || conn.kind !== 'connected') return;
  const dst = conn.dst;
  if (dst.kind === 'external') return;
  const server = dst.pod;
  hits.push({
    namespace: server.namespace, pod: server.name, ...(server.uid ? { uid: server.uid } : {}),
    clientIP: dst.kind === 'loopback' ? '127.0.0.1' : client.ip, port: dst.port, protocol, ...(request ? { request } : {}),
  });
}

/** What an HTTP GET returns from the destination. */
/** Images whose server speaks its own protocol, not HTTP: it drops an HTTP request without an answer. */
const NOT_HTTP = new Set(['postgres', 'redis']);

/**
 * What a server answers to an HTTP request. Status 0: no HTTP answer at all (a database closed the connection on
 * the request it could not parse; curl says "Empty reply from server"), which still proves the connection opened.
 */
export function httpResponse(dst: Destination, path: string): { status: number; server: string; body: string } {
  const pod = dst.kind === 'external' ? undefined : dst.pod;
  const image = pod?.containers[0]?.image ?? '';
  if (pod && pod.containers.length > 0 && pod.containers.every((c) => NOT_HTTP.has(imageProfile(c.image).repository))) return { status: 0, server: '', body: '' };
  if (/(^|\/)nginx([:@]|$)/.test(image) || (dst.kind !== 'external' && pod && pod.containers.some((c) => /(^|\/)nginx([:@]|$)/.test(c.image)))) {
    if (path === '/' || path === '/index.html') return { status: 200, server: 'nginx/1.27.3', body: nginxWelcome() };
    return { status: 404, server: 'nginx/1.27.3', body: '<html>\n<head><title>404 Not Found</title></head>\n<body>\n<center><h1>404 Not Found</h1></center>\n<hr><center>nginx/1.27.3</center>\n</body>\n</html>\n' };
  }
  if (pod && pod.containers.some((c) => /(^|\/)(httpd|apache)([:@]|$)/.test(c.image))) {
    return { status: 200, server: 'Apache/2.4.62 (Unix)', body: '<html><body><h1>It works!</h1></body></html>\n' };
  }
  if (dst.kind === 'external' && dst.ip === NODE_IP) {
    const msg = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `forbidden: User "system:anonymous" cannot get path "${path}"`, reason: 'Forbidden', details: {}, code: 403 };
    return { status: 403, server: 'kube-apiserver', body: `${JSON.stringify(msg, null, 2)}\n` };
  }
  if (dst.kind === 'external') return { status: 200, server: 'netpol-dojo', body: `hello from ${dst.ip} (an address outside the cluster)\n` };
  return { status: 200, server: 'netpol-dojo', body: `${pod!.name}\n` };
}

export function nginxWelcome(): string {
  return [
    '<!DOCTYPE html>', '<html>', '<head>', '<title>Welcome to nginx!</title>', '<style>',
    'html { color-scheme: light dark; }', 'body { width: 35em; margin: 0 auto;', 'font-family: Tahoma, Verdana, Arial, sans-serif; }',
    '</style>', '</head>', '<body>', '<h1>Welcome to nginx!</h1>',
    '<p>The nginx web server in this pod answered your request, so the connection was allowed.</p>', '',
    '<p>Reference documentation is at <a href="http://nginx.org/">nginx.org</a>.</p>', '',
    '<p><em>Thank you for using nginx.</em></p>', '</body>', '</html>', '',
  ].join('\n');
}
