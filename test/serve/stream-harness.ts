// Test harness for exec/attach/logs: an in-memory ClusterHandle over the simulated kubectl's sandbox, a tiny HTTP
// server that routes the pod subresources to the stream and logs handlers, and a WebSocket client that speaks the
// channel protocol (what kubectl does) and collects what each channel received.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { applyManifestText, freshSandbox, runKubectl, splitCommandLine, type Sandbox } from '../../src/kubectl/index.ts';
import type { ClusterHandle } from '../../src/serve/cluster-handle.ts';
import { handlePodLogs } from '../../src/serve/logs.ts';
import { handleStreamUpgrade } from '../../src/serve/stream.ts';

export const START = '2025-03-01T09:00:00Z';

export class MemoryCluster implements ClusterHandle {
  readonly name = 'test';
  readonly stateDir = '/nonexistent';
  sb: Sandbox;
  private t = Date.parse(START);
  private listeners = new Set<(before: Sandbox, after: Sandbox) => void>();
  constructor() { this.sb = freshSandbox(START); }
  read(): Sandbox { return this.sb; }
  now(): string { this.t += 1000; return new Date(this.t).toISOString(); }
  update<T>(fn: (sb: Sandbox, now: string) => { readonly sandbox: Sandbox; readonly value: T }): T {
    const before = this.sb;
    const r = fn(before, this.now());
    if (r.sandbox !== before) {
      this.sb = r.sandbox;
      for (const l of this.listeners) l(before, r.sandbox);
    }
    return r.value;
  }
  /** Applies manifests (YAML) to the cluster. */
  apply(text: string): void {
    this.update((sb, now) => {
      const r = applyManifestText(sb, text, 'test.yaml', now);
      if (!r.ok) throw new Error(r.error);
      return { sandbox: r.sandbox, value: undefined };
    });
  }
  onChange(listener: (before: Sandbox, after: Sandbox) => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }
  /** Runs a simulated kubectl command line on the cluster ("run web --image=nginx"). */
  k(line: string): string {
    return this.update((sb, now) => {
      const r = runKubectl(sb, splitCommandLine(line), { now });
      if (r.exitCode !== 0) throw new Error(`kubectl ${line}: ${r.stderr}`);
      return { sandbox: r.sandbox, value: r.stdout };
    });
  }
}

const SUB = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/(exec|attach|log)$/;

export async function startHarness(cluster: ClusterHandle): Promise<{ base: string; server: Server; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const m = SUB.exec(url.pathname);
    if (!m || m[3] !== 'log') { res.writeHead(404); res.end(); return; }
    handlePodLogs(req, res, { cluster, namespace: m[1], pod: m[2], query: url.searchParams });
  });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const m = SUB.exec(url.pathname);
    if (!m || m[3] === 'log') { socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n'); return; }
    handleStreamUpgrade(req, socket, head, { cluster, namespace: m[1], pod: m[2], subresource: m[3] as 'exec' | 'attach', query: url.searchParams });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); }),
  };
}

export interface StreamResult {
  readonly protocol: string;
  readonly stdout: string;
  readonly stderr: string;
  /** The error channel's Status, parsed. */
  readonly status?: { status: string; reason?: string; message?: string; details?: { causes?: { reason: string; message: string }[] } };
  readonly closeCode: number;
}

export interface Conversation {
  readonly ws: WebSocket;
  /** Everything received so far on stdout (channel 1). */
  stdout(): string;
  /** Sends bytes on stdin (channel 0). */
  type(text: string): void;
  /** v5: closes stdin ([255, 0]). */
  closeStdin(): void;
  /** Resolves when stdout contains `text` (rejects after `ms`). */
  waitFor(text: string, ms?: number): Promise<void>;
  /** Resolves when the server has closed the connection. */
  ended: Promise<StreamResult>;
}

/** Opens exec/attach with the given query, as kubectl does (subprotocol v5 unless told otherwise). */
export function openStream(base: string, path: string, query: Record<string, string | string[]>, protocols = ['v5.channel.k8s.io']): Promise<Conversation> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const x of Array.isArray(v) ? v : [v]) q.append(k, x);
  const ws = new WebSocket(`ws://${base}${path}?${q}`, protocols);
  let out = '';
  let err = '';
  let status: string | undefined;
  const waiters: { text: string; done: () => void }[] = [];
  ws.on('message', (data: Buffer) => {
    const ch = data[0];
    const body = data.subarray(1).toString('utf8');
    if (ch === 1) out += body;
    else if (ch === 2) err += body;
    else if (ch === 3) status = body;
    for (const w of [...waiters]) if (out.includes(w.text)) { waiters.splice(waiters.indexOf(w), 1); w.done(); }
  });
  const ended = new Promise<StreamResult>((done, fail) => {
    ws.on('close', (code) => done({
      protocol: ws.protocol, stdout: out, stderr: err, closeCode: code,
      ...(status !== undefined ? { status: JSON.parse(status) as StreamResult['status'] } : {}),
    }));
    ws.on('error', fail);
  });
  return new Promise((done, fail) => {
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => { body += c.toString('utf8'); });
      res.on('end', () => fail(Object.assign(new Error(`HTTP ${res.statusCode}`), { statusCode: res.statusCode, body })));
    });
    ws.on('error', fail);
    ws.on('open', () => done({
      ws,
      stdout: () => out,
      type: (text) => ws.send(Buffer.concat([Buffer.from([0]), Buffer.from(text, 'utf8')])),
      closeStdin: () => ws.send(Buffer.from([255, 0])),
      waitFor: (text, ms = 5000) => new Promise<void>((ok, no) => {
        if (out.includes(text)) { ok(); return; }
        const timer = setTimeout(() => no(new Error(`timed out waiting for ${JSON.stringify(text)}; stdout so far: ${JSON.stringify(out)}`)), ms);
        waiters.push({ text, done: () => { clearTimeout(timer); ok(); } });
      }),
      ended,
    }));
  });
}

/** Runs one exec to its end. */
export async function exec(base: string, ns: string, pod: string, command: string[], extra: Record<string, string> = {}): Promise<StreamResult> {
  const c = await openStream(base, `/api/v1/namespaces/${ns}/pods/${pod}/exec`, { command, stdout: 'true', stderr: 'true', ...extra });
  return c.ended;
}
