// The API server's write path over the simulated cluster: create (POST), update (PUT), patch (four patch
// types), delete, and the scale subresource. Every write goes through the same admission as the simulated
// kubectl (strict decoding with fieldValidation Strict/Warn/Ignore, validation, defaults, resourceVersion)
// and the controllers (reconcile). Errors are Status values. Pure.
import { parse as parseYaml } from 'yaml';
import { parseManifests, type ManifestObject } from '../content/manifests.ts';
import { admit, isObjectKind, type AdmitMode } from './admit.ts';
import { apiView } from './api-read.ts';
import { failure, invalid, notFound, resourceName, statusFromText, type ApiResult } from './api-status.ts';
import { deleteObjects } from './delete.ts';
import { rejectDoc } from './doc-reject.ts';
import type { Validate } from './doc-errors.ts';
import { selectorText } from './format.ts';
import { nameSuffix } from './ids.ts';
import { isObject, obj, str } from './json.ts';
import { jsonPatch, mergePatch, strategicPatch, type PatchResult } from './patch-ops.ts';
import type { ResourceType } from './resources.ts';
import { bumpCounters, findObject, type JsonObject, type ObjectKind, type Sandbox, type StoredObject } from './sandbox.ts';
import { reconcile } from './workloads.ts';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface WriteOptions {
  readonly now: string;
  readonly fieldValidation: FieldValidation;
}

export interface Written {
  /** The cluster after the write (the caller keeps it unless the request was a dry run). */
  readonly sandbox: Sandbox;
  readonly object: JsonObject;
  /** Texts for `Warning:` headers (unknown fields with fieldValidation=Warn). */
  readonly warnings: readonly string[];
  readonly created: boolean;
}

export type PatchType = 'strategic' | 'merge' | 'json' | 'apply';

const PROTECTED_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** `fieldValidation` as the API server reads it (absent: Warn). */
export function fieldValidationOf(v: string | null): ApiResult<FieldValidation> {
  if (v === null || v === '') return { ok: true, value: 'Warn' };
  if (v === 'Strict' || v === 'Warn' || v === 'Ignore') return { ok: true, value: v };
  return failure('BadRequest', `fieldValidation parameter unsupported: ${v}, must be one of Ignore, Warn, or Strict`);
}

/** The content type of a PATCH request → its patch type. */
export function patchTypeOf(contentType: string | undefined): PatchType | undefined {
  const ct = (contentType ?? '').split(';')[0].trim().toLowerCase();
  switch (ct) {
    case 'application/strategic-merge-patch+json': return 'strategic';
    case 'application/merge-patch+json': return 'merge';
    case 'application/json-patch+json': return 'json';
    case 'application/apply-patch+yaml': case 'application/apply-patch+cbor': return 'apply';
    default: return undefined;
  }
}

/** A request body: JSON, or YAML (server-side apply and `application/yaml`). */
export function decodeBody(text: string, yaml: boolean): ApiResult<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    if (yaml) {
      try {
        return { ok: true, value: parseYaml(text, { maxAliasCount: 100 }) };
      } catch (ye) {
        return failure('BadRequest', `error decoding YAML: ${(ye as Error).message.split('\n')[0]}`);
      }
    }
    return failure('BadRequest', `couldn't get version/kind; json parse error: ${(e as Error).message}`);
  }
}

function versionOf(apiVersion: unknown): string {
  const v = typeof apiVersion === 'string' ? apiVersion : 'v1';
  return v.includes('/') ? v.slice(v.indexOf('/') + 1) : v;
}

function storedKind(type: ResourceType): ObjectKind | undefined {
  return isObjectKind(type.kind) ? type.kind : undefined;
}

function methodNotAllowed(): { ok: false; status: ReturnType<typeof failure>['status'] } {
  return failure('MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

/** Strict decoding and validation of one object: the parsed form, or the Status the API server sends. */
function parseBody(raw: JsonObject, namespace: string, validation: FieldValidation): ApiResult<{ mo: ManifestObject; warnings: string[] }> {
  const text = JSON.stringify(raw);
  const res = parseManifests(text, 'object', namespace || 'default');
  const kind = String(raw.kind ?? '');
  const name = str(obj(raw.metadata).name) ?? '';
  if (res.ok) {
    const mo = res.value.objects[0];
    if (!mo) return failure('BadRequest', `the simulated cluster cannot store a ${kind}`);
    return { ok: true, value: { mo, warnings: [] } };
  }
  const mode: Validate = validation === 'Strict' ? 'strict' : validation === 'Warn' ? 'warn' : 'ignore';
  const r = rejectDoc(text, res.errors, 'object', namespace || 'default', mode, false);
  switch (r.kind) {
    case 'stripped': {
      const mo = r.value.objects[0];
      if (!mo) return failure('BadRequest', `the simulated cluster cannot store a ${kind}`);
      return { ok: true, value: { mo, warnings: r.warnings.map((w) => w.replace(/^Warning: /, '')) } };
    }
    case 'rejected': {
      const d = r.doc;
      if (d.reason === 'BadRequest') {
        return failure('BadRequest', `${d.kind} in version "${versionOf(raw.apiVersion)}" cannot be handled as a ${d.kind}: strict decoding error: ${d.causes.join(', ')}`);
      }
      return invalid(d.kind, groupOfKind(d.kind), d.name || name, d.causes);
    }
    case 'mapping': return failure('BadRequest', r.error.alone.replace(/^error: /, '').split('\n')[0]);
    case 'fatal': return failure('BadRequest', r.error.replace(/^error: /, '').split('\n')[0]);
    default: {
      const never: never = r;
      return never;
    }
  }
}

function groupOfKind(kind: ObjectKind): string {
  return kind === 'NetworkPolicy' ? 'networking.k8s.io' : ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].includes(kind) ? 'apps' : ['Job', 'CronJob'].includes(kind) ? 'batch' : '';
}

/** Admission and the controllers for one decoded object. */
function store(sb: Sandbox, type: ResourceType, raw: JsonObject, namespace: string, mode: AdmitMode, opts: WriteOptions): ApiResult<Written> {
  const parsed = parseBody(raw, namespace, opts.fieldValidation);
  if (!parsed.ok) return parsed;
  const res = admit(sb, parsed.value.mo, { mode, now: opts.now });
  if (!res.ok) return { ok: false, status: statusFromText(res.error, type.group) };
  const next = res.action === 'unchanged' ? sb : reconcile(res.sandbox, opts.now);
  const object = apiView(findObject(next, res.ref)?.manifest ?? raw);
  return { ok: true, value: { sandbox: next, object, warnings: parsed.value.warnings, created: res.action === 'created' } };
}

/** The body's kind, apiVersion and namespace checked against the URL; the URL's namespace filled in. */
function checkBody(type: ResourceType, namespace: string, input: unknown): ApiResult<JsonObject> {
  if (!isObject(input)) return failure('BadRequest', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`);
  const body: JsonObject = input;
  const wantVersion = type.group ? `${type.group}/v1` : 'v1';
  const kind = body.kind ?? type.kind;
  const apiVersion = body.apiVersion ?? wantVersion;
  if (kind !== type.kind) return failure('BadRequest', `${String(kind)} in version "${versionOf(apiVersion)}" cannot be handled as a ${type.kind}: the object kind does not match the resource (${type.plural})`);
  if (apiVersion !== wantVersion) return failure('BadRequest', `the API version in the data (${String(apiVersion)}) does not match the expected API version (${wantVersion})`);
  const meta = obj(body.metadata);
  if (type.namespaced) {
    if (meta.namespace !== undefined && meta.namespace !== '' && meta.namespace !== namespace) {
      return failure('BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
    }
    return { ok: true, value: { ...body, kind, apiVersion, metadata: { ...meta, namespace } } };
  }
  return { ok: true, value: { ...body, kind, apiVersion } };
}

export function apiCreate(sb0: Sandbox, type: ResourceType, namespace: string, body: unknown, opts: WriteOptions): ApiResult<Written> {
  if (!storedKind(type)) return methodNotAllowed();
  const checked = checkBody(type, namespace, body);
  if (!checked.ok) return checked;
  let raw = checked.value;
  let sb = sb0;
  const meta = obj(raw.metadata);
  if (!str(meta.name) && str(meta.generateName)) {
    const serial = sb.counters.serial + 1;
    sb = bumpCounters(sb, { serial });
    raw = { ...raw, metadata: { ...meta, name: `${str(meta.generateName)}${nameSuffix(`${namespace}/${str(meta.generateName)}/${serial}`, 5)}` } };
  }
  if (!str(obj(raw.metadata).name)) return invalid(type.kind, type.group, '', ['metadata.name: Required value: name or generateName is required']);
  return store(sb, type, raw, namespace, 'create', opts);
}

function conflict(type: ResourceType, name: string): { ok: false; status: ReturnType<typeof failure>['status'] } {
  return failure('Conflict', `Operation cannot be fulfilled on ${resourceName(type)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, group: type.group, kind: type.plural });
}

function storedOf(sb: Sandbox, type: ResourceType, namespace: string, name: string): ApiResult<StoredObject> {
  const kind = storedKind(type);
  if (!kind) return methodNotAllowed();
  const o = findObject(sb, { kind, namespace: type.namespaced ? namespace : '', name });
  return o ? { ok: true, value: o } : notFound(type, name);
}

/** The checks every update does: same name, same resourceVersion (when the request names one). */
function update(sb: Sandbox, type: ResourceType, namespace: string, o: StoredObject, raw: JsonObject, opts: WriteOptions): ApiResult<Written> {
  const meta = obj(raw.metadata);
  if (meta.name !== o.name) return failure('BadRequest', `the name of the object (${String(meta.name ?? '')}) does not match the name on the URL (${o.name})`);
  const rv = meta.resourceVersion;
  if (rv !== undefined && rv !== '' && rv !== obj(o.manifest.metadata).resourceVersion) return conflict(type, o.name);
  return store(sb, type, raw, namespace, 'update', opts);
}

export function apiReplace(sb: Sandbox, type: ResourceType, namespace: string, name: string, body: unknown, opts: WriteOptions): ApiResult<Written> {
  const o = storedOf(sb, type, namespace, name);
  if (!o.ok) return o;
  const checked = checkBody(type, namespace, body);
  if (!checked.ok) return checked;
  return update(sb, type, namespace, o.value, checked.value, opts);
}

function patched(current: JsonObject, patchType: PatchType, patch: unknown): PatchResult {
  switch (patchType) {
    case 'json': return jsonPatch(current, patch);
    case 'merge': return isObject(patch) ? { ok: true, value: mergePatch(current, patch) } : { ok: false, error: 'json: cannot unmarshal array into Go value of type map[string]interface {}' };
    case 'strategic': case 'apply': return isObject(patch) ? strategicPatch(current, patch) : { ok: false, error: 'json: cannot unmarshal array into Go value of type map[string]interface {}' };
    default: {
      const never: never = patchType;
      return never;
    }
  }
}

/**
 * PATCH. Server-side apply (application/apply-patch+yaml) is simplified: the applied configuration is merged
 * into the live object like a strategic merge patch (no field ownership, no conflicts), or creates it.
 */
export function apiPatch(sb: Sandbox, type: ResourceType, namespace: string, name: string, patchType: PatchType, patch: unknown, opts: WriteOptions): ApiResult<Written> {
  if (!storedKind(type)) return methodNotAllowed();
  const o = storedOf(sb, type, namespace, name);
  if (!o.ok) {
    if (patchType === 'apply' && o.status.code === 404) {
      const created = apiCreate(sb, type, namespace, patch, opts);
      if (created.ok && obj(created.value.object.metadata).name !== name) return failure('BadRequest', `the name of the object (${String(obj(created.value.object.metadata).name)}) does not match the name on the URL (${name})`);
      return created;
    }
    return o;
  }
  const current = o.value.manifest;
  const p = patched(current, patchType, patch);
  if (!p.ok) return failure('BadRequest', p.error);
  if (!isObject(p.value)) return failure('BadRequest', 'the patched document is not an object');
  const raw = p.value;
  if (raw.kind !== current.kind || raw.apiVersion !== current.apiVersion) {
    return failure('BadRequest', 'the kind or apiVersion of the object was changed by the patch; kind and apiVersion are immutable');
  }
  if (type.namespaced && obj(raw.metadata).namespace !== namespace) return failure('BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
  return update(sb, type, namespace, o.value, raw, opts);
}

/** Deletes one object (a namespace with everything in it; owned objects follow their owner). */
export function apiDelete(sb: Sandbox, type: ResourceType, namespace: string, name: string, now: string): ApiResult<{ sandbox: Sandbox; object: JsonObject }> {
  const o = storedOf(sb, type, namespace, name);
  if (!o.ok) return o;
  if (o.value.kind === 'Namespace' && PROTECTED_NAMESPACES.includes(name)) {
    return failure('Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`, { name, kind: 'namespaces' });
  }
  return { ok: true, value: { sandbox: deleteObjects(sb, [o.value], now), object: o.value.manifest } };
}

// ---- the scale subresource ---------------------------------------------------------------------

const SCALABLE: readonly string[] = ['Deployment', 'ReplicaSet', 'StatefulSet'];

export function scaleOf(o: StoredObject): JsonObject {
  const m = o.manifest;
  const meta = obj(m.metadata);
  const spec = obj(m.spec);
  return {
    kind: 'Scale', apiVersion: 'autoscaling/v1',
    metadata: { name: o.name, namespace: o.namespace, uid: meta.uid, resourceVersion: meta.resourceVersion, creationTimestamp: meta.creationTimestamp },
    spec: { replicas: typeof spec.replicas === 'number' ? spec.replicas : 1 },
    status: { replicas: Number(obj(m.status).replicas ?? 0), selector: selectorText(obj(spec.selector)) },
  };
}

export function apiGetScale(sb: Sandbox, type: ResourceType, namespace: string, name: string): ApiResult<JsonObject> {
  if (!SCALABLE.includes(type.kind)) return failure('NotFound', 'the server could not find the requested resource');
  const o = storedOf(sb, type, namespace, name);
  return o.ok ? { ok: true, value: scaleOf(o.value) } : o;
}

/** PUT or PATCH of …/scale: the new replica count goes into the workload's spec. */
export function apiWriteScale(sb: Sandbox, type: ResourceType, namespace: string, name: string, patchType: PatchType | 'replace', body: unknown, opts: WriteOptions): ApiResult<Written> {
  if (!SCALABLE.includes(type.kind)) return failure('NotFound', 'the server could not find the requested resource');
  const o = storedOf(sb, type, namespace, name);
  if (!o.ok) return o;
  const scale = scaleOf(o.value);
  const next = patchType === 'replace' ? { ok: true as const, value: body } : patched(scale, patchType, body);
  if (!next.ok) return failure('BadRequest', next.error);
  const replicas = obj(obj(next.value).spec).replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    return invalid('Scale', 'autoscaling', name, [`spec.replicas: Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0`]);
  }
  const rv = obj(obj(next.value).metadata).resourceVersion;
  if (patchType === 'replace' && rv !== undefined && rv !== '' && rv !== obj(o.value.manifest.metadata).resourceVersion) return conflict(type, name);
  const raw = { ...o.value.manifest, spec: { ...obj(o.value.manifest.spec), replicas } };
  const written = store(sb, type, raw, namespace, 'update', opts);
  if (!written.ok) return written;
  const after = findObject(written.value.sandbox, o.value);
  return { ok: true, value: { ...written.value, object: after ? scaleOf(after) : scale } };
}
