// ?watch=1: a stream of {"type":"ADDED|MODIFIED|DELETED","object":…} lines, one per change of a selected
// object, as plain objects or (kubectl get -w) as one-row Tables. Changes are found by comparing what the
// watcher last saw with the cluster after each change (made here or by another process on the state file).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiList, type Selectors } from '../kubectl/api-read.ts';
import { tableBody, type IncludeObject } from '../kubectl/api-table.ts';
import type { ResourceType } from '../kubectl/resources.ts';
import type { JsonObject, Sandbox } from '../kubectl/sandbox.ts';
import type { Item } from '../kubectl/views.ts';
import type { ClusterHandle } from './cluster-handle.ts';

export interface WatchRequest {
  readonly cluster: ClusterHandle;
  readonly type: ResourceType;
  readonly namespace: string | undefined;
  readonly selectors: Selectors;
  /** Table rows instead of objects (kubectl get -w). */
  readonly table?: { readonly includeObject: IncludeObject };
  /** The resourceVersion to start after; undefined or "0": every current object comes first as ADDED. */
  readonly resourceVersion?: string;
  readonly timeoutSeconds?: number;
  /** sendInitialEvents=true (watch-list clients): every current object as ADDED, then a BOOKMARK that ends them. */
  readonly sendInitialEvents?: boolean;
  /** Earlier states of the cluster, oldest first, to replay changes made after `resourceVersion`. */
  readonly history: readonly Sandbox[];
}

type Seen = Map<string, { item: Item; text: string }>;

function snapshot(sb: Sandbox, w: WatchRequest): Seen {
  const seen: Seen = new Map();
  for (const item of apiList(sb, w.type, w.namespace, w.selectors)) seen.set(`${item.namespace}/${item.name}`, { item, text: JSON.stringify(item.manifest) });
  return seen;
}

export interface WatchEvent { readonly type: 'ADDED' | 'MODIFIED' | 'DELETED'; readonly item: Item }

export function diff(before: Seen, after: Seen): WatchEvent[] {
  const events: WatchEvent[] = [];
  for (const [k, v] of before) if (!after.has(k)) events.push({ type: 'DELETED', item: v.item });
  for (const [k, v] of after) {
    const old = before.get(k);
    if (!old) events.push({ type: 'ADDED', item: v.item });
    else if (old.text !== v.text) events.push({ type: 'MODIFIED', item: v.item });
  }
  return events;
}

/** The state the watcher has already seen for a resourceVersion: the newest remembered one not after it. */
function baseFor(w: WatchRequest, current: Sandbox): Sandbox | undefined {
  const rv = w.resourceVersion;
  if (rv === undefined || rv === '' || rv === '0') return undefined;
  const n = Number(rv);
  if (!Number.isFinite(n) || n >= current.counters.resourceVersion) return current;
  let base: Sandbox | undefined;
  for (const sb of w.history) if (sb.counters.resourceVersion <= n) base = sb;
  return base ?? current;
}

/** Serves one watch until the client goes away, the timeout passes or `stop` is called; returns `stop`. */
export function serveWatch(req: IncomingMessage, res: ServerResponse, w: WatchRequest): () => void {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  let first = true;
  const send = (sb: Sandbox, events: readonly WatchEvent[]) => {
    for (const e of events) {
      let object: JsonObject = e.item.manifest;
      if (w.table) {
        object = tableBody(sb, w.cluster.now(), w.type, [e.item], { includeObject: w.table.includeObject, noHeaders: !first });
      }
      first = false;
      res.write(`${JSON.stringify({ type: e.type, object })}\n`);
    }
  };
  const current = w.cluster.read();
  let seen = snapshot(current, w);
  const base = w.sendInitialEvents ? undefined : baseFor(w, current);
  send(current, diff(base ? snapshot(base, w) : new Map(), seen));
  if (w.sendInitialEvents) {
    const apiVersion = w.type.group ? `${w.type.group}/v1` : 'v1';
    const bookmark = { kind: w.type.kind, apiVersion, metadata: { resourceVersion: String(current.counters.resourceVersion), annotations: { 'k8s.io/initial-events-end': 'true' } } };
    res.write(`${JSON.stringify({ type: 'BOOKMARK', object: bookmark })}\n`);
  }
  let stopped = false;
  const unsubscribe = w.cluster.onChange((_before, after) => {
    if (stopped) return;
    const next = snapshot(after, w);
    const events = diff(seen, next);
    seen = next;
    send(after, events);
  });
  const stop = () => {
    if (stopped) return;
    stopped = true;
    unsubscribe();
    clearTimeout(timer);
    res.end();
  };
  const timer = setTimeout(stop, Math.max(1, w.timeoutSeconds ?? 1800) * 1000);
  timer.unref?.();
  req.on('close', stop);
  res.on('close', stop);
  return stop;
}
