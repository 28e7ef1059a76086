// OpenAPI v3 documents for the simulated kinds, generated from the project's own field documentation: what
// `kubectl explain` reads, and what kubectl checks before it relies on the server's field validation (the
// `fieldValidation` query parameter of the PATCH operations, found through x-kubernetes-group-version-kind).
import { NETWORK_POLICY_DOC, type FieldDoc } from '../kubectl/explain-docs.ts';
import { hash32 } from '../kubectl/ids.ts';
import type { ResourceType } from '../kubectl/resources.ts';
import { KUBE_VERSION, type JsonObject } from '../kubectl/sandbox.ts';
import { STORED_GROUPS, typesOfGroup } from './discovery.ts';
import { KIND_DOCS, MERGE_KEYS } from './openapi-fields.ts';

const META_TYPES = ['ObjectMeta', 'LabelSelector', 'LabelSelectorRequirement', 'Patch', 'Status', 'DeleteOptions'];
const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';

function packageOf(group: string): string {
  switch (group) {
    case 'apps': return 'io.k8s.api.apps.v1';
    case 'batch': return 'io.k8s.api.batch.v1';
    case 'networking.k8s.io': return 'io.k8s.api.networking.v1';
    default: return 'io.k8s.api.core.v1';
  }
}

/** The component name of a type: meta types in apimachinery, pod parts in core, the rest in the kind's group. */
function componentName(type: string, group: string): string {
  if (META_TYPES.includes(type)) return `io.k8s.apimachinery.pkg.apis.meta.v1.${type}`;
  if (['PodSpec', 'PodTemplateSpec', 'Container', 'ContainerPort', 'EnvVar'].includes(type)) return `io.k8s.api.core.v1.${type}`;
  if (type === 'JobSpec' || type === 'JobTemplateSpec') return `io.k8s.api.batch.v1.${type}`;
  return `${packageOf(group)}.${type}`;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

class SchemaBuilder {
  readonly schemas: Record<string, JsonObject> = {};
  constructor(private readonly group: string) {}

  property(f: FieldDoc): JsonObject {
    const description = f.description;
    const list = f.type.startsWith('[]');
    const base = list ? f.type.slice(2) : f.type;
    let item: JsonObject;
    if (base === 'string') item = { type: 'string', ...(list ? { default: '' } : {}) };
    else if (base === 'integer') item = { type: 'integer', format: 'int32' };
    else if (base === 'boolean') item = { type: 'boolean' };
    else if (base === 'map[string]string') item = { type: 'object', additionalProperties: { type: 'string', default: '' } };
    else if (base === 'IntOrString') {
      this.schemas[INT_OR_STRING] = { type: 'string', format: 'int-or-string', 'x-kubernetes-int-or-string': true };
      item = { allOf: [ref(INT_OR_STRING)] };
    } else {
      // The field's words go on the property only: explain prints a type's own description after the field's.
      const name = this.component(base, f.fields ?? [], '');
      item = { allOf: [ref(name)], default: {} };
    }
    if (!list) return { ...item, description };
    const key = MERGE_KEYS[base];
    const items = item.allOf ? { allOf: item.allOf, default: {} } : item;
    return {
      type: 'array', description, items,
      ...(key ? { 'x-kubernetes-list-map-keys': [key], 'x-kubernetes-list-type': 'map', 'x-kubernetes-patch-merge-key': key, 'x-kubernetes-patch-strategy': 'merge' } : { 'x-kubernetes-list-type': 'atomic' }),
    };
  }

  component(type: string, fields: readonly FieldDoc[], description: string, gvk?: JsonObject): string {
    const name = componentName(type, this.group);
    if (this.schemas[name] && !gvk) return name;
    const properties: JsonObject = {};
    for (const f of fields) properties[f.name] = this.property(f);
    const required = fields.filter((f) => f.required).map((f) => f.name);
    this.schemas[name] = {
      ...(description ? { description } : {}), type: 'object', properties,
      ...(required.length ? { required } : {}),
      ...(gvk ? { 'x-kubernetes-group-version-kind': [gvk] } : {}),
    };
    return name;
  }
}

function docOf(t: ResourceType): FieldDoc {
  return t.kind === 'NetworkPolicy' ? NETWORK_POLICY_DOC : KIND_DOCS[t.kind];
}

const param = (name: string, description: string) => ({ name, in: 'query', description, schema: { type: 'string', uniqueItems: true } });

const WRITE_PARAMS = [
  param('dryRun', 'When present, indicates that modifications should not be persisted. The only valid value is All.'),
  param('fieldManager', 'A name associated with the actor or entity that is making these changes.'),
  param('fieldValidation', 'What the server does with unknown or duplicate fields in the object: Ignore drops them silently, Warn (the default) drops them with a warning, Strict refuses the request with a BadRequest error.'),
];

function operations(t: ResourceType, schema: string): Record<string, JsonObject> {
  const gvk = { group: t.group, version: 'v1', kind: t.kind };
  const result = (s: string) => ({ '200': { description: 'OK', content: { 'application/json': { schema: ref(s) } } } });
  const op = (action: string, extra: JsonObject = {}) => ({ operationId: `${action}${t.kind}`, ...extra, responses: result(schema), 'x-kubernetes-action': action, 'x-kubernetes-group-version-kind': gvk });
  const body = { content: { 'application/json': { schema: ref(schema) } }, required: true };
  const patchTypes = ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'];
  const patchBody = { content: Object.fromEntries(patchTypes.map((c) => [c, { schema: ref('io.k8s.apimachinery.pkg.apis.meta.v1.Patch') }])), required: true };
  const prefix = t.group ? `/apis/${t.group}/v1` : '/api/v1';
  const coll = t.namespaced ? `${prefix}/namespaces/{namespace}/${t.plural}` : `${prefix}/${t.plural}`;
  const stored = !['Endpoints', 'Node', 'Event'].includes(t.kind);
  const paths: Record<string, JsonObject> = {
    [coll]: { get: op('list'), ...(stored ? { post: op('post', { parameters: WRITE_PARAMS, requestBody: body }) } : {}) },
    [`${coll}/{name}`]: {
      get: op('get'),
      ...(stored ? {
        put: op('put', { parameters: WRITE_PARAMS, requestBody: body }),
        patch: op('patch', { parameters: [...WRITE_PARAMS, param('force', 'Force is going to "force" Apply requests.')], requestBody: patchBody }),
        delete: op('delete'),
      } : {}),
    },
  };
  if (t.namespaced) paths[`${prefix}/${t.plural}`] = { get: op('list') };
  return paths;
}

/** The OpenAPI v3 document of one group version ('' = core). */
export function openApiDocument(group: string): JsonObject {
  const b = new SchemaBuilder(group);
  b.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.Patch'] = { description: 'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.', type: 'object' };
  let paths: Record<string, JsonObject> = {};
  for (const t of typesOfGroup(group)) {
    const doc = docOf(t);
    if (!doc) continue;
    const name = b.component(t.kind, doc.fields ?? [], doc.description, { group: t.group, version: 'v1', kind: t.kind });
    paths = { ...paths, ...operations(t, name) };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: KUBE_VERSION }, paths, components: { schemas: b.schemas } };
}

export interface OpenApiSet {
  /** "api/v1", "apis/apps/v1", … → the document's JSON text. */
  readonly documents: ReadonlyMap<string, string>;
  readonly hashes: ReadonlyMap<string, string>;
}

let cached: OpenApiSet | undefined;

export function openApiSet(): OpenApiSet {
  if (cached) return cached;
  const documents = new Map<string, string>();
  const hashes = new Map<string, string>();
  for (const g of STORED_GROUPS) {
    const key = g ? `apis/${g}/v1` : 'api/v1';
    const text = JSON.stringify(openApiDocument(g));
    documents.set(key, text);
    hashes.set(key, `${hash32(text).toString(16).toUpperCase().padStart(8, '0')}${hash32(text, 7).toString(16).toUpperCase().padStart(8, '0')}`);
  }
  cached = { documents, hashes };
  return cached;
}

/** The /openapi/v3 index; `base` is the cluster's path prefix ('' or '/clusters/NAME'). */
export function openApiIndex(base: string): JsonObject {
  const set = openApiSet();
  const paths: JsonObject = {};
  for (const [key, hash] of set.hashes) paths[key] = { serverRelativeURL: `${base}/openapi/v3/${key}?hash=${hash}` };
  return { paths };
}
