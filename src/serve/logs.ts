// GET /api/v1/namespaces/NS/pods/NAME/log: a container's log (startup lines and the server's access log, which
// grows as exec'd clients reach the pod), with the API server's parameters and errors; follow=true keeps the
// response open and streams the lines that appear until the client goes away or the pod is deleted.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { obj } from '../kubectl/json.ts';
import { containerLog } from '../kubectl/logs.ts';
import { findObject, type Sandbox, type StoredObject } from '../kubectl/sandbox.ts';
import type { ClusterHandle } from './cluster-handle.ts';
import { apiStatus, type ApiReason } from './stream-protocol.ts';

export interface LogsTarget {
  readonly cluster: ClusterHandle;
  readonly namespace: string;
  readonly pod: string;
  readonly query: URLSearchParams;
}

function fail(res: ServerResponse, code: number, reason: ApiReason, message: string, details?: { name: string; kind: string }): void {
  const body = apiStatus(code, reason, message, details);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-cache, private' });
  res.end(body);
}

const MONTHS: Record<string, string> = { Jan: '01', Feb: '02', Mar: '03', Apr: '04', May: '05', Jun: '06', Jul: '07', Aug: '08', Sep: '09', Oct: '10', Nov: '11', Dec: '12' };

/**
 * The time a log line was written, as `timestamps=true` prints it (RFC 3339 with nanoseconds): read from the line's
 * own time (common log format, nginx's, ISO), else the container's start.
 */
export function lineTime(line: string, started: string): string {
  let iso: string | undefined;
  const clf = /\[(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}:\d{2}:\d{2}) [+-]\d{4}\]/.exec(line);
  const ngx = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}:\d{2}:\d{2}) /.exec(line);
  const isoAt = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})/.exec(line);
  if (clf && MONTHS[clf[2]]) iso = `${clf[3]}-${MONTHS[clf[2]]}-${clf[1]}T${clf[4]}`;
  else if (ngx) iso = `${ngx[1]}-${ngx[2]}-${ngx[3]}T${ngx[4]}`;
  else if (isoAt) iso = `${isoAt[1]}T${isoAt[2]}`;
  else iso = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})/.exec(started)?.[1];
  return `${iso ?? '1970-01-01T00:00:00'}.000000000Z`;
}

function render(lines: readonly string[], timestamps: boolean, started: string): string {
  return lines.map((l) => `${timestamps ? `${lineTime(l, started)} ` : ''}${l}\n`).join('');
}

/** The lines of `after` that follow what `before` already had (the log may have dropped its oldest lines). */
export function newLines(before: readonly string[], after: readonly string[]): string[] {
  for (let k = Math.min(before.length, after.length); k > 0; k--) {
    let same = true;
    for (let i = 0; i < k && same; i++) same = after[i] === before[before.length - k + i];
    if (same) return after.slice(k);
  }
  return before.length === 0 ? [...after] : after.slice(after.length > before.length ? before.length : after.length);
}

function intParam(q: URLSearchParams, name: string): { ok: true; value?: number } | { ok: false; message: string } {
  const v = q.get(name);
  if (v === null || v === '') return { ok: true };
  if (!/^-?\d+$/.test(v)) return { ok: false, message: `${name}: Invalid value: "${v}": strconv.ParseInt: parsing "${v}": invalid syntax` };
  return { ok: true, value: Number(v) };
}

function boolParam(q: URLSearchParams, name: string): boolean {
  const v = q.get(name);
  return v === 'true' || v === '1' || v === '';
}

function samePod(a: StoredObject | undefined, b: StoredObject | undefined): boolean {
  return a !== undefined && b !== undefined && obj(a.manifest.metadata).uid === obj(b.manifest.metadata).uid;
}

export function handlePodLogs(req: IncomingMessage, res: ServerResponse, t: LogsTarget): void {
  const q = t.query;
  const sb = t.cluster.read();
  const o = findObject(sb, { kind: 'Pod', namespace: t.namespace, name: t.pod });
  if (!o) { fail(res, 404, 'NotFound', `pods "${t.pod}" not found`, { name: t.pod, kind: 'pods' }); return; }
  const names = (Array.isArray(obj(o.manifest.spec).containers) ? (obj(o.manifest.spec).containers as unknown[]) : []).map((c) => String(obj(c).name));
  let container = q.get('container') ?? '';
  if (container === '') {
    if (names.length !== 1) { fail(res, 400, 'BadRequest', `a container name must be specified for pod ${t.pod}, choose one of: [${names.join(' ')}]`); return; }
    container = names[0];
  } else if (!names.includes(container)) {
    fail(res, 400, 'BadRequest', `container ${container} is not valid for pod ${t.pod}`);
    return;
  }
  const tail = intParam(q, 'tailLines');
  if (!tail.ok) { fail(res, 400, 'BadRequest', `PodLogOptions "${t.pod}" is invalid: ${tail.message}`); return; }
  const limit = intParam(q, 'limitBytes');
  if (!limit.ok) { fail(res, 400, 'BadRequest', `PodLogOptions "${t.pod}" is invalid: ${limit.message}`); return; }
  if (tail.value !== undefined && tail.value < 0) { fail(res, 400, 'BadRequest', `PodLogOptions "${t.pod}" is invalid: tailLines: Invalid value: ${tail.value}: must be greater than or equal to 0`); return; }
  if (limit.value !== undefined && limit.value < 1) { fail(res, 400, 'BadRequest', `PodLogOptions "${t.pod}" is invalid: limitBytes: Invalid value: ${limit.value}: must be greater than 0`); return; }
  if (boolParam(q, 'previous')) {
    const cs = (Array.isArray(obj(o.manifest.status).containerStatuses) ? (obj(o.manifest.status).containerStatuses as unknown[]) : []).map(obj).find((c) => c.name === container);
    if (!cs || obj(cs.lastState).terminated === undefined) {
      fail(res, 400, 'BadRequest', `previous terminated container "${container}" in pod "${t.pod}" not found`);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private' });
    res.end();
    return;
  }
  const since = intParam(q, 'sinceSeconds');
  if (!since.ok) { fail(res, 400, 'BadRequest', `PodLogOptions "${t.pod}" is invalid: ${since.message}`); return; }
  if (since.value !== undefined && since.value < 1) { fail(res, 400, 'BadRequest', `PodLogOptions "${t.pod}" is invalid: sinceSeconds: Invalid value: ${since.value}: must be greater than 0`); return; }
  const sinceTime = q.get('sinceTime');
  if (sinceTime !== null && since.value !== undefined) { fail(res, 400, 'BadRequest', `PodLogOptions "${t.pod}" is invalid: <nil>: Invalid value: "": at most one of \`sinceTime\` or \`sinceSeconds\` may be specified`); return; }
  if (sinceTime !== null && Number.isNaN(Date.parse(sinceTime))) { fail(res, 400, 'BadRequest', `parsing time "${sinceTime}" as "2006-01-02T15:04:05Z07:00": cannot parse "${sinceTime}" as "2006"`); return; }
  const cutoff = since.value !== undefined ? Date.parse(t.cluster.now()) - since.value * 1000 : sinceTime !== null ? Date.parse(sinceTime) : undefined;
  const timestamps = boolParam(q, 'timestamps');
  const started = String(obj(o.manifest.status).startTime ?? obj(o.manifest.metadata).creationTimestamp ?? '');
  const all = containerLog(sb, o, container);
  // sinceSeconds / sinceTime: only the lines written at or after the cutoff (by the time each line carries).
  const recent = cutoff === undefined ? all : all.filter((l) => Date.parse(lineTime(l, started)) >= Math.floor(cutoff / 1000) * 1000);
  const first = tail.value === undefined ? recent : tail.value === 0 ? [] : recent.slice(-tail.value);
  let text = render(first, timestamps, started);
  let budget = limit.value ?? Number.POSITIVE_INFINITY;
  const clip = (s: string): string => {
    if (Buffer.byteLength(s) <= budget) { budget -= Buffer.byteLength(s); return s; }
    const cut = Buffer.from(s).subarray(0, budget).toString('utf8');
    budget = 0;
    return cut;
  };
  text = clip(text);
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private', ...(boolParam(q, 'follow') ? { 'Transfer-Encoding': 'chunked' } : {}) });
  const phase = obj(o.manifest.status).phase;
  const ended = phase === 'Succeeded' || phase === 'Failed';
  // A container that has ended writes nothing more: follow returns what there is.
  if (!boolParam(q, 'follow') || budget === 0 || ended) { res.end(text); return; }

  // follow: the lines that appear until the client closes the request or the pod goes away.
  if (text) res.write(text);
  let seen = all;
  let stop = (): void => undefined;
  const end = (): void => { stop(); if (!res.writableEnded) res.end(); };
  stop = t.cluster.onChange((_before: Sandbox, after: Sandbox) => {
    const now = findObject(after, { kind: 'Pod', namespace: t.namespace, name: t.pod });
    if (!samePod(now, o)) { end(); return; }
    const lines = containerLog(after, now as StoredObject, container);
    const fresh = newLines(seen, lines);
    seen = lines;
    if (fresh.length === 0) return;
    const chunk = clip(render(fresh, timestamps, started));
    if (chunk) res.write(chunk);
    if (budget === 0) end();
  });
  req.on('close', () => stop());
  res.on('close', () => stop());
}
