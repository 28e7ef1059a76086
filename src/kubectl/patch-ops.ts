// The three patch formats of kubectl patch, pure: RFC 7386 merge patch, RFC 6902 JSON patch and a
// strategic merge patch (merge patch with element-wise merging of lists that have a merge key).
import { deepEqual, isObject } from './json.ts';
import type { JsonObject } from './sandbox.ts';

export type PatchResult = { ok: true; value: unknown } | { ok: false; error: string };

const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)) as T);

/** RFC 7386: objects merge recursively, null deletes a key, anything else (arrays too) replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return clone(patch);
  const result: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete result[k];
    else result[k] = mergePatch(result[k], v);
  }
  return result;
}

/** The merge key of a list field in the Kubernetes API (the ones the simulator's kinds carry). */
export function mergeKeyOf(field: string, items: readonly unknown[]): string | undefined {
  switch (field) {
    case 'containers': case 'initContainers': case 'ephemeralContainers': case 'env': case 'volumes': case 'imagePullSecrets':
      return 'name';
    case 'volumeMounts': return 'mountPath';
    case 'ports': return items.some((i) => isObject(i) && 'containerPort' in i) ? 'containerPort' : 'port';
    default: return undefined;
  }
}

/** Strategic merge patch; NetworkPolicy ingress/egress/policyTypes have no merge key, so they are replaced. */
export function strategicPatch(target: unknown, patch: unknown): PatchResult {
  if (!isObject(patch)) return { ok: true, value: clone(patch) };
  const directive = patch.$patch;
  const rest: JsonObject = { ...patch };
  delete rest.$patch;
  if (directive === 'replace') return { ok: true, value: clone(rest) };
  if (directive === 'delete') return { ok: true, value: undefined };
  if (directive !== undefined) return { ok: false, error: `Unknown patch type: ${String(directive)}` };
  const result: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(rest)) {
    if (k.startsWith('$setElementOrder/') || k.startsWith('$deleteFromPrimitiveList/') || k === '$retainKeys') continue;
    if (v === null) { delete result[k]; continue; }
    if (Array.isArray(v)) {
      const r = mergeList(k, result[k], v);
      if (!r.ok) return r;
      result[k] = r.value;
      continue;
    }
    const r = strategicPatch(result[k], v);
    if (!r.ok) return r;
    if (r.value === undefined) delete result[k]; else result[k] = r.value;
  }
  return { ok: true, value: result };
}

function mergeList(field: string, current: unknown, patch: readonly unknown[]): PatchResult {
  const replace = patch.some((e) => isObject(e) && e.$patch === 'replace');
  const items = patch.filter((e) => !(isObject(e) && e.$patch === 'replace'));
  const key = mergeKeyOf(field, items);
  if (replace || key === undefined || !Array.isArray(current)) {
    return { ok: true, value: clone(items.filter((e) => !(isObject(e) && e.$patch === 'delete'))).map((e) => (isObject(e) ? withoutDirectives(e) : e)) };
  }
  const result: unknown[] = [...current];
  for (const e of items) {
    if (!isObject(e) || !(key in e)) return { ok: false, error: `map: ${JSON.stringify(e)} does not contain declared merge key: ${key}` };
    const idx = result.findIndex((c) => isObject(c) && deepEqual(c[key], e[key]));
    if (e.$patch === 'delete') { if (idx >= 0) result.splice(idx, 1); continue; }
    if (idx < 0) { result.push(withoutDirectives(clone(e))); continue; }
    const r = strategicPatch(result[idx], e);
    if (!r.ok) return r;
    result[idx] = r.value;
  }
  return { ok: true, value: result };
}

function withoutDirectives(o: JsonObject): JsonObject {
  const r: JsonObject = {};
  for (const [k, v] of Object.entries(o)) if (k !== '$patch') r[k] = v;
  return r;
}

// RFC 6902 ---------------------------------------------------------------------------------------

function parsePointer(path: string): string[] | undefined {
  if (path === '') return [];
  if (!path.startsWith('/')) return undefined;
  return path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

type Container = JsonObject | unknown[];

/** The parent container of a pointer and its last token, or why there is none. */
function locate(doc: unknown, tokens: readonly string[]): { ok: true; parent: Container; last: string } | { ok: false } {
  let cur: unknown = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) {
      if (!/^(0|[1-9]\d*)$/.test(t) || Number(t) >= cur.length) return { ok: false };
      cur = cur[Number(t)];
    } else if (isObject(cur) && Object.hasOwn(cur, t)) cur = cur[t];
    else return { ok: false };
  }
  if (!Array.isArray(cur) && !isObject(cur)) return { ok: false };
  return { ok: true, parent: cur, last: tokens[tokens.length - 1] };
}

function getAt(doc: unknown, tokens: readonly string[]): { ok: true; value: unknown } | { ok: false } {
  if (tokens.length === 0) return { ok: true, value: doc };
  const l = locate(doc, tokens);
  if (!l.ok) return l;
  if (Array.isArray(l.parent)) {
    if (!/^(0|[1-9]\d*)$/.test(l.last) || Number(l.last) >= l.parent.length) return { ok: false };
    return { ok: true, value: l.parent[Number(l.last)] };
  }
  return Object.hasOwn(l.parent, l.last) ? { ok: true, value: l.parent[l.last] } : { ok: false };
}

function addAt(doc: unknown, tokens: readonly string[], value: unknown, op: string, path: string): PatchResult {
  if (tokens.length === 0) return { ok: true, value };
  const l = locate(doc, tokens);
  if (!l.ok) return { ok: false, error: `${op} operation does not apply: doc is missing path: "${path}": missing value` };
  if (Array.isArray(l.parent)) {
    const i = l.last === '-' ? l.parent.length : /^(0|[1-9]\d*)$/.test(l.last) ? Number(l.last) : NaN;
    if (Number.isNaN(i) || i > l.parent.length) return { ok: false, error: `${op} operation does not apply: index out of bounds: ${l.last}` };
    l.parent.splice(i, 0, value);
  } else l.parent[l.last] = value;
  return { ok: true, value: doc };
}

function removeAt(doc: unknown, tokens: readonly string[], op: string, path: string): PatchResult {
  const l = tokens.length ? locate(doc, tokens) : { ok: false as const };
  const missing = { ok: false as const, error: `${op} operation does not apply: doc is missing path: "${path}"` };
  if (!l.ok) return missing;
  if (Array.isArray(l.parent)) {
    if (!/^(0|[1-9]\d*)$/.test(l.last) || Number(l.last) >= l.parent.length) return missing;
    l.parent.splice(Number(l.last), 1);
  } else {
    if (!Object.hasOwn(l.parent, l.last)) return missing;
    delete l.parent[l.last];
  }
  return { ok: true, value: doc };
}

/** RFC 6902 JSON patch: add, remove, replace, move, copy, test. */
export function jsonPatch(target: unknown, ops: unknown): PatchResult {
  if (!Array.isArray(ops)) return { ok: false, error: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch' };
  let doc = clone(target);
  for (const raw of ops) {
    if (!isObject(raw)) return { ok: false, error: 'json: cannot unmarshal into Go value of type jsonpatch.Operation' };
    const op = String(raw.op ?? '');
    const path = typeof raw.path === 'string' ? raw.path : undefined;
    if (path === undefined) return { ok: false, error: `${op || 'operation'} operation missing path` };
    const tokens = parsePointer(path);
    if (!tokens) return { ok: false, error: `invalid JSON pointer: "${path}"` };
    const needValue = op === 'add' || op === 'replace' || op === 'test';
    if (needValue && !Object.hasOwn(raw, 'value')) return { ok: false, error: `${op} operation missing value` };
    let r: PatchResult;
    switch (op) {
      case 'add': r = addAt(doc, tokens, clone(raw.value), op, path); break;
      case 'remove': r = removeAt(doc, tokens, op, path); break;
      case 'replace': {
        if (!getAt(doc, tokens).ok) { r = { ok: false, error: `replace operation does not apply: doc is missing key: ${path}: missing value` }; break; }
        if (tokens.length === 0) { r = { ok: true, value: clone(raw.value) }; break; }
        const rm = removeAt(doc, tokens, op, path);
        r = rm.ok ? addAt(rm.value, tokens, clone(raw.value), op, path) : rm;
        break;
      }
      case 'move': case 'copy': {
        const from = typeof raw.from === 'string' ? parsePointer(raw.from) : undefined;
        if (!from) { r = { ok: false, error: `${op} operation missing from` }; break; }
        const got = getAt(doc, from);
        if (!got.ok) { r = { ok: false, error: `${op} operation does not apply: doc is missing from path: "${String(raw.from)}"` }; break; }
        if (op === 'move') {
          const rm = removeAt(doc, from, op, String(raw.from));
          r = rm.ok ? addAt(rm.value, tokens, got.value, op, path) : rm;
        } else r = addAt(doc, tokens, clone(got.value), op, path);
        break;
      }
      case 'test': {
        const got = getAt(doc, tokens);
        r = got.ok && deepEqual(got.value, raw.value) ? { ok: true, value: doc } : { ok: false, error: `testing value ${path} failed: test failed` };
        break;
      }
      default: r = { ok: false, error: `Unexpected kind: ${op}` };
    }
    if (!r.ok) return r;
    doc = r.value;
  }
  return { ok: true, value: doc };
}
