// The API server's read path over the simulated cluster: one object, a list with label and field selectors,
// and the object as the API returns it (pods carry the conditions `kubectl wait` looks for). Pure.
import { failure, notFound, type ApiResult } from './api-status.ts';
import { arr, obj, str } from './json.ts';
import { parseSelector, selectorMatches, type SelectorTerm } from './labelsel.ts';
import type { ResourceType } from './resources.ts';
import type { JsonObject, Sandbox } from './sandbox.ts';
import { listItems, type Item } from './views.ts';

export interface FieldTerm { readonly path: string; readonly op: 'eq' | 'ne'; readonly value: string }

/** The fields each kind can be selected by (the API server's field label conversions). */
const FIELDS: Record<string, readonly string[]> = {
  Pod: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'],
  Namespace: ['status.phase'],
  Service: ['spec.clusterIP', 'spec.type'],
  Job: ['status.successful'],
  Node: ['spec.unschedulable'],
  Event: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion',
    'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
};

export function parseFieldSelector(text: string, type: ResourceType): ApiResult<FieldTerm[]> {
  const terms: FieldTerm[] = [];
  if (text.trim() === '') return { ok: true, value: terms };
  for (const part of text.split(',')) {
    const m = /^\s*([^=!\s]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(part);
    if (!m) return failure('BadRequest', `invalid selector: '${text}'; can't understand '${part}'`);
    const path = m[1];
    if (path !== 'metadata.name' && path !== 'metadata.namespace' && !(FIELDS[type.kind] ?? []).includes(path)) {
      return failure('BadRequest', `field label not supported: ${path}`);
    }
    terms.push({ path, op: m[2] === '!=' ? 'ne' : 'eq', value: m[3] });
  }
  return { ok: true, value: terms };
}

function fieldValue(m: JsonObject, path: string): string {
  let cur: unknown = m;
  for (const p of path.split('.')) cur = obj(cur)[p];
  return cur === undefined || cur === null ? '' : String(cur);
}

export function fieldsMatch(terms: readonly FieldTerm[], m: JsonObject): boolean {
  return terms.every((t) => (fieldValue(m, t.path) === t.value) === (t.op === 'eq'));
}

export interface Selectors { readonly labels: readonly SelectorTerm[]; readonly fields: readonly FieldTerm[] }

export function parseSelectors(labelSelector: string, fieldSelector: string, type: ResourceType): ApiResult<Selectors> {
  const l = parseSelector(labelSelector);
  if (!l.ok) return failure('BadRequest', l.error.replace(/^error: /, ''));
  const f = parseFieldSelector(fieldSelector, type);
  if (!f.ok) return f;
  return { ok: true, value: { labels: l.terms, fields: f.value } };
}

export function selected(sel: Selectors, m: JsonObject): boolean {
  return (sel.labels.length === 0 || selectorMatches(sel.labels, obj(obj(m.metadata).labels) as Record<string, string>)) && fieldsMatch(sel.fields, m);
}

/** A pod as the API returns it: a running (or finished) pod's conditions, when the stored status has none. */
export function apiView(m: JsonObject): JsonObject {
  if (m.kind !== 'Pod') return m;
  const status = obj(m.status);
  if (status.conditions !== undefined) return m;
  const phase = str(status.phase);
  const at = str(status.startTime) ?? str(obj(m.metadata).creationTimestamp) ?? null;
  const cond = (type: string, ok: boolean, reason?: string) => ({ lastProbeTime: null, lastTransitionTime: at, ...(reason ? { reason } : {}), status: ok ? 'True' : 'False', type });
  let conditions: JsonObject[];
  if (phase === 'Running') {
    const ready = arr(status.containerStatuses).every((c) => obj(c).ready !== false);
    conditions = [cond('PodReadyToStartContainers', true), cond('Initialized', true), cond('Ready', ready, ready ? undefined : 'ContainersNotReady'),
      cond('ContainersReady', ready, ready ? undefined : 'ContainersNotReady'), cond('PodScheduled', true)];
  } else if (phase === 'Succeeded' || phase === 'Failed') {
    conditions = [cond('PodReadyToStartContainers', false), cond('Initialized', true, 'PodCompleted'), cond('Ready', false, 'PodCompleted'),
      cond('ContainersReady', false, 'PodCompleted'), cond('PodScheduled', true)];
  } else return m;
  return { ...m, status: { ...status, conditions } };
}

/** Objects of a type in a namespace (all when undefined) that the selectors pick. */
export function apiList(sb: Sandbox, type: ResourceType, namespace: string | undefined, sel: Selectors): Item[] {
  return listItems(sb, type, type.namespaced ? namespace : undefined)
    .map((it) => (it.type.kind === 'Pod' ? { ...it, manifest: apiView(it.manifest) } : it))
    .filter((it) => selected(sel, it.manifest));
}

export function apiGet(sb: Sandbox, type: ResourceType, namespace: string, name: string): ApiResult<Item> {
  const it = listItems(sb, type, type.namespaced ? namespace : undefined).find((i) => i.name === name);
  if (!it) return notFound(type, name);
  return { ok: true, value: type.kind === 'Pod' ? { ...it, manifest: apiView(it.manifest) } : it };
}

/** `PodList`, `NetworkPolicyList`, … with the cluster's resourceVersion. */
export function listBody(sb: Sandbox, type: ResourceType, items: readonly Item[]): JsonObject {
  const apiVersion = type.group ? `${type.group}/v1` : 'v1';
  return { kind: `${type.kind}List`, apiVersion, metadata: { resourceVersion: String(sb.counters.resourceVersion) }, items: items.map((i) => i.manifest) };
}
