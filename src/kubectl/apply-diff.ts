// Whether `kubectl apply` sends a patch for an object that exists: kubectl computes a three-way strategic merge
// patch from the last-applied configuration (original), the file (modified) and the live object (current), and
// prints "unchanged" only when that patch is empty. A list without a merge key (NetworkPolicy ingress and egress)
// is compared whole with the live one, so a field the API server defaulted inside it (a rule's port protocol)
// makes every re-apply "configured", as it does on a real cluster. Pure.
import { deepEqual, isObject } from './json.ts';
import { mergeKeyOf } from './patch-ops.ts';

/** Something in the file differs from the live object (fields the file leaves out are not looked at). */
function changesOrAdditions(current: unknown, modified: unknown, field: string): boolean {
  if (isObject(modified)) {
    if (!isObject(current)) return true;
    return Object.entries(modified).some(([k, v]) => !(k in current) ? v !== null : changesOrAdditions(current[k], v, k));
  }
  if (Array.isArray(modified)) {
    const key = mergeKeyOf(field, modified);
    if (key === undefined || !Array.isArray(current)) return !deepEqual(current, modified);
    return modified.some((e) => {
      if (!isObject(e)) return true;
      const match = current.find((c) => isObject(c) && deepEqual(c[key], e[key]));
      return match === undefined || changesOrAdditions(match, e, field);
    });
  }
  return !deepEqual(current, modified);
}

/** Something the last apply set is no longer in the file (kubectl deletes it). */
function deletions(original: unknown, modified: unknown, field: string): boolean {
  if (isObject(original)) {
    if (!isObject(modified)) return modified === undefined ? Object.keys(original).length > 0 : false;
    return Object.entries(original).some(([k, v]) => !(k in modified) || deletions(v, modified[k], k));
  }
  if (Array.isArray(original) && Array.isArray(modified)) {
    const key = mergeKeyOf(field, original);
    if (key === undefined) return false; // replaced whole: changesOrAdditions compares it
    return original.some((o) => {
      if (!isObject(o)) return false;
      const match = modified.find((m) => isObject(m) && deepEqual(m[key], o[key]));
      return match === undefined || deletions(o, match, field);
    });
  }
  return false;
}

/** True when kubectl's apply patch would be empty: it then prints "unchanged" and sends nothing. */
export function applyPatchIsEmpty(original: unknown, modified: unknown, current: unknown): boolean {
  return !changesOrAdditions(current, modified, '') && !deletions(original ?? {}, modified, '');
}
