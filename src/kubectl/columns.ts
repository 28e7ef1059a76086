// get --sort-by=JSONPATH and -o custom-columns=HEADER:JSONPATH,…, the way kubectl does them.
import { table } from './format.ts';
import { jsonPathValues } from './jsonpath.ts';
import type { JsonObject } from './sandbox.ts';

const BAD_PATH = "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'";

/** Go's %v of a decoded JSON value: how kubectl prints a custom column's maps and lists. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o).sort().map((k) => `${k}:${goValue(o[k])}`).join(' ')}]`;
  }
  return String(v);
}

export type ColumnSpec = { header: string; path: string };

/** Parses the text after `custom-columns=`. */
export function parseCustomColumns(spec: string): { ok: true; columns: ColumnSpec[] } | { ok: false; error: string } {
  if (spec.trim() === '') return { ok: false, error: 'error: custom-columns format specified but no custom columns given' };
  const columns: ColumnSpec[] = [];
  for (const part of spec.split(',')) {
    const colon = part.indexOf(':');
    if (colon < 0) return { ok: false, error: `error: unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>` };
    const path = part.slice(colon + 1);
    if (jsonPathValues({}, path) === undefined || path.trim() === '') return { ok: false, error: BAD_PATH };
    columns.push({ header: part.slice(0, colon), path });
  }
  return { ok: true, columns };
}

/** The custom-columns table: one row per object, `<none>` where the path finds nothing, several values joined by commas. */
export function customColumnsTable(columns: readonly ColumnSpec[], manifests: readonly JsonObject[], headers: boolean): string {
  const rows = manifests.map((m) => columns.map((c) => {
    const values = (jsonPathValues(m, c.path) ?? []).filter((v) => v !== undefined);
    return values.length ? values.map(goValue).join(',') : '<none>';
  }));
  return table(headers ? columns.map((c) => c.header) : undefined, rows);
}

function sortKey(m: JsonObject, path: string): unknown {
  return (jsonPathValues(m, path) ?? [])[0];
}

function compare(a: unknown, b: unknown): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const x = typeof a === 'object' ? goValue(a) : String(a);
  const y = typeof b === 'object' ? goValue(b) : String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Sorts items by a JSONPath like kubectl's --sort-by (stable; objects without the field first). */
export function sortByPath<T>(items: readonly T[], manifest: (it: T) => JsonObject, path: string): { ok: true; items: T[] } | { ok: false; error: string } {
  if (jsonPathValues({}, path) === undefined || path.trim() === '') return { ok: false, error: BAD_PATH };
  const keyed = items.map((it) => ({ it, key: sortKey(manifest(it), path) }));
  if (keyed.length > 0 && keyed.every((k) => k.key === undefined)) {
    const shown = path.trim().startsWith('{') ? path.trim() : `{${path.trim().startsWith('.') ? '' : '.'}${path.trim()}}`;
    return { ok: false, error: `error: couldn't find any field with path "${shown}" in the list of objects` };
  }
  return { ok: true, items: keyed.sort((a, b) => compare(a.key, b.key)).map((k) => k.it) };
}
