// `netpol-dojo serve` as a library: a loopback Kubernetes API server over one or more simulated clusters, each
// at /clusters/NAME (the first one also at /), every request authenticated by one bearer token.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Sandbox } from '../kubectl/sandbox.ts';
import {
  aggregatedBody, aggregatedVersion, apiGroupBody, apiGroupListBody, apiVersionsBody, GROUPS, resourceListBody, versionBody,
} from './discovery.ts';
import { openFileCluster, type FileCluster } from './file-cluster.ts';
import { authorized, notFoundPath, readBody, sendJson, sendStatus, statusText, UNAUTHORIZED } from './http.ts';
import { openApiIndex, openApiSet } from './openapi.ts';
import { handleResource, handleSlices, parseResourcePath, type RestContext } from './rest.ts';
import { selfSignedCertificate, type TlsMaterial } from './self-signed.ts';

export interface ServeCluster { readonly name: string; readonly stateDir: string; readonly namespace?: string }

export interface ServeOptions {
  readonly clusters: readonly ServeCluster[];
  /** 0 or absent: a free port chosen by the system. */
  readonly port?: number;
  readonly host?: string;
  /** 64 hex characters; a random one when absent. */
  readonly token?: string;
  /** The server's key and certificate (a fresh self-signed pair when absent). */
  readonly tls?: TlsMaterial;
  /** How often the state files are checked for other processes' changes while a watch is open (ms). */
  readonly pollMs?: number;
}

export interface Serving {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** The server certificate (PEM): the kubeconfig's certificate authority. */
  readonly certificate: string;
  /** A kubeconfig with one context per cluster (named like the cluster); the current one is the first unless named. */
  kubeconfigText(currentContext?: string): string;
  close(): Promise<void>;
}

/** Earlier states kept for watches that start from a list's resourceVersion (the gap is milliseconds long). */
const HISTORY = 16;

interface Served { readonly spec: ServeCluster; readonly handle: FileCluster; readonly history: Sandbox[]; readonly base: string }

/** The first line of every kubeconfig written for the server: `serve` overwrites only files that start with it. */
export const KUBECONFIG_MARK = '# netpol-dojo serve: a loopback API server for the simulated cluster (rewritten at every start)';

/** A name usable in a URL path segment and a kubeconfig. */
const CLUSTER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/** Path segments, percent-decoded (undefined when a segment is not valid percent-encoding). */
function segmentsOf(path: string): string[] | undefined {
  try {
    return path.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

function yamlString(s: string): string {
  return JSON.stringify(s);
}

export async function startServe(opts: ServeOptions): Promise<Serving> {
  if (opts.clusters.length === 0) throw new Error('startServe: at least one cluster is needed');
  for (const c of opts.clusters) if (!CLUSTER_NAME.test(c.name)) throw new Error(`startServe: invalid cluster name "${c.name}"`);
  const token = opts.token ?? randomBytes(32).toString('hex');
  const host = opts.host ?? '127.0.0.1';
  const served: Served[] = opts.clusters.map((spec) => {
    const handle = openFileCluster(spec.name, spec.stateDir, { pollMs: opts.pollMs });
    const history: Sandbox[] = [];
    handle.onChange((before) => { history.push(before); if (history.length > HISTORY) history.shift(); });
    return { spec, handle, history, base: `/clusters/${spec.name}` };
  });
  for (const s of served) s.handle.read();
  const watches = new Set<() => void>();

  /** The cluster a path addresses and the path inside it. */
  const route = (pathname: string): { cluster: Served; path: string } | undefined => {
    const m = /^\/clusters\/([^/]+)(\/.*)?$/.exec(pathname);
    if (!m) return { cluster: served[0], path: pathname };
    const c = served.find((s) => s.spec.name === m[1]);
    return c ? { cluster: c, path: m[2] ?? '/' } : undefined;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!authorized(req, token)) return sendStatus(res, UNAUTHORIZED);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return sendStatus(res, { code: 400, reason: 'BadRequest', message: 'malformed request path' });
    }
    const r = route(url.pathname);
    if (!r) return sendStatus(res, notFoundPath());
    const { cluster, path } = r;
    const segs = segmentsOf(path);
    if (!segs) return sendStatus(res, notFoundPath());
    if (segs[segs.length - 1] === '' && segs.length > 1) segs.pop();
    const get = req.method === 'GET' || req.method === 'HEAD';
    const accept = String(req.headers.accept ?? '');
    const ctx: RestContext = {
      cluster: cluster.handle,
      history: () => cluster.history,
      track: (stop) => { watches.add(stop); return () => watches.delete(stop); },
    };
    if (get && path === '/version') return sendJson(res, 200, versionBody());
    if (get && ['/healthz', '/livez', '/readyz'].includes(path)) {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      return void res.end('ok');
    }
    if (get && (path === '/api' || path === '/apis')) {
      const v = aggregatedVersion(accept);
      if (v) return sendJson(res, 200, aggregatedBody(path === '/api', v), { 'Content-Type': `application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList` });
      return sendJson(res, 200, path === '/api' ? apiVersionsBody(`${host}:${port}`) : apiGroupListBody());
    }
    if (get && path === '/openapi/v3') return sendJson(res, 200, openApiIndex(url.pathname.startsWith('/clusters/') ? cluster.base : ''));
    if (get && (path === '/openapi/v2' || path === '/swagger-2.0.0.pb-v1')) {
      // kubectl 1.27 reads the v2 document (protobuf) before apply; an empty one makes it use the v3 documents
      // and its own built-in types, as it does for a cluster without v2 schemas.
      if (/protobuf/.test(accept) || path !== '/openapi/v2') {
        res.writeHead(200, { 'Content-Type': 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf', 'Content-Length': 0 });
        return void res.end();
      }
      return sendJson(res, 200, { swagger: '2.0', info: { title: 'Kubernetes', version: versionBody().gitVersion }, paths: {}, definitions: {} });
    }
    if (get && path.startsWith('/openapi/v3/')) {
      const doc = openApiSet().documents.get(path.slice('/openapi/v3/'.length));
      if (doc) return sendJson(res, 200, doc);
      return sendStatus(res, notFoundPath());
    }
    if (segs[0] === 'api' && segs[1] === 'v1') {
      if (segs.length === 2) return get ? sendJson(res, 200, resourceListBody('')) : sendStatus(res, notFoundPath());
      const p = parseResourcePath('', segs.slice(2));
      return dispatch(req, res, p, url.searchParams, ctx, cluster);
    }
    if (req.method === 'POST' && path === '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews') {
      // kubectl auth can-i: the one user of the loopback server may do everything.
      await readBody(req);
      return sendJson(res, 201, {
        kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: {}, spec: {},
        status: { allowed: true, reason: 'netpol-dojo serve: the kubeconfig\'s user may do everything' },
      });
    }
    if (segs[0] === 'apis' && segs.length >= 2 && GROUPS.includes(segs[1]) && segs[1] !== '') {
      if (segs.length === 2) return get ? sendJson(res, 200, apiGroupBody(segs[1])) : sendStatus(res, notFoundPath());
      if (segs[2] !== 'v1') return sendStatus(res, notFoundPath());
      if (segs.length === 3) return get ? sendJson(res, 200, resourceListBody(segs[1])) : sendStatus(res, notFoundPath());
      if (segs[1] === 'discovery.k8s.io') return handleSlices(req, res, segs.slice(3), url.searchParams, ctx);
      const p = parseResourcePath(segs[1], segs.slice(3));
      return dispatch(req, res, p, url.searchParams, ctx, cluster);
    }
    return sendStatus(res, notFoundPath());
  };

  const dispatch = async (req: IncomingMessage, res: ServerResponse, p: ReturnType<typeof parseResourcePath>, q: URLSearchParams, ctx: RestContext, cluster: Served) => {
    if (p.kind === 'none') return sendStatus(res, notFoundPath());
    if (p.kind === 'empty-list') {
      if (req.method !== 'GET') return sendStatus(res, notFoundPath());
      return sendJson(res, 200, { kind: p.listKind, apiVersion: 'v1', metadata: { resourceVersion: String(cluster.handle.read().counters.resourceVersion) }, items: [] });
    }
    return handleResource(req, res, p.path, q, ctx);
  };

  const tls = opts.tls ?? selfSignedCertificate();
  const server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    handle(req, res).catch((e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      if (!res.headersSent) sendStatus(res, { code: 500, reason: 'InternalError', message: `Internal error occurred: ${message}` });
      else res.end();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A client that goes away must not take the server with it.
    socket.on('error', () => socket.destroy());
    const refuse = (code: number, reason: string, body: string) => {
      socket.end(`HTTP/1.1 ${code} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    };
    if (!authorized(req, token)) return refuse(401, 'Unauthorized', statusText(UNAUTHORIZED));
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return refuse(400, 'Bad Request', statusText({ code: 400, reason: 'BadRequest', message: 'malformed request path' }));
    }
    const r = route(url.pathname);
    const segs = (r && segmentsOf(r.path)) ?? [];
    const m = segs.length === 7 && segs[0] === 'api' && segs[1] === 'v1' && segs[2] === 'namespaces' && segs[4] === 'pods' && (segs[6] === 'exec' || segs[6] === 'attach');
    if (!r || !m) return refuse(404, 'Not Found', statusText(notFoundPath()));
    const target = { cluster: r.cluster.handle, namespace: segs[3], pod: segs[5], subresource: segs[6] as 'exec' | 'attach', query: url.searchParams };
    // Loaded on the first exec/attach: the interactive shell behind it is the heaviest part of the server.
    import('./stream.ts').then(({ handleStreamUpgrade }) => handleStreamUpgrade(req, socket, head, target)).catch((e: unknown) => {
      refuse(500, 'Internal Server Error', statusText({ code: 500, reason: 'InternalError', message: `Internal error occurred: ${e instanceof Error ? e.message : String(e)}` }));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => { server.off('error', reject); resolve(); });
  });
  const port = (server.address() as AddressInfo).port;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const url = `https://${hostPart}:${port}`;

  const kubeconfigText = (currentContext?: string): string => {
    const current = currentContext ?? served[0].spec.name;
    const lines = [KUBECONFIG_MARK, 'apiVersion: v1', 'kind: Config', 'clusters:'];
    const ca = Buffer.from(tls.cert).toString('base64');
    for (const s of served) lines.push('- cluster:', `    certificate-authority-data: ${ca}`, `    server: ${yamlString(`${url}${s.base}`)}`, `  name: ${yamlString(s.spec.name)}`);
    lines.push('contexts:');
    for (const s of served) {
      lines.push('- context:', `    cluster: ${yamlString(s.spec.name)}`, `    namespace: ${yamlString(s.spec.namespace ?? 'default')}`, '    user: "netpol-dojo"', `  name: ${yamlString(s.spec.name)}`);
    }
    lines.push(`current-context: ${yamlString(current)}`, 'preferences: {}', 'users:', '- name: "netpol-dojo"', '  user:', `    token: ${yamlString(token)}`);
    return `${lines.join('\n')}\n`;
  };

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      for (const stop of [...watches]) stop();
      for (const s of served) s.handle.close();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };

  return { url, port, token, certificate: tls.cert, kubeconfigText, close };
}
