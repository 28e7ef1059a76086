// Manifests (multi-document YAML text) → validated engine objects, with file:line:column errors.
import type { z } from 'zod';
import { buildCluster, type PodDraft, type ServiceDraft } from '../engine/build.ts';
import type {
  Cluster, Container, ContainerPort, Labels, NetworkPolicy, NetworkPolicySpec, Protocol, WorkloadKind,
} from '../engine/types.ts';
import { NAME_LABEL } from '../engine/types.ts';
import {
  cronJobSchema, namespaceSchema, networkPolicySchema, podSchema, serviceSchema, workloadSchema, type UnknownFieldParams,
} from './k8s-schema.ts';
import { didYouMean } from './suggest.ts';
import { readManifestDocs, type ManifestDoc } from './manifest-docs.ts';
import { fastAccepts } from './fast-validate.ts';
import { escapeControl, quoteValue } from './control-text.ts';
import { invalidObjectMessage, nameErrors } from './k8s-names.ts';

export interface SourceRef { readonly file: string; readonly line: number; readonly col: number }

export interface ManifestError extends SourceRef { readonly message: string }


/** `raw` is the validated document as written (nulls dropped): the workload itself for a workload's pod. */
export type ManifestObject =
  | { readonly kind: 'Namespace'; readonly name: string; readonly labels: Labels; readonly source: SourceRef; readonly raw?: Readonly<Record<string, unknown>> }
  | { readonly kind: 'Pod'; readonly pod: PodDraft; readonly source: SourceRef; readonly raw?: Readonly<Record<string, unknown>> }
  | { readonly kind: 'Service'; readonly service: ServiceDraft; readonly source: SourceRef; readonly raw?: Readonly<Record<string, unknown>> }
  | { readonly kind: 'NetworkPolicy'; readonly policy: NetworkPolicy; readonly source: SourceRef; readonly raw?: Readonly<Record<string, unknown>> };

export interface ParsedManifests {
  readonly objects: readonly ManifestObject[];
  readonly warnings: readonly string[];
}

export type ParseResult =
  | { readonly ok: true; readonly value: ParsedManifests }
  | { readonly ok: false; readonly errors: readonly ManifestError[] };

export const WORKLOAD_KINDS: readonly WorkloadKind[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'];

const API_VERSIONS: Record<string, string[]> = {
  Namespace: ['v1'], Pod: ['v1'], Service: ['v1'], NetworkPolicy: ['networking.k8s.io/v1'],
  Deployment: ['apps/v1'], StatefulSet: ['apps/v1'], DaemonSet: ['apps/v1'], ReplicaSet: ['apps/v1'],
  Job: ['batch/v1'], CronJob: ['batch/v1'], ReplicationController: ['v1'],
};

export function formatError(e: ManifestError): string {
  return `${e.file}:${e.line}:${e.col}: ${e.message}`;
}

/**
 * Null map values mean "absent" to the API; null list items decode to empty objects. Copies only what
 * changes: a document without nulls comes back as it is (no garbage for big inputs).
 */
function dropNulls(v: unknown): unknown {
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      const y = x === null ? {} : dropNulls(x);
      if (!out && y !== x) out = v.slice(0, i);
      if (out) out.push(y);
    }
    return out ?? v;
  }
  if (v && typeof v === 'object') {
    const keys = Object.keys(v);
    let out: Record<string, unknown> | undefined;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      const x = (v as Record<string, unknown>)[k];
      const y = x === null ? undefined : dropNulls(x);
      if (!out && (y !== x || k === '__proto__')) {
        out = {};
        for (let j = 0; j < i; j++) out[keys[j]] = (v as Record<string, unknown>)[keys[j]];
      }
      if (out && x !== null) out[k] = y;
    }
    return out ?? v;
  }
  return v;
}

type Path = readonly (string | number)[];

function pathText(path: Path): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : (s ? `.${p}` : p);
  return s;
}

function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v === 'string' ? `string ${JSON.stringify(v)}` : `${typeof v} ${String(v)}`;
}

function getAt(root: unknown, path: Path): unknown {
  let cur = root;
  for (const p of path) cur = cur && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[p] : undefined;
  return cur;
}

/** Turns zod issues into kubectl-style messages. `base` prefixes the path (e.g. items[2] of a List). */
function issueMessages(issues: readonly z.core.$ZodIssue[], data: unknown, kind: string, name: string | undefined): { path: Path; message: string; keyPos: boolean }[] {
  const out: { path: Path; message: string; keyPos: boolean }[] = [];
  const subject = name ? `The ${kind} ${quoteValue(name)} is invalid: ` : `The ${kind} is invalid: `;
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const where = pathText(path);
    const params = (issue as { params?: Partial<UnknownFieldParams> }).params;
    if (issue.code === 'custom' && params?.unknownField) {
      const hint = didYouMean(params.unknownField, params.known ?? []);
      out.push({ path, keyPos: true, message: `strict decoding error: unknown field "${where}"${hint ? ` (did you mean "${hint}"?)` : ''}` });
    } else if (issue.code === 'invalid_type') {
      const got = getAt(data, path);
      if (got === undefined) out.push({ path, keyPos: false, message: `${subject}${where}: Required value` });
      else out.push({ path, keyPos: false, message: `${subject}${where}: Invalid type: expected ${issue.expected}, got ${describeValue(got)}` });
    } else if (issue.code === 'invalid_value') {
      const vals = issue.values.map((v) => JSON.stringify(v)).join(', ');
      out.push({ path, keyPos: false, message: `${subject}${where}: Unsupported value: ${JSON.stringify(getAt(data, path))}: supported values: ${vals}` });
    } else if (issue.code === 'invalid_union') {
      out.push({ path, keyPos: false, message: `${subject}${where}: Invalid value: ${JSON.stringify(getAt(data, path))}: must be a port number (1-65535) or a port name` });
    } else if (issue.code === 'too_small' || issue.code === 'too_big' || issue.code === 'invalid_format' || issue.code === 'not_multiple_of') {
      const got = getAt(data, path);
      out.push({ path, keyPos: false, message: `${subject}${where}: Invalid value: ${JSON.stringify(got)}: ${issue.message}` });
    } else {
      const got = getAt(data, path);
      const msg = issue.message.startsWith('Required value') || issue.message.startsWith('Forbidden') || issue.message.startsWith('Invalid value')
        ? issue.message : `Invalid value: ${JSON.stringify(got)}: ${issue.message}`;
      out.push({ path, keyPos: false, message: `${subject}${where}${where ? ': ' : ''}${msg}` });
    }
  }
  return out;
}

function labelsOf(v: Record<string, string> | undefined): Labels {
  return { ...(v ?? {}) };
}

function containersOf(spec: z.infer<typeof podSchema>['spec']): Container[] {
  return spec.containers.map((c) => ({
    name: c.name,
    image: c.image,
    ports: (c.ports ?? []).map((p): ContainerPort => ({ containerPort: p.containerPort, name: p.name, protocol: (p.protocol ?? 'TCP') as Protocol })),
    command: c.command,
    args: c.args,
  }));
}

interface Ctx { file: string; doc: ManifestDoc; errors: ManifestError[]; warnings: string[]; objects: ManifestObject[]; defaultNamespace: string }

function handleObject(ctx: Ctx, raw: unknown, base: Path): void {
  const where = (path: Path, keyPos = false): SourceRef => ({ file: ctx.file, ...ctx.doc.locate([...base, ...path], keyPos) });
  const fail = (path: Path, message: string, keyPos = false) => ctx.errors.push({ ...where(path, keyPos), message });
  if (raw === null || raw === undefined) return;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    fail([], `error validating data: expected a Kubernetes object (a mapping with apiVersion and kind), got ${describeValue(raw)}`);
    return;
  }
  const data = dropNulls(raw) as Record<string, unknown>;
  const kind = data.kind;
  const apiVersion = data.apiVersion;
  const missing = [apiVersion === undefined ? 'apiVersion not set' : '', kind === undefined ? 'kind not set' : ''].filter(Boolean);
  if (missing.length) { fail([], `error validating data: [${missing.join(', ')}]`); return; }
  if (typeof kind !== 'string' || typeof apiVersion !== 'string') { fail([], 'error validating data: apiVersion and kind must be strings'); return; }
  if (kind === 'List' || kind.endsWith('List')) {
    const items = data.items;
    if (!Array.isArray(items)) { fail(['items'], `The ${kind} is invalid: items: Required value`); return; }
    items.forEach((item, i) => handleObject(ctx, item, [...base, 'items', i]));
    return;
  }
  const versions = API_VERSIONS[kind];
  if (!versions) { ctx.warnings.push(`${formatError({ ...where([]), message: '' }).slice(0, -2)}: skipping ${kind} (${apiVersion}): not simulated by netpol-dojo`); return; }
  if (!versions.includes(apiVersion)) {
    fail(['apiVersion'], `no matches for kind "${kind}" in version "${apiVersion}" (expected apiVersion: ${versions.join(' or ')})`);
    return;
  }
  const schema = kind === 'Namespace' ? namespaceSchema : kind === 'Pod' ? podSchema : kind === 'Service' ? serviceSchema
    : kind === 'NetworkPolicy' ? networkPolicySchema : kind === 'CronJob' ? cronJobSchema : workloadSchema;
  // Most objects are valid: a compiled check says so without zod's cost; zod reports the rest (fast-validate.ts).
  const res = fastAccepts(schema, data) ? { success: true as const, data } : schema.safeParse(data);
  const name = typeof (data.metadata as Record<string, unknown> | undefined)?.name === 'string' ? String((data.metadata as Record<string, unknown>).name) : undefined;
  if (!res.success) {
    for (const m of issueMessages(res.error.issues, data, kind, name)) fail(m.path, m.message, m.keyPos);
    return;
  }
  const v = res.data as Record<string, any>; // validated above; narrowed per kind below
  const meta = v.metadata as { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; creationTimestamp?: string | null; uid?: string };
  const source = where([]);
  const namespace = meta.namespace ?? ctx.defaultNamespace;
  // The API server's name and label rules: one message for the object, pointing at the first bad field.
  const bad = nameErrors(kind, data, namespace);
  if (bad.length) { fail(bad[0].at, invalidObjectMessage(kind, name, bad), bad[0].keyPos); return; }
  const common = {
    name: meta.name, namespace, labels: labelsOf(meta.labels),
    annotations: meta.annotations, creationTimestamp: meta.creationTimestamp ?? undefined, uid: meta.uid,
  };
  switch (kind) {
    case 'Namespace':
      ctx.objects.push({ kind: 'Namespace', name: meta.name, labels: { ...labelsOf(meta.labels), [NAME_LABEL]: meta.name }, source, raw: data });
      return;
    case 'Pod':
      ctx.objects.push({
        kind: 'Pod', source, raw: data,
        pod: { ...common, containers: containersOf(v.spec), owner: 'Pod', nodeName: v.spec.nodeName, ip: v.status?.podIP ?? v.status?.podIPs?.[0]?.ip },
      });
      return;
    case 'Service': {
      const spec = v.spec ?? {};
      const clusterIP = spec.clusterIP && spec.clusterIP !== 'None' && spec.clusterIP !== '' ? spec.clusterIP : spec.clusterIP === 'None' ? 'None' : undefined;
      ctx.objects.push({
        kind: 'Service', source, raw: data,
        service: {
          ...common, type: spec.type ?? 'ClusterIP', clusterIP, selector: spec.selector,
          ports: (spec.ports ?? []).map((p: { name?: string; port: number; targetPort?: number | string; protocol?: Protocol; nodePort?: number }) => ({
            name: p.name, port: p.port, targetPort: p.targetPort ?? p.port, protocol: p.protocol ?? 'TCP', nodePort: p.nodePort,
          })),
        },
      });
      return;
    }
    case 'NetworkPolicy': {
      const spec = (v.spec ?? {}) as NetworkPolicySpec;
      ctx.objects.push({ kind: 'NetworkPolicy', source, raw: data, policy: { ...common, spec: { ...spec, podSelector: spec.podSelector ?? {} } } });
      return;
    }
    default: {
      const template = kind === 'CronJob' ? v.spec.jobTemplate.spec.template : v.spec.template;
      ctx.objects.push({
        kind: 'Pod', source, raw: data,
        pod: {
          ...common, labels: labelsOf(template.metadata?.labels), annotations: template.metadata?.annotations,
          containers: containersOf(template.spec), owner: kind as WorkloadKind, nodeName: template.spec.nodeName,
        },
      });
    }
  }
}

/** Parses multi-document YAML. Errors carry file, line and column; unsupported kinds become warnings. */
export function parseManifests(text: string, file = '<stdin>', defaultNamespace = 'default'): ParseResult {
  // JSON and the common YAML subset take fast paths; errors and positions are the yaml package's (manifest-docs.ts).
  const ctx: Ctx = { file, errors: [], warnings: [], objects: [], defaultNamespace, doc: undefined as unknown as ManifestDoc };
  for (const doc of readManifestDocs(text)) {
    if (doc.error) {
      ctx.errors.push({ file, line: doc.error.line, col: doc.error.col, message: doc.error.message });
      continue;
    }
    ctx.doc = doc;
    handleObject(ctx, doc.value, []);
  }
  // Messages quote keys, kinds and YAML source bytes: control characters in them are made visible here.
  if (ctx.errors.length) return { ok: false, errors: ctx.errors.map((e) => ({ ...e, message: escapeControl(e.message) })) };
  return { ok: true, value: { objects: ctx.objects, warnings: ctx.warnings.map((w) => escapeControl(w)) } };
}

/** The cluster the objects describe (see buildCluster for IP assignment and referenced namespaces). */
export function clusterFromObjects(objects: readonly ManifestObject[]): Cluster {
  return buildCluster({
    namespaces: objects.flatMap((o) => (o.kind === 'Namespace' ? [{ name: o.name, labels: o.labels }] : [])),
    pods: objects.flatMap((o) => (o.kind === 'Pod' ? [o.pod] : [])),
    services: objects.flatMap((o) => (o.kind === 'Service' ? [o.service] : [])),
    policies: objects.flatMap((o) => (o.kind === 'NetworkPolicy' ? [o.policy] : [])),
  });
}
