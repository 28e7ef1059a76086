// Small helpers for plain JSON objects: stable comparison, deep key sorting, safe property access.
import type { JsonObject } from './sandbox.ts';

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function obj(v: unknown): JsonObject {
  return isObject(v) ? v : {};
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** A copy with object keys sorted at every level (kubectl prints YAML and JSON this way). */
export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isObject(v)) {
    const out: JsonObject = {};
    for (const k of Object.keys(v).sort()) if (v[k] !== undefined) out[k] = sortKeys(v[k]);
    return out;
  }
  return v;
}

export function stableJson(v: unknown): string {
  return JSON.stringify(sortKeys(v));
}

export function deepEqual(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

/** Drops undefined values and, optionally, empty arrays (Go's omitempty) at every level. */
export function compact(v: unknown, dropEmptyArrays = false): unknown {
  if (Array.isArray(v)) return v.map((x) => compact(x, dropEmptyArrays));
  if (isObject(v)) {
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) continue;
      if (dropEmptyArrays && Array.isArray(x) && x.length === 0) continue;
      out[k] = compact(x, dropEmptyArrays);
    }
    return out;
  }
  return v;
}

export function labelsOf(manifest: JsonObject): Record<string, string> {
  return obj(obj(manifest.metadata).labels) as Record<string, string>;
}
