// Server-side printing: the meta.k8s.io/v1 Table a real kubectl asks for (`Accept: …;as=Table;…`), made by the
// same column code as the built-in `kubectl get`; the `-o wide` columns have priority 1. Pure.
import { columnsFor } from './get.ts';
import { obj } from './json.ts';
import type { ResourceType } from './resources.ts';
import type { JsonObject, Sandbox } from './sandbox.ts';
import type { Item } from './views.ts';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export function includeObjectOf(v: string | null): IncludeObject | undefined {
  if (v === null || v === '' || v === 'Metadata') return 'Metadata';
  if (v === 'None' || v === 'Object') return v;
  return undefined;
}

const DESCRIPTIONS: Record<string, string> = {
  NAME: 'Name must be unique within a namespace. Cannot be updated.',
  AGE: 'CreationTimestamp is a timestamp representing the server time when this object was created.',
};

/** "NOMINATED NODE" → "Nominated Node", "CLUSTER-IP" → "Cluster-IP" (kubectl upper-cases them again). */
function columnName(header: string): string {
  return header.split(' ').map((w) => w.split('-').map((p) => (p === 'IP' || p.length <= 1 ? p : p[0] + p.slice(1).toLowerCase())).join('-')).join(' ');
}

function rowObject(m: JsonObject, include: IncludeObject): JsonObject | undefined {
  if (include === 'None') return undefined;
  if (include === 'Object') return m;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj(m.metadata) };
}

export interface TableOptions {
  readonly includeObject: IncludeObject;
  /** Watch events after the first carry rows only. */
  readonly noHeaders?: boolean;
}

export function tableBody(sb: Sandbox, now: string, type: ResourceType, items: readonly Item[], opts: TableOptions): JsonObject {
  const narrow = columnsFor({ sb, now }, type, false).header.length;
  const cols = columnsFor({ sb, now }, type, true);
  const columnDefinitions = opts.noHeaders ? [] : cols.header.map((h, i) => ({
    name: columnName(h), type: 'string', format: i === 0 ? 'name' : '',
    description: DESCRIPTIONS[h] ?? `${columnName(h)} of the ${type.singular}.`, priority: i >= narrow ? 1 : 0,
  }));
  const rows = items.map((it) => {
    const object = rowObject(it.manifest, opts.includeObject);
    return { cells: cols.row(it), ...(object ? { object } : {}) };
  });
  return { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: String(sb.counters.resourceVersion) }, columnDefinitions, rows };
}
