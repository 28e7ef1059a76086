// The resource paths of the API: /api/v1/[namespaces/NS/]RESOURCE[/NAME[/SUBRESOURCE]] and the same under
// /apis/GROUP/v1. Reads answer from the cached state; writes run the pure write path under the state lock.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiGet, apiList, listBody, parseSelectors } from '../kubectl/api-read.ts';
import { decodeProtobufObject } from '../kubectl/api-protobuf.ts';
import { endpointSlices, endpointSliceTable } from '../kubectl/api-slices.ts';
import { failure, type ApiResult, type ApiStatus } from '../kubectl/api-status.ts';
import { parseSelector } from '../kubectl/labelsel.ts';
import { includeObjectOf, tableBody } from '../kubectl/api-table.ts';
import {
  apiCreate, apiDelete, apiGetScale, apiPatch, apiReplace, apiWriteScale, decodeBody, fieldValidationOf, patchTypeOf,
  type Written,
} from '../kubectl/api-write.ts';
import type { ResourceType } from '../kubectl/resources.ts';
import type { Sandbox } from '../kubectl/sandbox.ts';
import type { ClusterHandle } from './cluster-handle.ts';
import { typesOfGroup } from './discovery.ts';
import { notFoundPath, readBody, sendJson, sendStatus, wantsTable, warningHeaders } from './http.ts';
import { handlePodLogs } from './logs.ts';
import { serveWatch } from './watch.ts';

export interface ResourcePath {
  readonly group: string;
  readonly type: ResourceType;
  /** The namespace of a namespaced request; undefined for all namespaces or a cluster-scoped type. */
  readonly namespace: string | undefined;
  readonly name?: string;
  readonly subresource?: string;
}

/** Core resources a real cluster has that the simulated one keeps empty (describe namespace lists them). */
const EMPTY_LISTS: Record<string, string> = { resourcequotas: 'ResourceQuotaList', limitranges: 'LimitRangeList' };

export type PathParse =
  | { readonly kind: 'resource'; readonly path: ResourcePath }
  | { readonly kind: 'empty-list'; readonly listKind: string }
  | { readonly kind: 'none' };

/** Parses the part after /api/v1 or /apis/GROUP/v1. */
export function parseResourcePath(group: string, segments: readonly string[]): PathParse {
  const types = typesOfGroup(group);
  const find = (plural: string | undefined) => types.find((t) => t.plural === plural);
  let ns: string | undefined;
  let rest = segments;
  if (segments[0] === 'namespaces' && segments.length >= 3 && (find(segments[2]) || (group === '' && EMPTY_LISTS[segments[2]]))) {
    ns = segments[1];
    rest = segments.slice(2);
  }
  if (group === '' && rest.length === 1 && EMPTY_LISTS[rest[0]]) return { kind: 'empty-list', listKind: EMPTY_LISTS[rest[0]] };
  const type = find(rest[0]);
  if (!type || rest.length > 3 || rest.some((s) => s === '')) return { kind: 'none' };
  if (ns !== undefined && !type.namespaced) return { kind: 'none' };
  return { kind: 'resource', path: { group, type, namespace: type.namespaced ? ns : undefined, name: rest[1], subresource: rest[2] } };
}

export interface RestContext {
  readonly cluster: ClusterHandle;
  /** States before recent changes, oldest first (watch replays from a list's resourceVersion). */
  readonly history: () => readonly Sandbox[];
  /** Registers an open watch so that closing the server ends it. */
  readonly track: (stop: () => void) => () => void;
}

function send<T>(res: ServerResponse, r: ApiResult<T>, ok: (v: T) => void): void {
  if (!r.ok) sendStatus(res, r.status);
  else ok(r.value);
}

function writeResponse(res: ServerResponse, r: ApiResult<Written>, createdCode = 201): void {
  send(res, r, (w) => sendJson(res, w.created ? createdCode : 200, w.object, warningHeaders(w.warnings)));
}

/** Runs a write under the state lock; a dry run computes the result and keeps the cluster as it was. */
function write(ctx: RestContext, dry: boolean, op: (sb: Sandbox, now: string) => ApiResult<Written>): ApiResult<Written> {
  return ctx.cluster.update((sb, now) => {
    const r = op(sb, now);
    return { sandbox: r.ok && !dry ? r.value.sandbox : sb, value: r };
  });
}

function dryRunOf(q: URLSearchParams): ApiResult<boolean> {
  const values = q.getAll('dryRun');
  if (values.length === 0) return { ok: true, value: false };
  if (values.every((v) => v === 'All')) return { ok: true, value: true };
  return failure('BadRequest', `Invalid dryRun value: ${JSON.stringify(values.filter((v) => v !== 'All')[0] ?? '')}: valid values are "All"`);
}

async function bodyOf(req: IncomingMessage, yaml: boolean): Promise<ApiResult<unknown>> {
  const b = await readBody(req);
  if (!b.ok) return b;
  const type = String(req.headers['content-type'] ?? '');
  if (/^application\/vnd\.kubernetes\.protobuf\b/.test(type)) {
    const d = decodeProtobufObject(b.bytes);
    return d.ok ? { ok: true, value: d.value } : failure('BadRequest', d.error);
  }
  return decodeBody(b.text, yaml || /yaml/.test(type));
}

export async function handleResource(req: IncomingMessage, res: ServerResponse, p: ResourcePath, q: URLSearchParams, ctx: RestContext): Promise<void> {
  const method = req.method ?? 'GET';
  const { type } = p;
  const ns = p.namespace ?? '';
  const fail = (s: ApiStatus) => sendStatus(res, s);
  if (p.subresource !== undefined) return handleSubresource(req, res, p, q, ctx);
  if (p.name === undefined) {
    if (method === 'GET') return list(req, res, p, q, ctx);
    if (method === 'POST') {
      if (type.namespaced && p.namespace === undefined) return fail(notFoundPath());
      const fv = fieldValidationOf(q.get('fieldValidation'));
      const dry = dryRunOf(q);
      if (!fv.ok) return fail(fv.status);
      if (!dry.ok) return fail(dry.status);
      const body = await bodyOf(req, false);
      if (!body.ok) return fail(body.status);
      return writeResponse(res, write(ctx, dry.value, (sb, now) => apiCreate(sb, type, ns, body.value, { now, fieldValidation: fv.value })));
    }
    return fail(methodNotAllowed());
  }
  const name = p.name;
  switch (method) {
    case 'GET': {
      const r = apiGet(ctx.cluster.read(), type, ns, name);
      return send(res, r, (it) => {
        if (!wantsTable(req)) return sendJson(res, 200, it.manifest);
        const include = includeObjectOf(q.get('includeObject')) ?? 'Metadata';
        sendJson(res, 200, tableBody(ctx.cluster.read(), ctx.cluster.now(), type, [it], { includeObject: include }));
      });
    }
    case 'PUT': case 'PATCH': {
      const fv = fieldValidationOf(q.get('fieldValidation'));
      const dry = dryRunOf(q);
      if (!fv.ok) return fail(fv.status);
      if (!dry.ok) return fail(dry.status);
      const patchType = method === 'PATCH' ? patchTypeOf(req.headers['content-type']) : undefined;
      if (method === 'PATCH' && !patchType) {
        return fail({ code: 415, reason: 'UnsupportedMediaType', message: `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json` });
      }
      const body = await bodyOf(req, patchType === 'apply');
      if (!body.ok) return fail(body.status);
      const opts = (now: string) => ({ now, fieldValidation: fv.value });
      const r = write(ctx, dry.value, (sb, now) => (patchType
        ? apiPatch(sb, type, ns, name, patchType, body.value, opts(now))
        : apiReplace(sb, type, ns, name, body.value, opts(now))));
      return writeResponse(res, r);
    }
    case 'DELETE': {
      const dry = dryRunOf(q);
      if (!dry.ok) return fail(dry.status);
      await readBody(req);
      const r = ctx.cluster.update((sb, now) => {
        const d = apiDelete(sb, type, ns, name, now);
        return { sandbox: d.ok && !dry.value ? d.value.sandbox : sb, value: d };
      });
      return send(res, r, (d) => sendJson(res, 200, d.object));
    }
    default:
      return fail(methodNotAllowed());
  }
}

function methodNotAllowed(): ApiStatus {
  return { code: 405, reason: 'MethodNotAllowed', message: 'the server does not allow this method on the requested resource' };
}

function list(req: IncomingMessage, res: ServerResponse, p: ResourcePath, q: URLSearchParams, ctx: RestContext): void {
  const sel = parseSelectors(q.get('labelSelector') ?? '', q.get('fieldSelector') ?? '', p.type);
  if (!sel.ok) return sendStatus(res, sel.status);
  const include = includeObjectOf(q.get('includeObject'));
  if (!include) return sendStatus(res, { code: 400, reason: 'BadRequest', message: `includeObject: Unsupported value: "${q.get('includeObject')}": supported values: "None", "Metadata", "Object"` });
  const watch = q.get('watch');
  if (watch === '1' || watch === 'true') {
    const timeout = Number(q.get('timeoutSeconds') ?? '');
    const stop = serveWatch(req, res, {
      cluster: ctx.cluster, type: p.type, namespace: p.namespace, selectors: sel.value, history: ctx.history(),
      table: wantsTable(req) ? { includeObject: include } : undefined,
      resourceVersion: q.get('resourceVersion') ?? undefined, sendInitialEvents: q.get('sendInitialEvents') === 'true', timeoutSeconds: Number.isFinite(timeout) && timeout > 0 ? timeout : undefined,
    });
    const untrack = ctx.track(stop);
    res.on('close', untrack);
    return;
  }
  const sb = ctx.cluster.read();
  const items = apiList(sb, p.type, p.namespace, sel.value);
  if (wantsTable(req)) return sendJson(res, 200, tableBody(sb, ctx.cluster.now(), p.type, items, { includeObject: include }));
  sendJson(res, 200, listBody(sb, p.type, items));
}

async function handleSubresource(req: IncomingMessage, res: ServerResponse, p: ResourcePath, q: URLSearchParams, ctx: RestContext): Promise<void> {
  const method = req.method ?? 'GET';
  const ns = p.namespace ?? '';
  const name = p.name ?? '';
  const fail = (s: ApiStatus) => sendStatus(res, s);
  switch (p.subresource) {
    case 'scale': {
      if (method === 'GET') return send(res, apiGetScale(ctx.cluster.read(), p.type, ns, name), (s) => sendJson(res, 200, s));
      if (method !== 'PUT' && method !== 'PATCH') return fail(methodNotAllowed());
      const patchType = method === 'PATCH' ? patchTypeOf(req.headers['content-type']) : 'replace';
      if (!patchType) return fail({ code: 415, reason: 'UnsupportedMediaType', message: 'the body of the request was in an unknown format' });
      const dry = dryRunOf(q);
      if (!dry.ok) return fail(dry.status);
      const body = await bodyOf(req, patchType === 'apply');
      if (!body.ok) return fail(body.status);
      return writeResponse(res, write(ctx, dry.value, (sb, now) => apiWriteScale(sb, p.type, ns, name, patchType, body.value, { now, fieldValidation: 'Strict' })), 200);
    }
    case 'status':
      if (method !== 'GET') return fail(methodNotAllowed());
      return send(res, apiGet(ctx.cluster.read(), p.type, ns, name), (it) => sendJson(res, 200, it.manifest));
    case 'log':
      if (p.type.kind !== 'Pod') return fail(notFoundPath());
      if (method !== 'GET') return fail(methodNotAllowed());
      return handlePodLogs(req, res, { cluster: ctx.cluster, namespace: ns, pod: name, query: q });
    case 'exec': case 'attach':
      if (p.type.kind !== 'Pod') return fail(notFoundPath());
      return fail({ code: 400, reason: 'BadRequest', message: 'Upgrade request required' });
    default:
      return fail(notFoundPath());
  }
}

/** GET …/discovery.k8s.io/v1/[namespaces/NS/]endpointslices[/NAME]: computed, read-only. */
export function handleSlices(req: IncomingMessage, res: ServerResponse, segs: readonly string[], q: URLSearchParams, ctx: RestContext): void {
  let ns: string | undefined;
  let rest = segs;
  if (segs[0] === 'namespaces' && segs.length >= 3) { ns = segs[1]; rest = segs.slice(2); }
  if (rest[0] !== 'endpointslices' || rest.length > 2) return sendStatus(res, notFoundPath());
  if (req.method !== 'GET') return sendStatus(res, methodNotAllowed());
  const labels = parseSelector(q.get('labelSelector') ?? '');
  if (!labels.ok) return sendStatus(res, { code: 400, reason: 'BadRequest', message: labels.error.replace(/^error: /, '') });
  const sb = ctx.cluster.read();
  let slices = endpointSlices(sb, ns, labels.terms);
  const fields = (q.get('fieldSelector') ?? '').split(',').filter(Boolean).map((f) => /^metadata\.name==?(.*)$/.exec(f));
  for (const f of fields) {
    if (!f) return sendStatus(res, { code: 400, reason: 'BadRequest', message: `field label not supported: ${q.get('fieldSelector')}` });
    slices = slices.filter((s) => (s.metadata as Record<string, unknown>).name === f[1]);
  }
  const include = includeObjectOf(q.get('includeObject')) ?? 'Metadata';
  if (rest.length === 2) {
    const one = slices.find((s) => (s.metadata as Record<string, unknown>).name === rest[1]);
    if (!one) return sendStatus(res, { code: 404, reason: 'NotFound', message: `endpointslices.discovery.k8s.io "${rest[1]}" not found`, details: { name: rest[1], group: 'discovery.k8s.io', kind: 'endpointslices' } });
    return sendJson(res, 200, wantsTable(req) ? endpointSliceTable(sb, ctx.cluster.now(), [one], include) : one);
  }
  if (wantsTable(req)) return sendJson(res, 200, endpointSliceTable(sb, ctx.cluster.now(), slices, include));
  sendJson(res, 200, { kind: 'EndpointSliceList', apiVersion: 'discovery.k8s.io/v1', metadata: { resourceVersion: String(sb.counters.resourceVersion) }, items: slices });
}
